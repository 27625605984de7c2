"""Test settings: the project's own settings, driven by the environment like production.

PARLEY_TEST_DB=postgres runs the suite against PARLEY_TEST_DATABASE_URL.
"""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "tests-only-secret-key-" + "x" * 40)
os.environ.setdefault("PARLEY_DATA_DIR", tempfile.mkdtemp(prefix="parley-tests-"))
os.environ.setdefault("PARLEY_BASE_URL", "http://testserver")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
if os.environ.get("PARLEY_TEST_DB") == "postgres":
    os.environ["DATABASE_URL"] = os.environ["PARLEY_TEST_DATABASE_URL"]
else:
    os.environ.pop("DATABASE_URL", None)
os.environ.pop("REDIS_URL", None)

from parley.settings import *  # noqa: F403

# One process: local memory is enough, and each test starts with an empty cache.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Tasks run at once, inside the test, so their effects can be asserted right after.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "background": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
}
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# WhiteNoise looks for collected files at start-up; tests serve static files uncollected.
STATIC_ROOT.mkdir(  # noqa: F405
    parents=True, exist_ok=True
)
