"""System checks for the accounts settings."""

from django.conf import settings
from django.core.checks import Error, register


@register()
def check_accounts_settings(app_configs=None, **kwargs):
    """PARLEY_ACCOUNT_DELETE_COMMENTS must name one of the two choices readers get."""
    value = getattr(settings, "PARLEY_ACCOUNT_DELETE_COMMENTS", "keep")
    if value in ("keep", "remove"):
        return []
    return [
        Error(
            f"PARLEY_ACCOUNT_DELETE_COMMENTS is {value!r}.",
            hint='Use "keep" (comments stay, by "deleted user") or "remove".',
            id="parley.accounts.E001",
        )
    ]
