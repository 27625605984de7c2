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

POOL_SIZE = 16

_pools: dict[tuple[int, str], list] = {}
_lock = threading.Lock()


def pool_for(name: str) -> list:
    with _lock:
        return _pools.setdefault((os.getpid(), name), [])


class DatabaseWrapper(base.DatabaseWrapper):
    """SQLite with closed connections kept open for the next request in this process."""

    def pooled(self) -> bool:
        return not self.is_in_memory_db()

    def get_new_connection(self, conn_params):
        if self.pooled():
            pool = pool_for(str(self.settings_dict["NAME"]))
            with _lock:
                if pool:
                    return pool.pop()
        return super().get_new_connection(conn_params)

    def _close(self):
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
