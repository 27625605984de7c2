"""System checks: refuse to start on settings that cannot work."""

import zoneinfo

from django.conf import settings
from django.core.checks import Error, Warning, register


@register()
def check_parley_settings(app_configs=None, **kwargs):
    """Errors for settings combinations Parley cannot run with."""
    problems = []
    try:
        zoneinfo.ZoneInfo(settings.PARLEY_DISPLAY_TIME_ZONE)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        problems.append(
            Error(
                f"PARLEY_DISPLAY_TIME_ZONE {settings.PARLEY_DISPLAY_TIME_ZONE!r} "
                "is not an IANA time zone.",
                hint="Use a name such as Europe/London or Asia/Beirut.",
                id="parley.E001",
            )
        )
    if not settings.DEBUG and not settings.ALLOWED_HOSTS:
        problems.append(
            Error(
                "ALLOWED_HOSTS is empty, so every request would be refused.",
                hint="Set ALLOWED_HOSTS to the site's host names, comma-separated.",
                id="parley.E002",
            )
        )
    # Read past LazySettings, which raises on an empty key before we can explain it.
    key = getattr(settings._wrapped, "SECRET_KEY", "")
    if not key:
        problems.append(
            Error(
                "SECRET_KEY is not set.",
                hint="Set SECRET_KEY in the environment, or run `parley demo` once "
                "to generate a local one.",
                id="parley.E003",
            )
        )
    elif not settings.DEBUG and len(key) < 32:
        problems.append(
            Error(
                "SECRET_KEY is shorter than 32 characters.",
                hint="Generate one with: "
                "python -c 'import secrets; print(secrets.token_urlsafe(50))'",
                id="parley.E004",
            )
        )
    if settings.REDIS_URL and not settings.REDIS_URL.startswith(
        ("redis://", "rediss://", "unix://")
    ):
        problems.append(
            Error(
                f"REDIS_URL {settings.REDIS_URL!r} is not a redis://, rediss:// or unix:// URL.",
                id="parley.E005",
            )
        )
    if (
        settings.SECURE_HTTPS is False
        and not settings.DEBUG
        and settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
    ):
        problems.append(
            Warning(
                "PARLEY_BASE_URL is not https, so session cookies are sent without the "
                "Secure flag.",
                hint="Set PARLEY_BASE_URL=https://your.site in production.",
                id="parley.W001",
            )
        )
    return problems
