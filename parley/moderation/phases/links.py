"""Links: too many wait for a moderator; a blocked domain (or its subdomain) is refused."""

import re
from urllib.parse import urlsplit

from django.conf import settings

from parley.moderation import lists
from parley.moderation.screening import HOLD, REJECT, Decision, Draft

NAME = "links"
HREF = re.compile(r"""<a\s[^>]*href="([^"]*)\"""", re.IGNORECASE)


def hosts(body_html: str) -> list[str]:
    """The host of every link in the rendered comment (the renderer made them <a href>)."""
    out = []
    for href in HREF.findall(body_html):
        try:
            host = urlsplit(href.replace("&amp;", "&")).hostname or ""
        except ValueError:
            host = ""
        out.append(host.lower().rstrip("."))
    return out


def blocked(host: str, domains) -> bool:
    return any(host == d or host.endswith("." + d) for d in domains)


def screen(draft: Draft) -> Decision | None:
    found = hosts(draft.body_html)
    if not found:
        return None
    domains = lists.current().domains
    if any(host and blocked(host, domains) for host in found):
        return Decision(
            REJECT,
            NAME,
            "Your comment links to a site we do not allow links to. Please remove the link.",
            code="blocked_domain",
        )
    limit = settings.PARLEY_MODERATION_MAX_LINKS
    if len(found) > limit:
        return Decision(
            HOLD,
            NAME,
            f"Comments with more than {limit} link{'s' if limit != 1 else ''} are checked "
            "by a moderator before they appear.",
            code="too_many_links",
        )
    return None
