"""Turn a DATABASE_URL into a Django DATABASES entry, with errors a person can act on."""

from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

SQLITE_INIT = (
    # WAL lets readers run while one writer commits; NORMAL is durable in WAL mode
    # except for power loss within the last checkpoint, the usual trade-off.
    "PRAGMA journal_mode=WAL;"
    "PRAGMA synchronous=NORMAL;"
    "PRAGMA foreign_keys=ON;"
    "PRAGMA busy_timeout=20000;"
    "PRAGMA temp_store=MEMORY;"
    "PRAGMA cache_size=-20000;"
)


def sqlite_database(path: Path | str) -> dict:
    """A Django database entry for an embedded SQLite file in WAL mode."""
    return {
        "ENGINE": "parley.core.sqlite",
        "NAME": str(path),
        "OPTIONS": {
            # IMMEDIATE takes the write lock at BEGIN, so two writers queue on the busy
            # timeout instead of failing with "database is locked" on lock upgrade.
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": SQLITE_INIT,
        },
    }


def parse_database_url(url: str) -> dict:
    """Parse `sqlite:///path` or `postgres://user:pass@host:port/name?opt=…`."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as exc:
        raise ImproperlyConfigured(f"DATABASE_URL is not a valid URL ({exc}): {url!r}") from exc
    scheme = parts.scheme.lower()
    if scheme == "sqlite":
        path = unquote(parts.path)
        if not path or path == "/":
            raise ImproperlyConfigured(
                "DATABASE_URL for SQLite needs a file path, e.g. sqlite:////srv/parley/db.sqlite3"
            )
        return sqlite_database(path[1:] if path.startswith("//") else path)
    if scheme in ("postgres", "postgresql", "pgsql"):
        name = unquote(parts.path.lstrip("/"))
        if not name:
            raise ImproperlyConfigured(
                "DATABASE_URL for PostgreSQL needs a database name, "
                "e.g. postgres://parley:secret@127.0.0.1:5432/parley"
            )
        options = dict(parse_qsl(parts.query))
        conn_max_age = int(options.pop("conn_max_age", "60"))
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": name,
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": parts.hostname or "",
            "PORT": str(port or ""),
            "CONN_MAX_AGE": conn_max_age,
            "CONN_HEALTH_CHECKS": True,
            "OPTIONS": options,
        }
    raise ImproperlyConfigured(
        f"DATABASE_URL scheme {parts.scheme or '(none)'!r} is not supported: "
        "use sqlite:///path/to/file or postgres://user:password@host:port/name"
    )
