"""Links in comments, their one normalised key, and their compact display."""

from hypothesis import given
from hypothesis import strategies as st
from hypothesis.provisional import urls

from parley.previews.links import comment_links, display_url, normalise_url, url_key


def test_the_first_three_distinct_web_links_in_order():
    html = (
        '<p><a href="https://a.example/1" rel="nofollow ugc noopener">one</a> '
        '<a href="mailto:x@example.com">mail</a> <a href="/relative">rel</a> '
        '<a href="HTTPS://A.example:443/1#again">same as one</a> '
        '<a href="http://b.example/2?x=1&amp;y=2">two</a> <a>no href</a> '
        '<a href="javascript:alert(1)">js</a> <a href="https://c.example/">three</a> '
        '<a href="https://d.example/">four</a></p>'
    )
    assert comment_links(html) == [
        "https://a.example/1",
        "http://b.example/2?x=1&y=2",
        "https://c.example/",
    ]
    assert comment_links(html, limit=1) == ["https://a.example/1"]


def test_a_comment_without_links_has_none():
    assert comment_links("<p>No links, just https://text.example in words.</p>") == []
    assert comment_links("") == []
    assert comment_links("<a href='") == []


def test_normalisation_drops_what_does_not_name_another_page():
    assert normalise_url("HTTPS://WWW.Example.COM:443/Path?Q=1#frag") == (
        "https://www.example.com/Path?Q=1"
    )
    assert normalise_url("http://example.com") == "http://example.com/"
    assert normalise_url("http://example.com:8080/") == "http://example.com:8080/"
    assert normalise_url("http://[2001:DB8::1]:80/") == "http://[2001:db8::1]/"


def test_the_key_is_a_sha256_of_the_normalised_url():
    assert url_key("https://Example.com/a#x") == url_key("https://example.com:443/a")
    assert url_key("https://example.com/a") != url_key("https://example.com/A")
    assert len(url_key("https://example.com/" + "x" * 10_000)) == 64


def test_display_url_is_host_and_path_shortened():
    url = "https://www.almasdarnews.com/article/kerry-agreement-reached-on-full-cessation/"
    shown = display_url(url)
    assert shown.startswith("www.almasdarnews.com/article/kerry")
    assert shown.endswith("…")
    assert len(shown) <= 50
    assert display_url("https://example.com/") == "example.com"
    assert display_url("https://example.com/a?b=c#d") == "example.com/a"


def test_display_url_decodes_percent_escapes_but_not_bidi_tricks():
    assert display_url("https://example.com/%D0%BC%D0%B8%D1%80") == "example.com/мир"
    assert "\u202e" not in display_url("https://example.com/a%E2%80%AEexe.txt")


@given(urls())
def test_normalising_twice_changes_nothing(url):
    once = normalise_url(url)
    assert normalise_url(once) == once


@given(urls(), st.booleans())
def test_case_of_scheme_and_host_and_the_fragment_do_not_change_the_key(url, upper):
    scheme, rest = url.split("://", 1)
    host, sep, tail = rest.partition("/")
    variant = f"{scheme.upper()}://{host.upper() if upper else host}{sep}{tail}#frag"
    assert url_key(variant) == url_key(url)


@given(urls())
def test_display_url_is_short(url):
    assert len(display_url(url)) <= max(50, len(url))
