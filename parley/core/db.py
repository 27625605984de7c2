"""Serialised writes for the embedded SQLite database.

SQLite allows one writer at a time. Left to its busy handler, waiting writers poll with
sleeps of up to 100 ms and are served in no order, which is what made a burst of posts
wait a second. Writers here queue on a lock instead (a thread lock within a process,
flock between processes on the same file): each wakes the moment the previous one
commits. Every transaction on the file takes it (the database backend, parley.core.sqlite,
calls lock_enter at BEGIN and lock_exit after COMMIT or ROLLBACK), so the task worker, the
scheduler and management commands queue in the same line as requests. PostgreSQL needs
none of this and gets a no-op.

What follows a commit (cache purges, live events) runs after the lock is released
(`after_commit`), so no writer waits for another's purge.
"""

import fcntl
import logging
import threading
from collections.abc import Callable
from contextlib import contextmanager

from django.db import connections, transaction

logger = logging.getLogger("parley.db")

_local_lock = threading.RLock()
_state = threading.local()
_lock_files: dict[str, int] = {}


def lock_file(name: str) -> str | None:
    """The lock file beside the SQLite database file `name`, or None when there is no file
    to share (an in-memory database)."""
    if not name or name == ":memory:" or name.startswith("file:") or "mode=memory" in name:
        return None
    return name + ".write-lock"


def lock_path(alias: str) -> str | None:
    """The writer lock file of a database alias, or None (PostgreSQL, in-memory SQLite)."""
    connection = connections[alias]
    if connection.vendor != "sqlite":
        return None
    return lock_file(str(connection.settings_dict["NAME"]))


def lock_fd(path: str) -> int:
    import os

    fd = _lock_files.get(path)
    if fd is None:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        _lock_files[path] = fd
    return fd


def lock_enter(path: str) -> None:
    """Take the writer lock of the database at `path` (re-entrant within a thread)."""
    _local_lock.acquire()
    depth = getattr(_state, "depth", 0)
    if depth == 0:
        try:
            fcntl.flock(lock_fd(path), fcntl.LOCK_EX)
        except BaseException:
            _local_lock.release()
            raise
    _state.depth = depth + 1


def lock_exit(path: str) -> None:
    """Give back one lock_enter; the last one releases the lock for other writers."""
    depth = _state.depth - 1
    _state.depth = depth
    try:
        if depth == 0:
            fcntl.flock(lock_fd(path), fcntl.LOCK_UN)
    finally:
        _local_lock.release()


def lock_held() -> bool:
    """Whether this thread holds the writer lock."""
    return getattr(_state, "depth", 0) > 0


@contextmanager
def serialized_writes(alias: str = "default"):
    """Hold the database's writer lock around a write transaction (SQLite only).

    Every transaction on the SQLite file takes the lock anyway (parley.core.sqlite); taking
    it here as well makes the hooks registered with `after_commit` inside wait until the
    lock is released.
    """
    path = lock_path(alias)
    if path is None:
        yield
        return
    outermost = not lock_held()
    if outermost:
        _state.pending = Deferred()
    try:
        lock_enter(path)
        try:
            yield
        finally:
            lock_exit(path)
    finally:
        if outermost:
            pending, _state.pending = _state.pending, None
            pending.close()


class Deferred:
    """Hooks of transactions committed under the writer lock, run once it is released."""

    def __init__(self):
        self.hooks: list[Callable[[], None]] = []
        self.closed = False

    def add(self, hook: Callable[[], None]) -> None:
        # A transaction that encloses the lock commits after it is released: run at once.
        if self.closed:
            run_hooks([hook])
        else:
            self.hooks.append(hook)

    def close(self) -> None:
        self.closed = True
        hooks, self.hooks = self.hooks, []
        run_hooks(hooks)


def after_commit(hook: Callable[[], None]) -> None:
    """Run `hook` once the current transaction commits and the writer lock is released."""
    pending = getattr(_state, "pending", None)
    if pending is None:
        transaction.on_commit(lambda: run_hooks([hook]))
    else:
        transaction.on_commit(lambda: pending.add(hook))


def run_hooks(hooks: list[Callable[[], None]]) -> None:
    # The change is committed and acknowledged whatever happens here: log, never raise.
    for hook in hooks:
        try:
            hook()
        except Exception:
            logger.exception("a hook after a commit failed")
