"""Comment text: clean it, render its Markdown subset to HTML and sanitise that HTML.

This module is the security boundary for reader comments. A comment is rendered once, when it
is written, and the stored HTML is shown as it is afterwards, so everything that reaches a page
passes through ``render_comment``:

1. ``clean_text`` normalises the text (NFC, LF line ends) and removes what must never be stored:
   control characters, lone surrogates, bidi overrides and isolates, zero-width spaces.
2. markdown-it-py, from its "zero" preset, enables a small subset: paragraphs with single
   newlines as line breaks, emphasis, strikethrough, links, autolinks, bare URLs, quotes,
   lists, inline code and fenced code. Raw HTML is text; there are no images, headings or
   tables. Links must be absolute ``http``, ``https`` or ``mailto`` URLs; anything else stays
   text.
3. nh3 sanitises the result against an allow-list of tags with ``href`` (and ``ol start``) as
   the only attributes, the same three URL schemes, no relative URLs, and
   ``rel="nofollow ugc noopener"`` on every link: a second net under markdown-it.
"""

from __future__ import annotations

import re
import unicodedata
from html import unescape as html_unescape
from html.parser import HTMLParser
from typing import Literal

import nh3
from linkify_it import LinkifyIt
from linkify_it.main import Match
from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore

__all__ = ["BodyError", "clean_name", "clean_text", "plain_text", "render_comment"]

BodyErrorCode = Literal["empty", "too_long", "invalid_text"]


class BodyError(ValueError):
    """A comment body or display name we refuse, with a machine ``code`` and a human message."""

    code: BodyErrorCode

    def __init__(self, code: BodyErrorCode, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


# --- Cleaning ------------------------------------------------------------------------------

# Removed outright: C0 controls but LF and TAB (CR is turned into LF first), DEL and C1
# controls, bidi embeddings/overrides (U+202A-U+202E) and isolates (U+2066-U+2069), the
# zero-width space, word joiner and BOM, and lone surrogates (json.loads lets "\ud800"
# through; no database can store it). ZWNJ/ZWJ (U+200C/U+200D) stay: Persian, Indic
# scripts and emoji sequences need them. LRM/RLM/ALM marks stay too: they override nothing.
_REMOVED = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u202a-\u202e\u2060\u2066-\u2069\ufeff\ud800-\udfff]"
)
_LINE_ENDS = re.compile("\r\n?|[\u2028\u2029]")
_BLANK_LINES = re.compile(r"\n{4,}")

# Characters that show nothing on their own: a name or a comment made only of these is empty.
_BLANK_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zs", "Zl", "Zp", "Mn", "Me"})
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")  # Hangul fillers, blank Braille


def _is_visible(text: str) -> bool:
    return any(
        ch not in _BLANK_LETTERS and unicodedata.category(ch) not in _BLANK_CATEGORIES
        for ch in text
    )


def _neutralise(raw: str) -> str:
    text = _LINE_ENDS.sub("\n", raw)
    text = _REMOVED.sub("", text)
    # NFC last: removing a character between a letter and its accent can make them composable.
    return unicodedata.normalize("NFC", text)


def clean_text(raw: str) -> str:
    """Normalise comment text: LF lines, no controls/bidi overrides/zero-width spaces, NFC."""
    text = _neutralise(raw).replace("\t", "    ")
    # Not a regex: "[^\S\n]+(?=\n)" is quadratic on a long run of spaces.
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    text = _BLANK_LINES.sub("\n\n\n", text)
    return text.strip()


def clean_name(raw: str, *, max_length: int = 50) -> str:
    """Normalise a one-line display name; raise BodyError if it is blank or too long."""
    name = " ".join(_neutralise(raw).split())
    if not _is_visible(name):
        raise BodyError("invalid_text", "A name needs at least one visible character.")
    if len(name) > max_length:
        raise BodyError(
            "too_long",
            f"Names can be at most {max_length:,} characters; this one has {len(name):,}.",
        )
    return name


# --- Rendering -----------------------------------------------------------------------------

_LINK_SCHEMES = frozenset({"http", "https", "mailto"})
_SAFE_URL = re.compile(r"(?:https?://[^\s/?#]|mailto:[^\s/])", re.IGNORECASE)


def _validate_link(url: str) -> bool:
    """Only absolute http(s) URLs with a host and mailto: addresses become links."""
    return _SAFE_URL.match(url.strip()) is not None


