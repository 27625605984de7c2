"""What a page says about itself: Open Graph tags and <title>, from bytes of any charset.

Pages are hostile input. Nothing here raises on broken HTML; every text that comes out is
cleaned of control and bidi-override characters and trimmed to a length a card can show.
"""

import codecs
import re
import unicodedata
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

MAX_SITE_NAME = 100
MAX_TITLE = 300
MAX_DESCRIPTION = 500
MAX_IMAGE_URL = 2048
# Enough to fill any field; the rest of a huge title is never kept in memory.
MAX_COLLECT = 4 * MAX_DESCRIPTION
SNIFF_BYTES = 4096

# Bidi embeddings, overrides and isolates, marks, and zero-width characters that can
# reorder or hide what a reader sees next to a link.
INVISIBLE = dict.fromkeys(
    [
        *(0x061C, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2060, 0xFEFF),
        *range(0x202A, 0x202F),
        *range(0x2066, 0x206A),
    ]
)
# Labels pages use, mapped the way browsers read them (WHATWG Encoding): "latin1" pages
# are really windows-1252, "shift_jis" ones windows-31J, and so on.
CHARSET_ALIASES = {
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "sjis": "cp932",
    "x-sjis": "cp932",
    "windows-31j": "cp932",
    "euc-kr": "cp949",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "utf8": "utf-8",
}
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.I)


@dataclass(frozen=True)
class PageInfo:
    """What a page says about itself; empty strings where it says nothing."""

    site_name: str = ""
    title: str = ""
    description: str = ""
    image_url: str = ""


def clean_text(text: str, limit: int) -> str:
    """One line of visible text: no control or bidi characters, trimmed to `limit` with "…"."""
    text = text[: limit * 4].translate(INVISIBLE)
    text = "".join(
        " " if unicodedata.category(c) in {"Cc", "Zl", "Zp"} else c
        for c in text
        if unicodedata.category(c) not in {"Cs", "Co", "Cn"} or c.isspace()
    )
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text


def codec_for(label: str | None) -> str | None:
    """A Python text codec for a charset label, or None when the label names none."""
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    label = CHARSET_ALIASES.get(label, label)
    try:
        info = codecs.lookup(label)
    except (LookupError, ValueError):
        return None
    # "rot13", "base64" and friends are codecs too, but not for text.
    if not getattr(info, "_is_text_encoding", True):
        return None
    # A <meta> that says UTF-16 in ASCII bytes is lying, and browsers never decode UTF-7
    # (it smuggled script past filters): both read as undeclared, as WHATWG says.
    if info.name in {"utf-16-le", "utf-16-be", "utf-16", "utf-32", "utf-7"}:
        return None
    return CHARSET_ALIASES.get(info.name, info.name)


def decode_html(body: bytes, header_charset: str | None = None) -> str:
    """Text of an HTML body: BOM, then the HTTP charset, then <meta>, then UTF-8, then 1252."""
    for bom, codec in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if body.startswith(bom):
            return body[len(bom) :].decode(codec, errors="replace")
    codec = codec_for(header_charset)
    if codec is None:
        match = META_CHARSET.search(body[:SNIFF_BYTES])
        codec = codec_for(match.group(1).decode("ascii")) if match else None
    if codec is not None:
        try:
            return body.decode(codec, errors="replace")
        except (LookupError, ValueError):
            pass
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        # Undeclared and not UTF-8: read it as browsers do by default.
        return body.decode("cp1252", errors="replace")


class HeadParser(HTMLParser):
    """Collects <meta property="og:…"> and the first <title>; ignores everything else."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.title_parts: list[str] = []
        self.title_length = 0
        self.in_title = False
        self.title_done = False

    def handle_starttag(self, tag, attrs):
        if tag == "meta":
            values = {key.lower(): (value or "") for key, value in attrs if key}
            name = (values.get("property") or values.get("name") or "").strip().lower()
            if name and "content" in values and name not in self.meta and len(self.meta) < 100:
                self.meta[name] = values["content"][:MAX_COLLECT]
        elif tag == "title" and not self.title_done:
            self.in_title = True

    def handle_endtag(self, tag):
        if tag == "title" and self.in_title:
            self.in_title = False
            self.title_done = True

    def handle_data(self, data):
        if self.in_title and self.title_length < MAX_COLLECT:
            self.title_parts.append(data[:MAX_COLLECT])
            self.title_length += len(data)


def page_info(body: bytes, *, url: str, charset: str | None = None) -> PageInfo:
    """Site name, title, description and image URL of an HTML page (never raises)."""
    text = decode_html(body, charset)
    parser = HeadParser()
    try:
        parser.feed(text)
        parser.close()
    except Exception:  # noqa: S110 - what was parsed before the error is kept
        pass
    meta = parser.meta
    title = meta.get("og:title") or meta.get("twitter:title") or "".join(parser.title_parts)
    description = (
        meta.get("og:description") or meta.get("twitter:description") or meta.get("description")
    )
    return PageInfo(
        site_name=clean_text(meta.get("og:site_name", ""), MAX_SITE_NAME),
        title=clean_text(title, MAX_TITLE),
        description=clean_text(description or "", MAX_DESCRIPTION),
        image_url=image_url(meta.get("og:image") or meta.get("og:image:url") or "", url),
    )


def image_url(value: str, page_url: str) -> str:
    """An og:image value resolved against the page; empty unless it is http(s)."""
    value = value.strip()
    if not value:
        return ""
    try:
        absolute = urljoin(page_url, value)
        scheme = urlsplit(absolute).scheme.lower()
    except ValueError:
        return ""
    if scheme not in {"http", "https"} or len(absolute) > MAX_IMAGE_URL:
        return ""
    return absolute
