"""The `parley` command: demo, serve, migrate, and every Django management command."""

import os
import secrets
import sys

USAGE = """usage: parley <command> [options]

  demo [--host H] [--port P] [--workers N] [--no-serve]
                      set up a local site with demo content and serve it
  serve [--host H] [--port P] [--workers N] [--server uvicorn|granian] [--no-scheduler]
        [--no-worker] serve the site through an ASGI server, with the scheduler and the
                      task worker (link previews) as child processes
  db_worker --backend background
                      run the task worker on its own
  migrate             create or update the database tables
  <anything else>     a Django management command (parley help lists them)
"""


def ensure_secret_key() -> None:
    """Create the local secret key file the first time the demo runs."""
    if os.environ.get("SECRET_KEY"):
        return
    from pathlib import Path

    data_dir = Path(os.environ.get("PARLEY_DATA_DIR", "var")).resolve()
    key_file = data_dir / "secret_key"
    if not key_file.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_urlsafe(50) + "\n")
        key_file.chmod(0o600)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the console script."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in {"-h", "--help"}:
        print(USAGE)
        return 0
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "parley.settings")
    if argv[0] == "demo":
        ensure_secret_key()

    from django.core.exceptions import ImproperlyConfigured

    try:
        import django

        django.setup()
        from django.conf import settings

        settings.SECRET_KEY  # noqa: B018  (fail here, with our message, not mid-request)
        settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
    except ImproperlyConfigured as exc:
        print(f"parley: configuration error: {exc}", file=sys.stderr)
        if "SECRET_KEY" in str(exc):
            print(
                "Set SECRET_KEY in the environment, or run `parley demo` once to create a "
                "local one.",
                file=sys.stderr,
            )
        return 2

    from django.core.management import execute_from_command_line

    execute_from_command_line(["parley", *argv])
    return 0


if __name__ == "__main__":
    sys.exit(main())
