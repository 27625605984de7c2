"""The site's public address, for links that leave the page (feeds, short URLs, metadata)."""

from django.conf import settings


def absolute_url(path: str) -> str:
    """An absolute URL on this site for a path, or an already absolute URL unchanged."""
    return path if "://" in path else settings.PARLEY_BASE_URL + path
