from django.http import Http404, HttpResponsePermanentRedirect

from parley.core.site_urls import absolute_url
from parley.shortlinks import selectors, services


def follow(request, code):
    """Redirect a short code to its article's current URL and count the click."""
    link = selectors.shortlink_by_code(code)
    page = link.page.specific_deferred
    if not page.live or getattr(page, "is_expired", lambda: False)():
        raise Http404("This article is not available.")
    services.shortlink_record_click(link=link)
    response = HttpResponsePermanentRedirect(absolute_url(page.get_url(request)))
    # Permanent, but not remembered by the browser: the slug may change and each
    # click should reach us to be counted.
    response["Cache-Control"] = "no-cache"
    return response
