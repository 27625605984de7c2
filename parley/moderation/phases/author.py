"""Who is writing: banned, suspended, always pre-moderated, shadow-banned, or warned."""

import zoneinfo

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.dateformat import format as date_format

from parley.moderation.screening import HOLD, REJECT, SHADOW, Decision, Draft

NAME = "author"
# A pending warning is looked up once per commenter per WARNING_CACHE_SECONDS, not once per
# comment; sending or acknowledging one drops the cached answer (services.warning_changed).
WARNING_CACHE_SECONDS = 300


def warning_key(user_id: int) -> str:
    return f"moderation:warning:{user_id}"


def pending_warning(user) -> tuple[int, str] | None:
    """(id, text) of the commenter's oldest unacknowledged warning, or None."""
    from parley.moderation.models import ModeratorWarning

    key = warning_key(user.pk)
    found = cache.get(key)
    if found is None:
        warning = (
            ModeratorWarning.objects.filter(user=user, acknowledged_at=None)
            .order_by("created_at")
            .values_list("pk", "text")
            .first()
        )
        found = tuple(warning) if warning else ()
        cache.set(key, found, timeout=WARNING_CACHE_SECONDS)
    return found or None


def in_words(moment) -> str:
    """A moment as readers read datelines: "5 March 2026, 14:00 GMT"."""
    local = timezone.localtime(moment, zoneinfo.ZoneInfo(settings.PARLEY_DISPLAY_TIME_ZONE))
    return date_format(local, "j F Y, H:i T")


def screen(draft: Draft) -> Decision | None:
    user = draft.author
    if user.banned:
        return Decision(
            REJECT,
            NAME,
            "Your account may no longer comment because it broke our community standards.",
            code="banned",
            http_status=403,
        )
    if user.suspended_until and user.suspended_until > draft.now:
        return Decision(
            REJECT,
            NAME,
            f"Your account is suspended from commenting until {in_words(user.suspended_until)}.",
            code="suspended",
            http_status=403,
        )
    warning = pending_warning(user)
    if warning is not None:
        warning_id, text = warning
        return Decision(
            REJECT,
            NAME,
            f"A moderator has sent you a warning: {text} "
            "Please acknowledge it before you comment again.",
            code="warning",
            http_status=403,
            details={"warning_id": warning_id},
        )
    if user.shadow_banned:
        # Published to its author only; they are told nothing different.
        return Decision(SHADOW, NAME, "", code="shadow_banned")
    if user.always_premoderate:
        return Decision(
            HOLD,
            NAME,
            "Your comments are reviewed by a moderator before they appear.",
            code="premoderated_author",
        )
    return None
