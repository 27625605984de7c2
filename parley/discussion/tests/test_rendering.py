"""Comment rendering: the Markdown subset, the sanitiser, text cleaning, names and excerpts."""

import html
import time
import unicodedata
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parley.discussion.rendering import (
    BodyError,
    clean_name,
    clean_text,
    plain_text,
    render_comment,
)

REL = 'rel="nofollow ugc noopener"'


def render(raw: str) -> str:
    return render_comment(raw)[1]


# --- What renders ------------------------------------------------------------------------------


def test_emphasis_renders_as_strong_em_and_del():
    """**bold**, *italic*, _italic_ and ~~struck~~ become strong, em and del."""
    assert render("**bold** *it* _also_ ~~gone~~") == (
        "<p><strong>bold</strong> <em>it</em> <em>also</em> <del>gone</del></p>"
    )


def test_markdown_link_renders_with_rel():
    """[text](https://…) is a link with rel="nofollow ugc noopener" and no other attribute."""
    assert render("[the report](https://example.org/a?b=1&c=2)") == (
        f'<p><a href="https://example.org/a?b=1&amp;c=2" {REL}>the report</a></p>'
    )


def test_link_title_is_dropped():
    """[x](url "title") keeps only href and rel: no title (nh3 would allow it by default)."""
    assert render('[x](https://e.org "t")') == f'<p><a href="https://e.org" {REL}>x</a></p>'


def test_angle_bracket_autolink_renders():
    """<https://…> is a link showing its URL."""
    assert render("<https://example.org/x>") == (
        f'<p><a href="https://example.org/x" {REL}>https://example.org/x</a></p>'
    )


def test_bare_url_is_linked_with_nofollow_ugc_noopener():
    """A bare https URL in text becomes a link; trailing punctuation stays outside it."""
    assert render("See https://example.org/maps?zoom=12.") == (
        f'<p>See <a href="https://example.org/maps?zoom=12" {REL}>'
        "https://example.org/maps?zoom=12</a>.</p>"
    )


def test_bare_www_host_becomes_an_https_link():
    """www.example.com is linked to https://www.example.com, shown as typed."""
    assert render("Read (www.example.com/story) now") == (
        f'<p>Read (<a href="https://www.example.com/story" {REL}>www.example.com/story</a>) now</p>'
    )


@pytest.mark.parametrize(
    "text",
    ["setup.py", "readme.md", "example.com", "bob@example.org", "www.localhost", "xwww.a.com"],
)
def test_bare_host_names_and_emails_stay_text(text):
    """File names that look like hosts, bare domains and e-mail addresses are not linked."""
    assert render(text) == f"<p>{text}</p>"


def test_link_text_inside_a_link_is_not_linked_twice():
    """[www.a.org](https://b.org) links to b.org once; no nested anchors."""
    assert render("[www.a.org](https://b.org)") == (
        f'<p><a href="https://b.org" {REL}>www.a.org</a></p>'
    )


def test_quote_renders_as_blockquote():
    """A line starting with > quotes the article; the reply follows as a paragraph."""
    assert render("> The minister said so.\n\nNo, he did not.") == (
        "<blockquote>\n<p>The minister said so.</p>\n</blockquote>\n<p>No, he did not.</p>"
    )


def test_bullet_and_ordered_lists_render():
    """- items make ul, numbered items make ol keeping their starting number."""
    assert render("- one\n- two\n\n3. three\n4. four") == (
        "<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n"
        '<ol start="3">\n<li>three</li>\n<li>four</li>\n</ol>'
    )


def test_inline_and_fenced_code_render_escaped():
    """Backticks make code and fences make pre/code; the language class is dropped."""
    assert render("Use `<b>` here:\n\n```html\n<b>x</b>\n```") == (
        "<p>Use <code>&lt;b&gt;</code> here:</p>\n<pre><code>&lt;b&gt;x&lt;/b&gt;\n</code></pre>"
    )


def test_single_newline_is_a_line_break():
    """One newline inside a paragraph is a <br>; a blank line starts a new paragraph."""
    assert render("one\ntwo\n\nthree") == "<p>one<br>\ntwo</p>\n<p>three</p>"


def test_backslash_escapes_markdown():
    r"""\*not italic\* shows its asterisks."""
    assert render(r"\*not italic\*") == "<p>*not italic*</p>"


# --- What does not render ----------------------------------------------------------------------


