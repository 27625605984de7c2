"""Reading a page's own description of itself, whatever it is made of."""

from hypothesis import given, settings
from hypothesis import strategies as st

from parley.previews.parse import MAX_TITLE, clean_text, decode_html, page_info

URL = "https://www.example.com/world/story.html"


def test_open_graph_tags_are_read_and_the_image_resolved_against_the_page():
    html = b"""<!doctype html><html><head>
    <meta property="og:site_name" content="Al-Masdar News">
    <meta property="og:title" content="Agreement &amp; ceasefire">
    <meta property="og:description" content="What was agreed.">
    <meta property="og:image" content="/img/lead.jpg">
    <title>Fallback title</title></head><body>...</body></html>"""
    info = page_info(html, url=URL)
    assert info.site_name == "Al-Masdar News"
    assert info.title == "Agreement & ceasefire"
    assert info.description == "What was agreed."
    assert info.image_url == "https://www.example.com/img/lead.jpg"


def test_the_title_element_is_the_fallback():
    info = page_info(b"<html><head><title>\n  Plain   title\n</title></head></html>", url=URL)
    assert info.title == "Plain title"
    assert info.site_name == ""
    assert info.image_url == ""


def test_a_100_kb_title_is_trimmed_to_300_characters():
    html = b"<title>" + b"A very long title " * 6000 + b"</title>"
    assert len(html) > 100_000
    info = page_info(html, url=URL)
    assert 0 < len(info.title) <= MAX_TITLE
    assert info.title.endswith("…")


def test_control_and_bidi_characters_are_stripped():
    """A right-to-left override could make a link's title lie about where it goes."""
    html = "<title>Safe\u202etxt.exe\u0000\u200b \u2066news\u2069\x07</title>".encode()
    assert page_info(html, url=URL).title == "Safetxt.exe news"


def test_windows_1251_declared_in_the_header():
    title = "Керри: достигнуто соглашение"
    html = f"<html><head><title>{title}</title></head></html>".encode("windows-1251")
    assert page_info(html, url=URL, charset="windows-1251").title == title


def test_windows_1251_declared_in_a_meta_tag():
    title = "Сирийский конфликт"
    html = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'
        f'<meta property="og:title" content="{title}"></head></html>'
    ).encode("windows-1251")
    assert page_info(html, url=URL).title == title


def test_shift_jis_declared_in_meta_charset():
    title = "シリア停戦で合意"
    html = f'<meta charset="Shift_JIS"><title>{title}</title>'.encode("shift_jis")
    assert page_info(html, url=URL).title == title


def test_undeclared_utf8_is_read_as_utf8_and_anything_else_as_windows_1252():
    assert decode_html("<title>Ünïcode</title>".encode()) == "<title>Ünïcode</title>"
    assert decode_html("<title>café</title>".encode("cp1252")) == "<title>café</title>"


def test_a_header_charset_that_names_no_text_codec_is_ignored():
    for label in ("rot13", "base64", "nonsense-9", "utf-7\x00"):
        assert page_info(b"<title>ok</title>", url=URL, charset=label).title == "ok"


def test_a_bom_wins_over_the_declared_charset():
    html = "\ufeff<title>Ünïcode</title>".encode("utf-8-sig")
    assert page_info(html, url=URL, charset="windows-1251").title == "Ünïcode"


def test_only_http_image_urls_are_kept():
    for value in ("javascript:alert(1)", "data:image/png;base64,AAAA", "file:///etc/passwd"):
        html = f'<meta property="og:image" content="{value}"><title>t</title>'.encode()
        assert page_info(html, url=URL).image_url == ""


def test_invalid_html_does_not_raise():
    for html in (
        b"<html><<<meta property=og:title content='x'<title>Hi</ti",
        b"<title>unclosed",
        b"<!-- never closed <title>x</title>",
        b"<meta property='og:title'><meta content='no name'><![CDATA[ x",
        b"\xff\xfe\x00<\x00t\x00",
        b"</title></title><title></head>",
        b"<title>&#xd800;&#0;&#x110000;&bogus;</title>",
    ):
        page_info(html, url=URL)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000), st.sampled_from([None, "utf-8", "shift_jis", "x", "utf-16"]))
def test_any_bytes_give_a_clean_bounded_result(body, charset):
    """Whatever comes back from a site: no exception, no control characters, bounded."""
    info = page_info(body, url=URL, charset=charset)
    for text, limit in ((info.title, 300), (info.site_name, 100), (info.description, 500)):
        assert len(text) <= limit
        assert not any(ord(c) < 32 or 0x202A <= ord(c) <= 0x202E for c in text)


@given(st.text(max_size=500), st.integers(min_value=2, max_value=100))
def test_clean_text_is_bounded_and_single_line(text, limit):
    out = clean_text(text, limit)
    assert len(out) <= limit
    assert "\n" not in out and "\r" not in out
    assert out == out.strip()
