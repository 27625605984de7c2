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


LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}


@register()
def check_oidc_issuers_use_https(app_configs=None, **kwargs):
    """Outside DEBUG, an OpenID Connect issuer must be https (loopback excepted, for tests).

    allauth trusts an ID token fetched straight from the token endpoint without checking
    its signature, which is only sound when that connection is TLS.
    """
    from urllib.parse import urlsplit

    from parley.accounts.providers.config import OIDC_PROVIDER

    if settings.DEBUG:
        return []
    apps = settings.SOCIALACCOUNT_PROVIDERS.get(OIDC_PROVIDER, {}).get("APPS", [])
    problems = []
    for app in apps:
        issuer = app.get("settings", {}).get("server_url", "")
        parts = urlsplit(issuer)
        if parts.scheme != "https" and parts.hostname not in LOOPBACK_HOSTS:
            problems.append(
                Error(
                    f"OpenID Connect provider {app.get('provider_id')!r} has issuer {issuer!r}.",
                    hint="Use the provider's https:// issuer URL.",
                    id="parley.accounts.E002",
                )
            )
    return problems