def test_raw_html_is_shown_as_inert_text():
    """<script>alert(1)</script> is escaped text, not an element."""
    assert render("<script>alert(1)</script>") == "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "data:text/html,hi",
        "vbscript:msgbox(1)",
        "//evil.example/x",
        "/relative/path",
        "#fragment",
        "ftp://example.org/file",
        "file:///etc/passwd",
    ],
)
def test_unsafe_or_relative_link_targets_are_not_links(url):
    """Only absolute http, https and mailto URLs become links; the rest stays as typed."""
    out = render(f"[x]({url})")
    assert "<a" not in out
    assert out == f"<p>[x]({html.escape(url, quote=False)})</p>"


def test_mailto_link_is_allowed():
    """[write to us](mailto:…) is a link."""
    assert render("[write](mailto:desk@example.org)") == (
        f'<p><a href="mailto:desk@example.org" {REL}>write</a></p>'
    )


def test_image_syntax_never_makes_an_img():
    """![a](http://x/y.png) is at most a link to the picture, never an <img>."""
    out = render("![a](http://x.example/y.png)")
    assert "<img" not in out
    assert out == f'<p>!<a href="http://x.example/y.png" {REL}>a</a></p>'


@pytest.mark.parametrize("text", ["# x", "### x", "x\n===", "x\n---"])
def test_heading_syntax_is_not_a_heading(text):
    """# x and underlined lines stay paragraphs: no <h1>…<h6>, no <hr>."""
    out = render(text)
    assert "<h" not in out
    assert out.startswith("<p>")


def test_tables_are_not_rendered():
    """Pipe tables are plain text."""
    assert "<table" not in render("| a | b |\n|---|---|\n| 1 | 2 |")


def test_html_entities_are_shown_as_typed():
    """&lt; and &#x202e; are shown literally: an entity cannot bring back a removed character."""
    out = render("&lt;b&gt; &#x202e;exe")
    assert out == "<p>&amp;lt;b&amp;gt; &amp;#x202e;exe</p>"
    assert "\u202e" not in html.unescape(out)


# --- Refused bodies ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "   ",
        "\n\t\r\n ",
        "\u200b\u200b",
        "\ufeff\u2060",
        "\u202e\u202d\u2066\u2069",
        "\u200c\u200d",
        "\u3164\u3164",
        "\x00\x07\x1b",
        ">",
        "-",
    ],
)
def test_empty_bodies_are_refused(raw):
    """Nothing visible (after cleaning and rendering) raises BodyError('empty')."""
    with pytest.raises(BodyError) as info:
        render_comment(raw)
    assert info.value.code == "empty"
    assert str(info.value)


def test_too_long_body_is_refused_with_a_readable_message():
    """10,001 characters raise BodyError('too_long') naming the limit and the length."""
    with pytest.raises(BodyError) as info:
        render_comment("a" * 10_001)
    assert info.value.code == "too_long"
    assert str(info.value) == "Comments can be at most 10,000 characters; this one has 10,001."


def test_length_is_counted_after_cleaning():
    """Characters that cleaning removes do not count towards the limit."""
    clean, _ = render_comment("a" * 10_000 + "\u200b" * 50 + "\r\n" * 3)
    assert len(clean) == 10_000
    with pytest.raises(BodyError, match="at most 20 characters; this one has 21"):
        render_comment("b" * 21, max_length=20)


def test_body_error_is_a_value_error():
    """Callers can catch BodyError as ValueError."""
    assert issubclass(BodyError, ValueError)


# --- Cleaning ----------------------------------------------------------------------------------


def test_control_characters_are_removed():
    """C0 (but newline and tab), DEL and C1 controls are dropped."""
    assert clean_text("a\x00b\x07c\x1bd\x7fe\x85f\x9fg") == "abcdefg"


def test_bidi_overrides_and_isolates_are_removed():
    """U+202A-U+202E and U+2066-U+2069 are dropped: "abc\u202egnp.exe" reads as typed."""
    assert clean_text("abc\u202egnp.exe") == "abcgnp.exe"
    assert clean_text("\u202a\u202b\u202c\u202d\u2066\u2067\u2068\u2069x") == "x"
    assert render_comment("abc\u202egnp.exe") == ("abcgnp.exe", "<p>abcgnp.exe</p>")


def test_zero_width_space_word_joiner_and_bom_are_removed():
    """U+200B, U+2060 and U+FEFF are dropped."""
    assert clean_text("\ufeffa\u200bb\u2060c") == "abc"


def test_joiners_and_direction_marks_are_kept():
    """ZWNJ/ZWJ (Persian, emoji sequences) and LRM/RLM marks survive cleaning."""
    persian = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"  # mi-khaham
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    marked = "\u05d0\u200f 1"
    assert clean_text(persian) == persian
    assert clean_text(family) == family
    assert clean_text(marked) == marked


def test_lone_surrogates_are_removed():
    """A lone surrogate (json.loads accepts "\\ud800") cannot be stored, so it is dropped."""
    assert clean_text("a\ud800b\udfffc") == "abc"


