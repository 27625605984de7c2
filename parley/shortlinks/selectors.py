"""Read paths for short links."""

from django.conf import settings
from django.db.models import Sum
from django.http import Http404
from django.urls import reverse

from parley.shortlinks.models import ShortLink


def short_url_for_page(*, page_id: int) -> str | None:
    """The absolute short URL of a page, or None if it was never published."""
    code = ShortLink.objects.filter(page_id=page_id).values_list("code", flat=True).first()
    if code is None:
        return None
    return settings.PARLEY_BASE_URL + reverse("shortlinks:follow", args=[code])


def shortlink_by_code(code: str) -> ShortLink:
    """The link for a code, with its page, or 404."""
    link = ShortLink.objects.select_related("page").filter(code=code).first()
    if link is None:
        raise Http404("No short link has this code.")
    return link


def total_clicks(*, link: ShortLink) -> int:
    """All clicks ever counted for a link."""
    return link.daily_clicks.aggregate(total=Sum("clicks"))["total"] or 0
