import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from parley.core import checks
from parley.core.database_url import parse_database_url

PARLEY = str(Path(sys.executable).parent / "parley")


def test_sqlite_url_gives_wal_with_immediate_transactions():
    """An embedded database takes the write lock up front and waits instead of failing."""
    db = parse_database_url("sqlite:////srv/parley/db.sqlite3")
    assert db["NAME"] == "/srv/parley/db.sqlite3"
    assert db["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in db["OPTIONS"]["init_command"]
    assert "busy_timeout" in db["OPTIONS"]["init_command"]


def test_postgres_url_is_parsed():
    """User, password (URL-encoded), host, port and database name are read."""
    db = parse_database_url("postgres://parley:p%40ss@db.internal:6543/news?sslmode=require")
    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert (db["USER"], db["PASSWORD"], db["HOST"], db["PORT"], db["NAME"]) == (
        "parley",
        "p@ss",
        "db.internal",
        "6543",
        "news",
    )
    assert db["OPTIONS"] == {"sslmode": "require"}


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("mysql://root@localhost/parley", "scheme 'mysql' is not supported"),
        ("postgres://localhost:5432/", "needs a database name"),
        ("postgres://localhost:notaport/x", "not a valid URL"),
        ("sqlite://", "needs a file path"),
        ("just some words", "scheme '(none)' is not supported"),
    ],
)
def test_malformed_database_url_says_what_is_wrong(url, message):
    """Each mistake gets a sentence a person can act on."""
    with pytest.raises(ImproperlyConfigured, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_database_url(url)


def run_parley(*args, **env):
    base = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DATABASE_URL"}}
    base["DJANGO_SETTINGS_MODULE"] = "parley.settings"
    return subprocess.run(
        [PARLEY, *args], env={**base, **env}, capture_output=True, text=True, timeout=60
    )


def test_malformed_database_url_stops_start_up_with_a_clear_error(tmp_path):
    """`parley` exits with a message, not a traceback."""
    result = run_parley(
        "check",
        DATABASE_URL="mysql://root@localhost/x",
        SECRET_KEY="k" * 50,
        PARLEY_DATA_DIR=str(tmp_path),
    )
    assert result.returncode == 2
    assert "configuration error: DATABASE_URL scheme 'mysql' is not supported" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_secret_key_says_how_to_get_one(tmp_path):
    """Outside the demo the key must come from the environment."""
    result = run_parley("check", PARLEY_DATA_DIR=str(tmp_path))
    assert result.returncode == 2
    assert "SECRET_KEY" in result.stderr and "parley demo" in result.stderr
    assert "Traceback" not in result.stderr


def test_system_check_refuses_an_unknown_time_zone(settings):
    """A typo in the site's zone is caught before the first dateline is printed."""
    settings.PARLEY_DISPLAY_TIME_ZONE = "Europe/Atlantis"
    ids = [problem.id for problem in checks.check_parley_settings()]
    assert "parley.E001" in ids


def test_system_check_refuses_a_short_secret_key_in_production(settings):
    """DEBUG off and a short key is an error."""
    settings.DEBUG = False
    settings.SECRET_KEY = "short"
    ids = [problem.id for problem in checks.check_parley_settings()]
    assert "parley.E004" in ids


def test_system_check_passes_on_the_test_settings():
    """The settings the suite runs with are themselves valid."""
    assert [p for p in checks.check_parley_settings() if p.is_serious()] == []
