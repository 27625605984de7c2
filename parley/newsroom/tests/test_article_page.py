import re
from datetime import UTC, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from parley.newsroom.tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def newsroom():
    section = factories.section("Middle East")
    factories.standards()
    return section


def test_article_page_shows_every_element_in_order(client, newsroom):
    """Dateline, section, short URL, headline, standfirst, byline, photo, body, tags,
    community standards, then the discussion anchor."""
    reporter = factories.author("Amira Haddad")
    photographer = factories.author("Lena Okafor")
    article = factories.article(
        newsroom,
        authors=[(reporter, "Moscow correspondent"), (photographer, "Photographs")],
        published_at=datetime(2017, 2, 28, 12, 17, tzinfo=UTC),
    )
    html = client.get(article.url).content.decode()
    html = html[html.index("<main") :]

    assert '<time datetime="2017-02-28T15:17+03:00">15:17 GMT+3 · 28 February 2017</time>' in html
    markers = [
        "15:17 GMT+3 · 28 February 2017",
        ">Middle East</a>",
        "Get short URL",
        f'<h1 id="headline" class="article__headline">{article.title}</h1>',
        "Negotiators agreed a pause",
        'Amira Haddad</span><span class="byline__role">, Moscow correspondent',
        "Lena Okafor",
        "Lavrov and Kerry meet in Munich",
        "© AFP 2016 / Christof Stache",
        "The two delegations met for six hours.",
        "— A delegate",
        'href="/tags/syria/" rel="tag"',
        "Community standards</a>",
        'id="discussion"',
    ]
    positions = [html.find(marker) for marker in markers]
    assert -1 not in positions, [m for m, p in zip(markers, positions, strict=True) if p == -1]
    assert positions == sorted(positions)


def test_short_url_is_shown_with_the_article(client, newsroom):
    """The "Get short URL" control carries the article's absolute short URL."""
    article = factories.article(newsroom)
    html = client.get(article.url).content.decode()
    assert re.search(r'value="http://testserver/s/[2-9a-zA-Z]{7}"', html)


def test_material_update_shows_updated_time_and_trivial_edit_does_not(client, newsroom):
    """Only an edit marked material prints "Updated hh:mm GMT+n"."""
    article = factories.article(newsroom, time_zone="Europe/Moscow")
    assert "Updated" not in client.get(article.url).content.decode()

    article = factories.republish(article, material=False, standfirst="A typo fixed.")
    assert article.updated_at is None
    assert "Updated" not in client.get(article.url).content.decode()

    article = factories.republish(article, material=True, standfirst="Talks collapsed at dawn.")
    assert article.updated_at == article.last_published_at
    html = client.get(article.url).content.decode()
    assert re.search(r"Updated <time datetime=\"[^\"]+\+03:00\">\d\d:\d\d GMT\+3", html)

    # A later trivial edit keeps the last material update's time.
    updated_at = article.updated_at
    article = factories.republish(article, material=False, standfirst="Talks collapsed at dawn!")
    assert article.updated_at == updated_at


def test_article_without_its_own_zone_uses_the_site_zone(client, newsroom, settings):
    """A blank time zone prints the dateline in PARLEY_DISPLAY_TIME_ZONE."""
    settings.PARLEY_DISPLAY_TIME_ZONE = "Asia/Tokyo"
    article = factories.article(
        newsroom, time_zone="", published_at=datetime(2017, 2, 28, 12, 17, tzinfo=UTC)
    )
    assert "21:17 GMT+9 · 28 February 2017" in client.get(article.url).content.decode()


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        # A session cookie keeps the page cache out of the way: we count a real render.
        client.cookies["sessionid"] = "none"
        response = client.get(url)
        assert response.status_code == 200
    return len(queries)


def test_article_page_queries_do_not_grow_with_tags_or_authors(client, newsroom):
    """One tag and one author cost the same number of queries as eight tags and five authors."""
    small = factories.article(newsroom, tags=["One"], authors=[(factories.author(), "")])
    large = factories.article(
        newsroom,
        tags=[f"Tag {n}" for n in range(8)],
        authors=[(factories.author(), f"Role {n}") for n in range(5)],
    )
    # Warm what is created once per image (renditions), then count.
    count_queries(client, small.url)
    count_queries(client, large.url)
    assert count_queries(client, small.url) == count_queries(client, large.url)


