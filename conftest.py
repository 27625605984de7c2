"""Fixtures shared by every test: an empty cache and a small published newsroom."""

import os

import pytest


def require(condition: bool, reason: str) -> None:
    """Skip when a service or tool is missing, except in CI where it must be there."""
    if condition:
        return
    if os.environ.get("PARLEY_REQUIRE_SERVICES"):
        pytest.fail(f"required in CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def _empty_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path_factory):
    settings.MEDIA_ROOT = str(tmp_path_factory.getbasetemp() / "media")
