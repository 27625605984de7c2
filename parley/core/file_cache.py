"""Django's file cache, without a directory scan on every write.

FileBasedCache lists its whole directory before each `set` to decide whether to cull.
With thousands of cached pages that scan cost milliseconds on every comment (each one
purges a surrogate key), inside the database writer's critical path. Here a process
checks the size at most once per CULL_EVERY writes; the cache can overshoot MAX_ENTRIES
by that many files per process, which is harmless.
"""

import threading

from django.core.cache.backends.filebased import FileBasedCache

CULL_EVERY = 200
# Django makes one cache object per thread, so the count is kept per process.
_writes: dict[str, int] = {}
_writes_lock = threading.Lock()


class FileCache(FileBasedCache):
    """FileBasedCache that checks whether to cull every CULL_EVERY writes, not every write."""

    def _cull(self):
        with _writes_lock:
            count = _writes.get(self._dir, 0)
            _writes[self._dir] = count + 1
        if count % CULL_EVERY == 0:
            super()._cull()