def test_warm_article_is_served_from_cache_without_queries(
    client, newsroom, django_assert_num_queries
):
    """The second anonymous read comes from the page cache and touches no table."""
    article = factories.article(newsroom)
    first = client.get(article.url)
    assert first["X-Cache"] == "MISS"
    with django_assert_num_queries(0):
        second = client.get(article.url)
    assert second["X-Cache"] == "HIT"
    assert second.content == first.content


def test_conditional_request_for_a_current_page_gets_304(client, newsroom):
    """A browser that has the current version is answered 304 with no body."""
    article = factories.article(newsroom)
    etag = client.get(article.url)["ETag"]
    response = client.get(article.url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response.content == b""


def test_republishing_purges_the_cached_page(client, newsroom):
    """Readers see the new headline as soon as the article is published again."""
    article = factories.article(newsroom, title="First headline")
    client.get(article.url)
    assert client.get(article.url)["X-Cache"] == "HIT"

    factories.republish(article, material=False, title="Second headline")
    response = client.get(article.url)
    assert response["X-Cache"] == "MISS"
    assert "Second headline" in response.content.decode()


def test_publishing_an_article_purges_the_front_page_and_section(client, newsroom):
    """A new article appears on cached listings at once."""
    factories.article(newsroom, title="Older story")
    for url in ("/", newsroom.url):
        client.get(url)
        assert client.get(url)["X-Cache"] == "HIT"
    factories.article(newsroom, title="Breaking story")
    for url in ("/", newsroom.url):
        assert "Breaking story" in client.get(url).content.decode()


def test_signed_in_requests_bypass_the_cache(client, newsroom, django_user_model):
    """A reader with a session never gets another reader's cached copy."""
    article = factories.article(newsroom)
    client.get(article.url)
    user = django_user_model.objects.create_user("reader", password="pw")
    client.force_login(user)
    assert "X-Cache" not in client.get(article.url)


def test_unpublished_article_is_not_served(client, newsroom):
    """A draft is a 404 for readers."""
    article = factories.article(newsroom, publish=False)
    assert client.get(f"/middle-east/{article.slug}/").status_code == 404


def test_expired_article_is_gone_before_the_scheduler_runs(client, newsroom):
    """An article past its expiry is a 404 even while Wagtail still marks it live."""
    article = factories.article(newsroom)
    type(article).objects.filter(pk=article.pk).update(expire_at=datetime(2020, 1, 1, tzinfo=UTC))
    assert client.get(article.url).status_code == 404


def test_embed_is_a_click_to_load_player(client, newsroom):
    """A video embed loads nothing from its provider until the reader asks."""
    article = factories.article(
        newsroom,
        body=[
            ("embed", {"url": "https://www.youtube.com/watch?v=abcdefghijk", "title": "Briefing"})
        ],
    )
    html = client.get(article.url).content.decode()
    assert 'data-embed-src="https://www.youtube-nocookie.com/embed/abcdefghijk?autoplay=1"' in html
    assert "<iframe" not in html


def test_reader_pages_send_a_strict_content_security_policy(client, newsroom):
    """No inline script can run on a reader's page."""
    article = factories.article(newsroom)
    policy = client.get(article.url)["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "object-src 'none'" in policy


def test_editing_an_author_purges_pages_with_their_byline(client, newsroom):
    """A renamed author shows at once on the articles that carry the byline."""
    from parley.newsroom.wagtail_hooks import purge_after_author_edit

    person = factories.author("Amira Haddad")
    article = factories.article(newsroom, authors=[(person, "Correspondent")])
    client.get(article.url)
    assert client.get(article.url)["X-Cache"] == "HIT"
    person.name = "Amira Haddad-Lind"
    person.save()
    purge_after_author_edit(None, person)
    response = client.get(article.url)
    assert response["X-Cache"] == "MISS"
    assert "Amira Haddad-Lind" in response.content.decode()
