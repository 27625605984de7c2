"""Announcing committed events to every process: the local hubs, and Redis when configured.

An announcement is a wake-up naming a stream; the event itself is read from the log. If
Redis is down the announcement to other processes is lost, never the event: their hubs
poll the log and find it.
"""

import logging
import time

from django.conf import settings

CHANNEL = "parley:live"
logger = logging.getLogger("parley.live")

_redis = None
_redis_quiet_until = 0.0


def redis_client():
    """A short-timeout client, so a dead Redis delays a post by milliseconds at most."""
    global _redis
    if _redis is None:
        import redis

        _redis = redis.Redis.from_url(
            settings.REDIS_URL, socket_timeout=0.25, socket_connect_timeout=0.25
        )
    return _redis


def publish(stream: str, seq: int) -> None:
    """Wake the hubs of this process at once, and of every other process through Redis."""
    from parley.live import hub

    for local in list(hub.hubs):
        local.wake_threadsafe(stream)
    if settings.REDIS_URL:
        publish_redis(stream)


def publish_redis(stream: str) -> None:
    global _redis_quiet_until
    now = time.monotonic()
    if now < _redis_quiet_until:
        return  # Redis failed a moment ago; the other processes' polls cover for it
    try:
        redis_client().publish(CHANNEL, stream)
    except Exception as exc:
        _redis_quiet_until = now + 1.0
        logger.warning("live: Redis publish failed (%s); other processes will poll", exc)
