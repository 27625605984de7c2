"""Who is writing: banned, suspended, always pre-moderated, shadow-banned, or warned."""

import zoneinfo

from django.conf import settings
from django.utils import timezone
from django.utils.dateformat import format as date_format

from parley.moderation.screening import HOLD, REJECT, SHADOW, Decision, Draft

NAME = "author"


def in_words(moment) -> str:
    """A moment as readers read datelines: "5 March 2026, 14:00 GMT"."""
    local = timezone.localtime(moment, zoneinfo.ZoneInfo(settings.PARLEY_DISPLAY_TIME_ZONE))
    return date_format(local, "j F Y, H:i T")


def screen(draft: Draft) -> Decision | None:
    from parley.moderation.models import ModeratorWarning

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
    warning = (
        ModeratorWarning.objects.filter(user=user, acknowledged_at=None)
        .order_by("created_at")
        .first()
    )
    if warning is not None:
        return Decision(
            REJECT,
            NAME,
            f"A moderator has sent you a warning: {warning.text} "
            "Please acknowledge it before you comment again.",
            code="warning",
            http_status=403,
            details={"warning_id": warning.pk},
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