class _Linkify(LinkifyIt):
    """Finds bare "www." hosts for markdown-it's core linkify rule, and nothing else.

    URLs with a scheme ("https://...") are linked by the inline linkify rule, which calls
    ``match_at_start`` at each "://" and costs ~10 µs a link. The stock fuzzy matcher runs
    linkify-it's whole-text regexes on every text token (~0.5 ms for a 300-character comment)
    and would also link "setup.py" and "readme.md" ("py" and "md" are country domains) and
    e-mail addresses, none of which we want. A bare "www.example.com" becomes an https link.
    """

    _PREFIX = "https://"
    _WWW = re.compile(r"www\.", re.IGNORECASE)  # not text.lower(): "İ".lower() is 2 chars
    _HOST_END = re.compile(r"[/?#]")

    def pretest(self, text: str) -> bool:
        return self._WWW.search(text) is not None

    def test(self, text: str) -> bool:
        return self._WWW.search(text) is not None

    def match(self, text: str) -> list[Match] | None:
        found: list[Match] = []
        pos = 0
        while (www := self._WWW.search(text, pos)) is not None:
            start = pos = www.start()
            pos += 1
            before = text[start - 1] if start else " "
            if before.isalnum() or before in "-._@/:~+%&=#":
                continue  # part of a longer word, host or URL
            link = self.match_at_start(self._PREFIX + text[start : start + 2048])
            if link is None:
                continue
            host = self._HOST_END.split(link.raw[len(self._PREFIX) + 4 :], maxsplit=1)[0]
            if "." not in host.strip("."):
                continue  # "www.example" alone names no real host
            end = start + link.last_index - len(self._PREFIX)
            match = Match(text, "", start, end)
            match.url = self._PREFIX + match.raw
            found.append(match)
            pos = end
        return found or None


_md = MarkdownIt("zero", {"html": False, "breaks": True, "linkify": True, "maxNesting": 20})
_md.linkify = _Linkify(options={"fuzzy_link": False, "fuzzy_email": False, "fuzzy_ip": False})
_md.validateLink = _validate_link
_md.enable(
    [
        # blocks (paragraph is on in "zero")
        "blockquote",
        "list",
        "fence",
        # inline (text is on in "zero"); no "entity": "&#x202e;" would undo clean_text
        "newline",
        "escape",
        "backticks",
        "emphasis",
        "strikethrough",
        "link",
        "autolink",
        "linkify",  # the inline rule (scheme://...) and the core rule (www.)
    ]
)


def _strikethrough_as_del(state: StateCore) -> None:
    """markdown-it marks ~~text~~ up as <s>; <del> is what the allow-list (and GitHub) use."""
    for block in state.tokens:
        for token in block.children or ():
            if token.type in ("s_open", "s_close"):
                token.tag = "del"


_md.core.ruler.push("strikethrough_as_del", _strikethrough_as_del)

_cleaner = nh3.Cleaner(
    tags={"p", "br", "strong", "em", "del", "a", "blockquote", "ul", "ol", "li", "code", "pre"},
    clean_content_tags={"script", "style"},
    # "*" must be given: without it nh3 keeps its default generic attributes, lang and title.
    attributes={"*": set(), "a": {"href"}, "ol": {"start"}},
    url_schemes=set(_LINK_SCHEMES),
    url_relative="deny",
    link_rel="nofollow ugc noopener",
    strip_comments=True,
)

_TAG = re.compile(r"<[^>]*>")


def sanitize_html(html: str) -> str:
    """Clean stored comment HTML again with the same allow-list (defence in depth on output)."""
    return _cleaner.clean(html)


def render_comment(raw: str, *, max_length: int = 10_000) -> tuple[str, str]:
    """Return (clean_markdown, safe_html) for a comment body, or raise BodyError."""
    text = clean_text(raw)
    if not _is_visible(text):
        raise BodyError("empty", "Write something before posting.")
    if len(text) > max_length:
        raise BodyError(
            "too_long",
            f"Comments can be at most {max_length:,} characters; this one has {len(text):,}.",
        )
    safe_html = _cleaner.clean(_md.render(text)).strip()
    # "> " or "-" alone render as an empty quote or list: nothing a reader could see.
    if not _is_visible(html_unescape(_TAG.sub("", safe_html))):
        raise BodyError("empty", "Write something before posting.")
    return text, safe_html


# --- Excerpts ------------------------------------------------------------------------------

_BLOCK_TAGS = frozenset({"p", "br", "li", "blockquote", "pre", "ul", "ol", "div"})


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def plain_text(html: str, *, limit: int = 200) -> str:
    """A one-line plain-text excerpt (not HTML-escaped) of rendered comment HTML."""
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    text = " ".join("".join(parser.parts).split())
    if len(text) <= limit:
        return text
    if limit < 1:
        return ""
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" \u200c\u200d.,;:") + "…"
