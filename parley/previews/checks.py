"""System checks for link previews."""

from django.conf import settings
from django.core.checks import Error, register


@register()
def check_preview_settings(app_configs=None, **kwargs):
    """Refuse the test-only address allowance outside DEBUG, and ports that are not ports."""
    problems = []
    allowed = settings.PARLEY_PREVIEW_ALLOW_ADDRESSES
    if allowed and not settings.DEBUG:
        problems.append(
            Error(
                "PARLEY_PREVIEW_ALLOW_ADDRESSES lets link previews reach addresses that "
                f"are not public ({', '.join(map(str, allowed))}).",
                hint="It exists for tests that run their own servers on loopback; "
                "leave it empty on a real site.",
                id="previews.E001",
            )
        )
    ports = settings.PARLEY_PREVIEW_PORTS
    if not ports or not all(isinstance(p, int) and 0 < p < 65536 for p in ports):
        problems.append(
            Error(
                f"PARLEY_PREVIEW_PORTS {ports!r} is not a list of TCP ports.",
                hint="The default is 80,443.",
                id="previews.E002",
            )
        )
    return problems
