"""Feeds, sitemaps, JSON-LD and Open Graph all describe an article the same way."""

import json
import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

import pytest
from django.utils import timezone

from parley.newsroom.models import ArticlePage
from parley.newsroom.tests import factories

pytestmark = pytest.mark.django_db

NS = {
    "atom": "http://www.w3.org/2005/Atom",
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}
PUBLISHED = datetime.now(UTC).replace(microsecond=0, second=0) - timedelta(hours=3)


@pytest.fixture
def article():
    section = factories.section("Middle East")
    return factories.article(
        section,
        title="Kerry & Lavrov: agreement <reached>",
        tags=["Syrian conflict", "John Kerry"],
        time_zone="Europe/Moscow",
        published_at=PUBLISHED,
    )


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response, ET.fromstring(response.content)


def page_metadata(client, article):
    html = client.get(article.url).content.decode()
    ld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html).group(1))
    og = {}
    for prop, content in re.findall(r'<meta (?:property|name)="([^"]+)" content="([^"]*)"', html):
        og.setdefault(prop, []).append(content)
    return html, ld, og


def test_every_machine_readable_view_agrees(client, article):
    """Headline, dates with offsets, canonical URL, image, section and tags match everywhere."""
    html, ld, og = page_metadata(client, article)
    _, rss = parse(client, "/feeds/rss.xml")
    _, atom = parse(client, "/feeds/atom.xml")
    _, sitemap = parse(client, "/sitemap.xml")
    _, news = parse(client, "/news-sitemap.xml")

    url = "http://testserver" + article.url
    published = PUBLISHED.astimezone(article.zone)
    headline = "Kerry & Lavrov: agreement <reached>"

    # JSON-LD
    assert ld["@type"] == "NewsArticle"
    assert ld["headline"] == headline
    assert ld["url"] == url == ld["mainEntityOfPage"]["@id"]
    assert ld["datePublished"] == published.isoformat() and ld["datePublished"].endswith("+03:00")
    assert ld["articleSection"] == "Middle East"
    assert ld["keywords"] == ["Syrian conflict", "John Kerry"]
    assert ld["image"]["creditText"] == "© AFP 2016 / Christof Stache"
    image_url = ld["image"]["url"]

    # Open Graph, in the same page
    assert og["og:title"] == ["Kerry &amp; Lavrov: agreement &lt;reached&gt;"]
    assert og["og:url"] == [url]
    assert og["article:published_time"] == [published.isoformat()]
    assert og["article:section"] == ["Middle East"]
    assert og["article:tag"] == ["Syrian conflict", "John Kerry"]
    assert og["og:image"] == [image_url]
    assert f'<link rel="canonical" href="{url}">' in html

    # RSS 2.0
    item = rss.find("channel/item")
    assert item.findtext("title") == headline
    assert item.findtext("link") == url
    assert parsedate_to_datetime(item.findtext("pubDate")) == published
    assert "+0300" in item.findtext("pubDate")
    assert [c.text for c in item.findall("category")] == [
        "Middle East",
        "Syrian conflict",
        "John Kerry",
    ]

    # Atom
    entry = atom.find("atom:entry", NS)
    assert entry.findtext("atom:title", namespaces=NS) == headline
    assert entry.find("atom:link", NS).get("href") == url
    assert entry.findtext("atom:published", namespaces=NS) == published.isoformat()
    terms = [c.get("term") for c in entry.findall("atom:category", NS)]
    assert terms == ["Middle East", "Syrian conflict", "John Kerry"]

    # sitemap.xml and the Google News sitemap
    locs = [u.findtext("sm:loc", namespaces=NS) for u in sitemap.findall("sm:url", NS)]
    assert url in locs
    news_url = news.find("sm:url", NS)
    assert news_url.findtext("sm:loc", namespaces=NS) == url
    assert news_url.findtext("news:news/news:title", namespaces=NS) == headline
    assert (
        news_url.findtext("news:news/news:publication_date", namespaces=NS) == ld["datePublished"]
    )
    assert (
        news_url.findtext("news:news/news:keywords", namespaces=NS) == "Syrian conflict, John Kerry"
    )


def test_section_and_tag_feeds_list_only_their_articles(client, article):
    """Each section and each tag has its own RSS and Atom feed."""
    other = factories.section("Science")
    factories.article(other, title="Reef found", tags=["Oceans"])
    for url in ("/feeds/sections/middle-east/rss.xml", "/feeds/tags/john-kerry/rss.xml"):
        _, rss = parse(client, url)
        titles = [i.findtext("title") for i in rss.findall("channel/item")]
        assert titles == ["Kerry & Lavrov: agreement <reached>"], url
    for url in ("/feeds/sections/science/atom.xml", "/feeds/tags/oceans/atom.xml"):
        _, atom = parse(client, url)
        titles = [e.findtext("atom:title", namespaces=NS) for e in atom.findall("atom:entry", NS)]
        assert titles == ["Reef found"], url
    assert client.get("/feeds/sections/nowhere/rss.xml").status_code == 404
    assert client.get("/feeds/tags/nothing/atom.xml").status_code == 404


FEEDS = ["/feeds/rss.xml", "/feeds/atom.xml", "/sitemap.xml", "/news-sitemap.xml", "/"]


def test_nothing_scheduled_or_expired_leaks(client, article):
    """A scheduled article and an expired one appear in no feed, sitemap or listing."""
    section = article.get_parent().specific
    scheduled = factories.article(section, title="Embargoed until tomorrow", publish=False)
    scheduled.go_live_at = timezone.now() + timedelta(days=1)
    scheduled.save_revision().publish()
    scheduled.refresh_from_db()
    assert not scheduled.live

    expired = factories.article(section, title="Withdrawn story")
    ArticlePage.objects.filter(pk=expired.pk).update(
        expire_at=timezone.now() - timedelta(minutes=1)
    )

    for url in [*FEEDS, "/feeds/sections/middle-east/rss.xml", "/tags/syria/", section.url]:
        body = client.get(url).content.decode()
        assert "Embargoed until tomorrow" not in body, url
        assert "Withdrawn story" not in body, url
    assert "agreement" in client.get("/feeds/rss.xml").content.decode()


def test_news_sitemap_holds_only_the_last_48_hours(client, article):
    """Google News wants articles from the last two days only."""
    old = factories.article(
        article.get_parent().specific,
        title="Last week's story",
        published_at=timezone.now() - timedelta(days=3),
    )
    body = client.get("/news-sitemap.xml").content.decode()
    assert "agreement" in body
    assert old.title not in body
    assert f"/middle-east/{old.slug}/" in client.get("/sitemap.xml").content.decode()


def test_json_ld_cannot_be_broken_out_of(client):
    """A headline with </script> stays inside the JSON."""
    section = factories.section("World")
    page = factories.article(section, title="Odd </script><script>alert(1)</script> title")
    html = client.get(page.url).content.decode()
    assert "<script>alert(1)" not in html