def test_line_endings_are_normalised():
    """CRLF and CR become LF; line and paragraph separators too."""
    assert clean_text("a\r\nb\rc\u2028d") == "a\nb\nc\nd"
    assert render("a\r\nb") == "<p>a<br>\nb</p>"


def test_text_is_nfc_normalised():
    """Decomposed accents compose, also when an invisible character sat between them."""
    assert clean_text("Cafe\u0301") == "Caf\u00e9"
    assert clean_text("Cafe\u200b\u0301") == "Caf\u00e9"


def test_blank_lines_collapse_and_edges_are_trimmed():
    """Three or more blank lines become two; trailing spaces and outer blank lines go."""
    assert clean_text("\n\n  a  \n\n\n\n\n\nb \n\n") == "a\n\n\nb"


def test_tabs_become_four_spaces():
    """A tab is four spaces."""
    assert clean_text("a\tb") == "a    b"


def test_cleaning_is_linear_on_long_runs_of_spaces():
    """A million spaces before a letter cleans quickly (no backtracking regex)."""
    started = time.perf_counter()
    assert (
        clean_text(" " * 1_000_000 + "x\n" + " " * 1_000_000 + "y") == "x\n" + " " * 1_000_000 + "y"
    )
    assert time.perf_counter() - started < 2


# --- Names -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw", ["", "   ", "\u200b\u200b", "\u202e", "\n\t", "\u3164", "\u200d\u00ad", "\u0301"]
)
def test_blank_or_invisible_names_are_refused(raw):
    """A name with nothing visible raises BodyError('invalid_text')."""
    with pytest.raises(BodyError) as info:
        clean_name(raw)
    assert info.value.code == "invalid_text"


def test_name_whitespace_collapses_to_single_spaces():
    """Newlines, tabs and runs of spaces inside a name become one space; edges are trimmed."""
    assert clean_name("  Ada \n\t Lovelace\u00a0\u00a0Jr  ") == "Ada Lovelace Jr"


def test_name_is_neutralised_like_text():
    """Bidi overrides, zero-width spaces and controls are removed; NFC applies."""
    assert clean_name("admin\u202eoloh\u200b\x00") == "adminoloh"
    assert clean_name("Zoe\u0308") == "Zo\u00eb"


def test_long_names_are_refused():
    """More than max_length characters (default 50) raises BodyError('too_long')."""
    assert clean_name("a" * 50) == "a" * 50
    with pytest.raises(BodyError) as info:
        clean_name("a" * 51)
    assert info.value.code == "too_long"
    assert str(info.value) == "Names can be at most 50 characters; this one has 51."
    with pytest.raises(BodyError):
        clean_name("abcdef", max_length=5)


# --- Excerpts ----------------------------------------------------------------------------------


def test_plain_text_drops_markup_and_separates_blocks():
    """Tags go, entities are decoded, paragraphs and list items are separated by a space."""
    out = render("> quoted\n\n**Bold** & [link](https://e.org)\n- a\n- b")
    assert plain_text(out) == "quoted Bold & link a b"


def test_plain_text_truncates_at_a_word_with_an_ellipsis():
    """Longer text is cut at a word boundary to at most `limit` characters, ending in …."""
    out = plain_text(render("word " * 100), limit=23)
    assert out == "word word word word…"
    assert len(out) <= 23
    assert plain_text("<p>" + "x" * 50 + "</p>", limit=10) == "x" * 9 + "…"


# --- Properties --------------------------------------------------------------------------------

FORBIDDEN_TAGS = {
    "script",
    "style",
    "iframe",
    "img",
    "object",
    "embed",
    "svg",
    "math",
    "form",
    "input",
}
ALLOWED_TAGS = {"p", "br", "strong", "em", "del", "a", "blockquote", "ul", "ol", "li", "code"}
ALLOWED_TAGS |= {"pre"}
BAD_SCHEMES = ("javascript:", "data:", "vbscript:")

