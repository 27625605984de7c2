"""Links as previews see them: found in a comment, normalised to one key, shown compactly."""

import hashlib
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit, urlunsplit

from parley.previews.parse import clean_text

DEFAULT_PORTS = {"http": 80, "https": 443}
DISPLAY_LENGTH = 50


def normalise_url(url: str) -> str:
    """One spelling per link: lowercase scheme and host, no fragment, no default port."""
    url = url.strip()
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").rstrip(".")
    if ":" in host:
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError:
        port = None
    netloc = host
    if parts.username is not None or parts.password is not None:
        # Kept, so two links with different credentials never share a key; the guard
        # refuses to fetch either.
        userinfo = parts.username or ""
        if parts.password is not None:
            userinfo += ":" + parts.password
        netloc = f"{userinfo}@{host}"
    if port is not None and port != DEFAULT_PORTS.get(scheme):
        netloc += f":{port}"
    path = parts.path or "/"
    return urlunsplit((scheme, netloc, path, parts.query, ""))


def url_key(url: str) -> str:
    """The sha256 of the normalised URL: the unique key of its preview."""
    return hashlib.sha256(normalise_url(url).encode("utf-8", "surrogatepass")).hexdigest()


def is_web_link(url: str) -> bool:
    """An absolute http(s) URL with a host."""
    try:
        parts = urlsplit(url.strip())
        return parts.scheme.lower() in {"http", "https"} and bool(parts.hostname)
    except ValueError:
        return False


class LinkCollector(HTMLParser):
    """The href of every <a> in order."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            for key, value in attrs:
                if key == "href" and value:
                    self.hrefs.append(value.strip())
                    break


def comment_links(body_html: str, limit: int = 3) -> list[str]:
    """The first `limit` distinct http(s) links of a comment's sanitised HTML."""
    collector = LinkCollector()
    try:
        collector.feed(body_html)
        collector.close()
    except Exception:  # noqa: S110 - the links found before the error still count
        pass
    links: list[str] = []
    seen: set[str] = set()
    for href in collector.hrefs:
        if len(links) >= limit:
            break
        if not is_web_link(href):
            continue
        key = normalise_url(href)
        if key not in seen:
            seen.add(key)
            links.append(href)
    return links


def display_url(url: str) -> str:
    """A compact form to show, like "www.example.com/article/some-long-slug-…"."""
    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").rstrip(".")
    except ValueError:
        return clean_text(url, DISPLAY_LENGTH)
    path = unquote(parts.path, errors="replace").rstrip("/")
    text = clean_text(host + path, 10 * DISPLAY_LENGTH)
    if len(text) > DISPLAY_LENGTH:
        # The host always shows whole: it is what says where the link goes.
        text = text[: max(DISPLAY_LENGTH - 1, len(host) + 1)] + "…"
    return text
