"""Django's SQLite backend with a per-process pool of open connections.

Under ASGI, Django runs each request's synchronous code on a thread of its own and closes
the thread's connection when the request ends, so every request that touches the
database opened a new SQLite connection. Opening one is cheap, but the first statement
on it parses the whole schema (Wagtail brings about a hundred tables): about 1.5 ms per
request, measured, before any query of ours. Here a closed connection goes back to a
small pool in its process, rolled back and idle, and the next request takes it.

Only file databases are pooled (closing an in-memory one would destroy it, and Django
never closes those anyway), and a pool belongs to the process that filled it, so a
forked worker never shares its parent's connections.
"""

import os
import threading

from django.db.backends.sqlite3 import base

from parley.core import db

POOL_SIZE = 16

_pools: dict[tuple[int, str], list] = {}
_lock = threading.Lock()


def pool_for(name: str) -> list:
    with _lock:
        return _pools.setdefault((os.getpid(), name), [])


class DatabaseWrapper(base.DatabaseWrapper):
    """SQLite with closed connections kept open for the next request in this process, and
    every transaction queued on the file's writer lock (parley.core.db)."""

    writer_lock_path: str | None = None  # set while this connection holds the lock

    def pooled(self) -> bool:
        return not self.is_in_memory_db()

    def _start_transaction_under_autocommit(self):
        # BEGIN IMMEDIATE takes SQLite's write lock; waiting for it in SQLite's busy handler
        # means sleeps of up to 100 ms. Queue on our lock first, then it is free at once.
        path = db.lock_file(str(self.settings_dict["NAME"]))
        if path is not None and self.writer_lock_path is None:
            db.lock_enter(path)
            self.writer_lock_path = path
        try:
            super()._start_transaction_under_autocommit()
        except BaseException:
            self.release_writer_lock()
            raise

    def release_writer_lock(self) -> None:
        path, self.writer_lock_path = self.writer_lock_path, None
        if path is not None:
            db.lock_exit(path)

    def _commit(self):
        try:
            return super()._commit()
        finally:
            self.release_writer_lock()

    def _rollback(self):
        try:
            return super()._rollback()
        finally:
            self.release_writer_lock()

    def get_new_connection(self, conn_params):
        if self.pooled():
            pool = pool_for(str(self.settings_dict["NAME"]))
            with _lock:
                if pool:
                    return pool.pop()
        return super().get_new_connection(conn_params)

    def _close(self):
        self.release_writer_lock()
        connection = self.connection
        if connection is not None and self.pooled():
            try:
                if connection.in_transaction:
                    connection.rollback()
            except base.Database.Error:
                return super()._close()
            pool = pool_for(str(self.settings_dict["NAME"]))
            with _lock:
                if len(pool) < POOL_SIZE:
                    pool.append(connection)
                    return None
        return super()._close()
