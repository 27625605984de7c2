"""Template helpers for the server-rendered thread: times, avatars and comment HTML."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django import template
from django.conf import settings
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from parley.accounts import selectors as accounts
from parley.discussion import rendering

register = template.Library()

AVATAR_HUES = 12  # thread.css has one class per 30 degrees: the CSP forbids inline styles


@register.filter
def comment_html(html: str) -> SafeString:
    """A comment's stored HTML, sanitised once more on its way out.

    The HTML was sanitised when the comment was written; cleaning it again here means a row
    changed behind the services' back (an import, a manual fix, an older sanitiser) still
    cannot put markup on the page that the allow-list forbids. Only after that second pass
    is it marked safe, which is why this is safe where ``|safe`` would not be.
    """
    return mark_safe(rendering.sanitize_html(html or ""))  # noqa: S308 - sanitised right here


def display_zone() -> ZoneInfo:
    return ZoneInfo(settings.PARLEY_DISPLAY_TIME_ZONE)


def relative_time(moment: datetime, now: datetime) -> str:
    """ "now", "3 min", "2 h", "4 d", then a date: "5 Nov" (this year) or "5 Nov 2023"."""
    seconds = (now - moment).total_seconds()
    if seconds < 60:
        return "now"
    if seconds < 3600:
        return f"{int(seconds // 60)} min"
    if seconds < 86400:
        return f"{int(seconds // 3600)} h"
    if seconds < 7 * 86400:
        return f"{int(seconds // 86400)} d"
    local = timezone.localtime(moment, display_zone())
    if local.year == timezone.localtime(now, display_zone()).year:
        return f"{local.day} {local:%b}"
    return f"{local.day} {local:%b %Y}"


@register.filter
def ago(moment: datetime | None) -> str:
    """How long ago, as a reader skims it ("2 h"); the exact time goes in a title."""
    return relative_time(moment, timezone.now()) if moment else ""


@register.filter
def exact_time(moment: datetime | None) -> str:
    """ "5 November 2026, 14:03 GMT" in the site's display zone."""
    if not moment:
        return ""
    local = timezone.localtime(moment, display_zone())
    return f"{local.day} {local:%B %Y, %H:%M %Z}"


@register.filter
def iso_time(moment: datetime | None) -> str:
    return moment.isoformat(timespec="seconds") if moment else ""


@register.filter
def hue_class(hue) -> str:
    """The avatar colour class for a hue in degrees: avatar--h0 … avatar--h11."""
    try:
        degrees = int(hue) % 360
    except (TypeError, ValueError):
        degrees = 0
    return f"avatar--h{degrees * AVATAR_HUES // 360}"


@register.filter
def edit_deadline(created_at: datetime | None) -> datetime | None:
    """Until when a comment written at `created_at` can be edited."""
    if not created_at:
        return None
    return created_at + timedelta(seconds=settings.PARLEY_COMMENT_EDIT_SECONDS)


@register.filter
def edit_open(created_at: datetime | None) -> bool:
    deadline = edit_deadline(created_at)
    return bool(deadline and deadline > timezone.now())


@register.filter
def editable(comment: dict) -> bool:
    """Whether the viewer can still edit this comment (their own, inside the edit window)."""
    if not comment.get("own") or comment.get("tombstone"):
        return False
    return edit_open(comment["created_at"])


@register.filter
def clock(moment: datetime | None) -> str:
    """ "14:03 GMT" in the site's display zone."""
    return f"{timezone.localtime(moment, display_zone()):%H:%M %Z}" if moment else ""


@register.simple_tag
def edit_seconds() -> int:
    return settings.PARLEY_COMMENT_EDIT_SECONDS


@register.simple_tag
def display_zone_name() -> str:
    """The zone exact times are printed in, for the script to print them the same way."""
    return settings.PARLEY_DISPLAY_TIME_ZONE


@register.simple_tag
def identity(user) -> dict:
    """Name, initial and hue of the signed-in reader, for the composer."""
    return {"name": accounts.display_name(user), **accounts.avatar(user)}


@register.filter
def reply_count(node: dict) -> int:
    """Every reply under a comment on this page plus those still to load."""
    replies = node.get("replies") or []
    return len(replies) + sum(reply_count(r) for r in replies) + node.get("more_replies", 0)
