"""Django's Redis cache, made to degrade instead of fail when Redis is unreachable.

Everything we keep in the cache can be lost: rendered pages and fragments are rendered
again, purge versions fall back to "unknown" (a miss), rate-limit buckets start full.
So a Redis outage must cost speed, never a reader's comment: a failing call is logged,
answers as a miss, and Redis is left alone for a second before it is tried again, so a
dead server does not add a timeout to every request.
"""

import logging
import time

from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger("parley.cache")
PAUSE = 1.0
_paused_until = 0.0


def guarded(name: str, fallback):
    def call(self, *args, **kwargs):
        global _paused_until
        if time.monotonic() < _paused_until:
            return fallback(*args, **kwargs) if callable(fallback) else fallback
        try:
            return getattr(RedisCache, name)(self, *args, **kwargs)
        except Exception as exc:
            if time.monotonic() >= _paused_until:
                logger.warning("cache: Redis %s failed (%s); serving without it", name, exc)
            _paused_until = time.monotonic() + PAUSE
            return fallback(*args, **kwargs) if callable(fallback) else fallback

    call.__name__ = name
    call.__doc__ = f"RedisCache.{name}, answering as a miss while Redis is unreachable."
    return call


def default_of_get(key, default=None, version=None):
    return default


class TolerantRedisCache(RedisCache):
    """RedisCache whose reads miss and whose writes are skipped while Redis is down."""

    get = guarded("get", default_of_get)
    get_many = guarded("get_many", {})
    set = guarded("set", None)
    set_many = guarded("set_many", [])
    add = guarded("add", False)
    delete = guarded("delete", False)
    delete_many = guarded("delete_many", None)
    touch = guarded("touch", False)
    incr = guarded("incr", None)
    has_key = guarded("has_key", False)
