"""Serialised writes for the embedded SQLite database.

SQLite allows one writer at a time. Left to its busy handler, waiting writers poll with
sleeps of up to 100 ms and are served in no order, which is what made a burst of posts
wait a second. Writers here queue on a lock instead (a thread lock within a process,
flock between processes on the same file): each wakes the moment the previous one
commits. PostgreSQL needs none of this and gets a no-op.
"""

import fcntl
import threading
from contextlib import contextmanager

from django.db import connections

_local_lock = threading.RLock()
_state = threading.local()
_lock_files: dict[str, int] = {}


def lock_path(alias: str) -> str | None:
    """The lock file beside a SQLite database file, or None when there is no file to share."""
    connection = connections[alias]
    if connection.vendor != "sqlite":
        return None
    name = str(connection.settings_dict["NAME"])
    if not name or name == ":memory:" or name.startswith("file:") or "mode=memory" in name:
        return None
    return name + ".write-lock"


def lock_fd(path: str) -> int:
    import os

    fd = _lock_files.get(path)
    if fd is None:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        _lock_files[path] = fd
    return fd


@contextmanager
def serialized_writes(alias: str = "default"):
    """Hold the database's writer lock around a write transaction (SQLite only)."""
    path = lock_path(alias)
    if path is None:
        yield
        return
    with _local_lock:
        depth = getattr(_state, "depth", 0)
        if depth == 0:
            fcntl.flock(lock_fd(path), fcntl.LOCK_EX)
        _state.depth = depth + 1
        try:
            yield
        finally:
            _state.depth = depth
            if depth == 0:
                fcntl.flock(lock_fd(path), fcntl.LOCK_UN)
