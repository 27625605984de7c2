"""How fast: a token bucket per account and one per client address (in the shared cache)."""

import time

from django.conf import settings
from django.core.cache import cache

from parley.moderation.screening import REJECT, Decision, Draft

NAME = "rate"


def take(key: str, *, burst: int, interval: float, now: float) -> int:
    """Take a token from the bucket; 0 when taken, else the seconds until one is free."""
    if burst <= 0 or interval <= 0:
        return 0
    tokens, stamp = cache.get(key, (float(burst), now))
    tokens = min(float(burst), tokens + (now - stamp) / interval)
    if tokens < 1:
        return int((1 - tokens) * interval) + 1
    cache.set(key, (tokens - 1, now), timeout=int(burst * interval) + 60)
    return 0


def screen(draft: Draft) -> Decision | None:
    if draft.is_edit:
        return None
    now = time.time()
    wait = take(
        f"rate:comment:{draft.author.pk}",
        burst=settings.PARLEY_COMMENT_RATE_BURST,
        interval=settings.PARLEY_COMMENT_RATE_SECONDS,
        now=now,
    )
    if not wait and draft.client_ip:
        wait = take(
            f"rate:comment-ip:{draft.client_ip}",
            burst=settings.PARLEY_COMMENT_RATE_IP_BURST,
            interval=settings.PARLEY_COMMENT_RATE_IP_SECONDS,
            now=now,
        )
    if not wait:
        return None
    return Decision(
        REJECT,
        NAME,
        f"You are commenting faster than we allow. Please wait {wait} seconds.",
        code="rate_limited",
        retry_after=wait,
        http_status=429,
    )
