"""System checks for link previews."""

import ipaddress
import os

from django.conf import settings
from django.core import checks
from django.core.checks import Error, register


def is_loopback(address: str) -> bool:
    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False


@register()
def check_preview_settings(app_configs=None, **kwargs):
    """Refuse the test-only address allowance outside DEBUG unless opted in (loopback only,
    with a warning), and ports that are not ports."""
    problems = []
    allowed = settings.PARLEY_PREVIEW_ALLOW_ADDRESSES
    opted_in = getattr(settings, "PARLEY_INSECURE_TEST_ADDRESSES", False)
    listed = ", ".join(map(str, allowed))
    if allowed and opted_in:
        problems.append(
            checks.Warning(
                f"INSECURE: link previews may fetch from {listed}, which are not public "
                "addresses (PARLEY_INSECURE_TEST_ADDRESSES is on).",
                hint="This is for tests that run a site on loopback. Never set "
                "PARLEY_INSECURE_TEST_ADDRESSES on a real site.",
                id="previews.W001",
            )
        )
        others = [address for address in allowed if not is_loopback(str(address))]
        if others:
            problems.append(
                Error(
                    "PARLEY_PREVIEW_ALLOW_ADDRESSES may only name loopback addresses "
                    f"(not {', '.join(map(str, others))}).",
                    hint="The private network and the cloud metadata service stay out of "
                    "reach even for tests.",
                    id="previews.E003",
                )
            )
    elif allowed and not settings.DEBUG:
        problems.append(
            Error(
                f"PARLEY_PREVIEW_ALLOW_ADDRESSES lets link previews reach addresses that "
                f"are not public ({listed}).",
                hint="It exists for tests that run their own servers on loopback; "
                "leave it empty on a real site.",
                id="previews.E001",
            )
        )
    if os.environ.get("PARLEY_PREVIEW_ALLOW_ADDRESSES") and not opted_in:
        problems.append(
            checks.Warning(
                "PARLEY_PREVIEW_ALLOW_ADDRESSES in the environment is ignored.",
                hint="Only tests use it, together with PARLEY_INSECURE_TEST_ADDRESSES=1.",
                id="previews.W002",
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
