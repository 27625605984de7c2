"""An identifier of the code being served, so caches never mix two releases' output."""

import hashlib
from functools import cache
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent
WATCHED = ("*.html", "*.py", "*.css", "*.js")


@cache
def release_id() -> str:
    """A short hash of every template, module and static file's path, size and mtime."""
    digest = hashlib.blake2b(digest_size=6)
    for pattern in WATCHED:
        for path in sorted(PACKAGE.rglob(pattern)):
            if "tests" in path.parts:
                continue
            stat = path.stat()
            digest.update(f"{path.relative_to(PACKAGE)}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()
