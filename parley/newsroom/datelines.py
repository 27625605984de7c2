"""Times as a wire service prints them: "15:17 GMT+3 · 28 February 2017"."""

import zoneinfo
from datetime import datetime

from django.conf import settings


def display_zone(name: str | None) -> zoneinfo.ZoneInfo:
    """The article's zone, or the site's when the article names none."""
    return zoneinfo.ZoneInfo(name or settings.PARLEY_DISPLAY_TIME_ZONE)


def zone_label(moment: datetime) -> str:
    """The UTC offset of an aware local time as "GMT", "GMT+3" or "GMT+5:30"."""
    offset = moment.utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset else 0
    if minutes == 0:
        return "GMT"
    sign = "+" if minutes > 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"GMT{sign}{hours}:{rest:02d}" if rest else f"GMT{sign}{hours}"


def clock(moment: datetime) -> str:
    """ "15:17 GMT+3" for an aware local time."""
    return f"{moment:%H:%M} {zone_label(moment)}"


def long_date(moment: datetime) -> str:
    """ "28 February 2017", without a leading zero on the day."""
    return f"{moment.day} {moment:%B %Y}"


def dateline(moment: datetime) -> str:
    """ "15:17 GMT+3 · 28 February 2017" for an aware local time."""
    return f"{clock(moment)} · {long_date(moment)}"