FRAGMENTS = [
    "<script>",
    "</script>",
    "<style>",
    "javascript:",
    "JaVaScRiPt:",
    "java\tscript:",
    "java&#x09;script:",
    "&#106;avascript:",
    "data:text/html",
    "data:text/html;base64,PHNjcmlwdD4=",
    "vbscript:",
    "onerror=",
    " onload=alert(1)",
    "<img src=x onerror=alert(1)>",
    "<svg/onload=alert(1)>",
    "<iframe src=x>",
    "[a](javascript:x)",
    "[a](<javascript:x>)",
    "[a]( javascript:x )",
    "![a](javascript:x)",
    "<javascript:alert(1)>",
    "<a href='javascript:x'>",
    '<a href="https://ok.example" onclick="x">',
    "\u202e",
    "\u2066",
    "\u200b",
    "\x00",
    "&lt;",
    "&#0;",
    "&#x202e;",
    "`",
    "```",
    "[",
    "]",
    "(",
    ")",
    "<",
    ">",
    "\n> ",
    "> ",
    "\n",
    "\n\n",
    "- ",
    "1. ",
    "*",
    "_",
    "~~",
    "\\",
    "'",
    '"',
    " ",
    "x",
    "http://",
    "https://",
    "https://ok.example/",
    "www.",
    "www.ok.example",
    "//",
    "mailto:",
    "%0a",
    "\u2028",
    # valid syntax, so that links, lists, quotes and code are generated often enough
    "[a](https://ok.example/x)",
    "[b](http://ok.example 'title')",
    "<https://ok.example>",
    "www.ok.example/p?q=1",
    "**b**",
    "*i*",
    "~~s~~",
    "`c`",
    "\n- ",
    "\n1. ",
    "\n7) ",
    "\n```\n",
    "\n```js\n",
    "\n\n> ",
]

dangerous_text = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.sampled_from(FRAGMENTS), st.text(max_size=4)),
    max_size=40,
).map("".join)
any_text = st.text(alphabet=st.characters(exclude_categories=()))  # surrogates included
bodies = st.one_of(any_text, dangerous_text)


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, {name: value or "" for name, value in attrs}))

    handle_startendtag = handle_starttag


def _url_key(value: str) -> str:
    value = html.unescape(value)
    kept = (c for c in value if not c.isspace() and unicodedata.category(c) not in {"Cc", "Cf"})
    return "".join(kept).lower()


def assert_safe(safe_html: str) -> None:
    parser = _Elements()
    parser.feed(safe_html)
    parser.close()
    for tag, attrs in parser.elements:
        assert tag not in FORBIDDEN_TAGS
        assert tag in ALLOWED_TAGS
        assert not any(name.startswith("on") for name in attrs)
        assert set(attrs) <= {"href", "rel", "start"}
        for name in ("href", "src"):
            if name in attrs:
                url = _url_key(attrs[name])
                assert not url.startswith(BAD_SCHEMES)
                assert url.startswith(("http://", "https://", "mailto:"))
        if tag == "a":
            assert {"nofollow", "ugc", "noopener"} <= set(attrs.get("rel", "").split())


@settings(max_examples=300, deadline=None, database=None)
@given(bodies)
def test_rendered_html_is_always_safe(raw):
    """Whatever the text, the HTML has only allowed elements, safe URLs and rel on links."""
    try:
        clean, safe_html = render_comment(raw)
    except BodyError as exc:
        assert exc.code in {"empty", "too_long"}
        return
    assert_safe(safe_html)
    assert not any(c in clean for c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


@settings(max_examples=300, deadline=None, database=None)
@given(bodies)
def test_rendering_the_clean_markdown_again_gives_the_same_html(raw):
    """render_comment(clean_markdown) returns the same clean_markdown and HTML."""
    try:
        clean, safe_html = render_comment(raw)
    except BodyError:
        return
    assert render_comment(clean) == (clean, safe_html)


@settings(max_examples=300, deadline=None, database=None)
@given(bodies)
def test_clean_text_is_idempotent_and_strips_what_it_promises(raw):
    """Cleaning twice changes nothing; no CR, controls, bidi controls or ZWSP remain."""
    once = clean_text(raw)
    assert clean_text(once) == once
    assert unicodedata.is_normalized("NFC", once)
    assert once == once.strip()
    for c in once:
        assert c in "\n" or unicodedata.category(c) not in {"Cc", "Cs"}
        assert c not in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200b\u2060\ufeff"


@settings(max_examples=300, deadline=None, database=None)
@given(bodies)
def test_clean_name_is_one_visible_line_or_refused(raw):
    """A name comes back as one trimmed line within the limit, or BodyError is raised."""
    try:
        name = clean_name(raw, max_length=20)
    except BodyError as exc:
        assert exc.code in {"invalid_text", "too_long"}
        return
    assert name and name == name.strip() and len(name) <= 20
    assert "  " not in name
    assert not any(unicodedata.category(c) in {"Cc", "Cs", "Zl", "Zp"} for c in name)
    assert clean_name(name, max_length=20) == name


@settings(max_examples=300, deadline=None, database=None)
@given(bodies, st.integers(min_value=1, max_value=80))
def test_plain_text_is_short_and_single_line(raw, limit):
    """Excerpts never exceed the limit and never contain a line break."""
    try:
        _, safe_html = render_comment(raw)
    except BodyError:
        return
    out = plain_text(safe_html, limit=limit)
    assert len(out) <= limit
    assert "\n" not in out
