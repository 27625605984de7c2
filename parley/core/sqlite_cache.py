"""The shared cache without Redis: one SQLite file beside the database, for every process.

The cache is where worker processes on one host meet: page-cache versions (a purge on
every comment), rate-limit buckets (two writes per comment) and the cached pages
themselves. Django's file cache writes each entry as a new file replaced by rename, about
0.3 ms of system calls per write plus the flush ext4 does on such a rename, and reads each
entry with an open, a read and a close. Here an entry is a row: a write is one small
transaction on a file of its own (no fsync: the content is disposable, only the database
file must survive a crash), a read is an indexed lookup on a connection kept open per
thread, and a purge that names three keys is one statement.

Expired rows are left in place until a cull (every CULL_EVERY writes of a process), which
also trims the table to MAX_ENTRIES by dropping the oldest writes first.
"""

import os
import pickle
import sqlite3
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache

CULL_EVERY = 500
SCHEMA = (
    "CREATE TABLE IF NOT EXISTS cache ("
    " id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, value BLOB NOT NULL, expires REAL)"
)
# REPLACE gives a rewritten key a new id, so id order is the order of the last writes.
UPSERT = "INSERT OR REPLACE INTO cache (key, value, expires) VALUES (?, ?, ?)"
GET = "SELECT value FROM cache WHERE key = ? AND (expires IS NULL OR expires > ?)"
HAS = "SELECT 1 FROM cache WHERE key = ? AND (expires IS NULL OR expires > ?)"
TOUCH = "UPDATE cache SET expires = ? WHERE key = ? AND (expires IS NULL OR expires > ?)"

_writes: dict[str, int] = {}
_writes_lock = threading.Lock()


class SQLiteCache(BaseCache):
    """A Django cache backend in a SQLite file shared by all processes on the host."""

    def __init__(self, location, params):
        super().__init__(params)
        self.path = str(location)
        self._local = threading.local()

    # Connection -------------------------------------------------------------------------

    def db(self) -> sqlite3.Connection:
        """This thread's connection (a forked process opens its own)."""
        local = self._local
        if getattr(local, "pid", None) != os.getpid():
            os.makedirs(os.path.dirname(self.path) or ".", exist_ok=True)
            conn = sqlite3.connect(self.path, timeout=10, isolation_level=None)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=OFF")
            conn.execute(SCHEMA)
            local.conn, local.pid = conn, os.getpid()
        return local.conn

    # Reads ------------------------------------------------------------------------------

    def get(self, key, default=None, version=None):
        key = self.make_and_validate_key(key, version=version)
        row = self.db().execute(GET, (key, time.time())).fetchone()
        return pickle.loads(row[0]) if row else default  # noqa: S301  (our own writes)

    def get_many(self, keys, version=None):
        names = {self.make_and_validate_key(k, version=version): k for k in keys}
        if not names:
            return {}
        marks = ",".join("?" * len(names))
        rows = self.db().execute(
            f"SELECT key, value FROM cache WHERE key IN ({marks})"  # noqa: S608  (only ?s)
            " AND (expires IS NULL OR expires > ?)",
            (*names, time.time()),
        )
        return {names[key]: pickle.loads(value) for key, value in rows}  # noqa: S301

    def has_key(self, key, version=None):
        key = self.make_and_validate_key(key, version=version)
        return self.db().execute(HAS, (key, time.time())).fetchone() is not None

    # Writes -----------------------------------------------------------------------------

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self.set_many({key: value}, timeout=timeout, version=version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        expires = self.get_backend_timeout(timeout)
        rows = [
            (self.make_and_validate_key(k, version=version), self.dump(v), expires)
            for k, v in data.items()
        ]
        if rows:
            self.write(UPSERT, rows)
        return []

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        now = time.time()
        changed = self.write(
            "INSERT INTO cache (key, value, expires) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE"
            " SET value = excluded.value, expires = excluded.expires"
            " WHERE cache.expires IS NOT NULL AND cache.expires <= ?",
            [(key, self.dump(value), self.get_backend_timeout(timeout), now)],
        )
        return changed > 0

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        return self.write(TOUCH, [(self.get_backend_timeout(timeout), key, time.time())]) > 0

    def delete(self, key, version=None):
        key = self.make_and_validate_key(key, version=version)
        return self.write("DELETE FROM cache WHERE key = ?", [(key,)]) > 0

    def delete_many(self, keys, version=None):
        rows = [(self.make_and_validate_key(k, version=version),) for k in keys]
        if rows:
            self.write("DELETE FROM cache WHERE key = ?", rows)

    def incr(self, key, delta=1, version=None):
        key = self.make_and_validate_key(key, version=version)
        db = self.db()
        db.execute("BEGIN IMMEDIATE")  # read and write under one lock: atomic across processes
        try:
            row = db.execute(GET, (key, time.time())).fetchone()
            if row is None:
                raise ValueError(f"Key '{key}' not found")
            value = pickle.loads(row[0]) + delta  # noqa: S301
            db.execute("UPDATE cache SET value = ? WHERE key = ?", (self.dump(value), key))
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        return value

    def clear(self):
        self.db().execute("DELETE FROM cache")

    def close(self, **kwargs):
        """Connections stay open for the thread's next request."""

    # Internals --------------------------------------------------------------------------

    @staticmethod
    def dump(value) -> bytes:
        return pickle.dumps(value, pickle.HIGHEST_PROTOCOL)

    def write(self, sql: str, rows: list) -> int:
        db = self.db()
        if len(rows) == 1:
            changed = db.execute(sql, rows[0]).rowcount
        else:
            db.execute("BEGIN IMMEDIATE")
            try:
                changed = db.executemany(sql, rows).rowcount
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise
        self.maybe_cull()
        return changed

    def maybe_cull(self) -> None:
        with _writes_lock:
            count = _writes.get(self.path, 0) + 1
            _writes[self.path] = count
        if count % CULL_EVERY == 0:
            self.cull()

    def cull(self) -> None:
        """Drop expired rows, then the oldest writes beyond MAX_ENTRIES."""
        db = self.db()
        db.execute("DELETE FROM cache WHERE expires IS NOT NULL AND expires <= ?", (time.time(),))
        (count,) = db.execute("SELECT count(*) FROM cache").fetchone()
        if count > self._max_entries:
            drop = count - self._max_entries
            if self._cull_frequency:
                drop = max(drop, count // self._cull_frequency)
            db.execute(
                "DELETE FROM cache WHERE id IN (SELECT id FROM cache ORDER BY id LIMIT ?)", (drop,)
            )
