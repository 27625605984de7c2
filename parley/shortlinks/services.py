"""Write paths for short links."""

import secrets

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from parley.shortlinks.models import DailyClicks, ShortLink

# No 0/O, 1/l/I: a code read aloud or copied by hand still works.
ALPHABET = "23456789abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ"


def new_code(length: int | None = None) -> str:
    """A random code from an alphabet without look-alike characters."""
    length = length or settings.PARLEY_SHORT_CODE_LENGTH
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def shortlink_ensure(*, page_id: int) -> ShortLink:
    """Give a page its short code, once; an existing code never changes."""
    existing = ShortLink.objects.filter(page_id=page_id).first()
    if existing:
        return existing
    for _ in range(10):
        try:
            with transaction.atomic():
                return ShortLink.objects.create(page_id=page_id, code=new_code())
        except IntegrityError:
            # Either the code collided or another process gave the page its code first.
            existing = ShortLink.objects.filter(page_id=page_id).first()
            if existing:
                return existing
    raise RuntimeError("Could not find a free short code after 10 tries.")


def shortlink_record_click(*, link: ShortLink) -> None:
    """Count one click for today (UTC); no address, agent or cookie is stored."""
    today = timezone.now().date()
    rows = DailyClicks.objects.filter(link=link, day=today)
    if rows.update(clicks=F("clicks") + 1):
        return
    try:
        with transaction.atomic():
            DailyClicks.objects.create(link=link, day=today, clicks=1)
    except IntegrityError:
        rows.update(clicks=F("clicks") + 1)
