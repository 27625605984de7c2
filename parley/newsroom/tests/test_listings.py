import pytest

from parley.newsroom.tests import factories

pytestmark = pytest.mark.django_db


def test_front_page_lists_latest_articles_by_section(client):
    """The front page shows each section with its newest articles."""
    world = factories.section("World")
    science = factories.section("Science")
    factories.article(world, title="Election count resumes")
    factories.article(science, title="Reef found at 200 metres")
    html = client.get("/").content.decode()
    assert "Election count resumes" in html
    assert "Reef found at 200 metres" in html
    assert ">World</a>" in html and ">Science</a>" in html


def test_section_page_is_paginated(client, settings):
    """Twenty-one articles make two pages; a page past the end is a 404."""
    settings.PARLEY_SECTION_PAGE_SIZE = 20
    world = factories.section("World")
    for n in range(21):
        factories.article(world, title=f"Story number {n}", lead_image=False)
    first = client.get(world.url).content.decode()
    assert "Page 1 of 2" in first
    assert "Story number 20" in first and "Story number 0<" not in first
    assert "Story number 0<" in client.get(world.url + "?page=2").content.decode()
    assert client.get(world.url + "?page=3").status_code == 404
    assert client.get(world.url + "?page=abc").status_code == 404


def test_tag_page_lists_tagged_articles(client):
    """Each tag has a page listing its articles, linked from the article."""
    world = factories.section("World")
    factories.article(world, title="Ceasefire holds", tags=["Ceasefire"])
    factories.article(world, title="Markets calm", tags=["Markets"])
    response = client.get("/tags/ceasefire/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Ceasefire</h1>" in html
    assert "Ceasefire holds" in html and "Markets calm" not in html


@pytest.mark.parametrize("url", ["/tags/no-such-tag/", "/no-such-section/", "/s/zzzzzzz"])
def test_unknown_tag_section_or_short_code_is_a_proper_404(client, url):
    """A friendly 404 page in the site's layout, not a traceback."""
    factories.section("World")
    response = client.get(url)
    assert response.status_code == 404
    assert "We could not find that page" in response.content.decode()


def test_listing_queries_do_not_grow_with_the_number_of_articles(client):
    """Cards prefetch their images, bylines and sections."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    world = factories.section("World")
    factories.article(world)

    def queries():
        client.cookies["sessionid"] = "none"
        with CaptureQueriesContext(connection) as captured:
            assert client.get(world.url).status_code == 200
        return len(captured)

    queries()
    one = queries()
    for _ in range(5):
        factories.article(world)
    queries()  # renditions of new images are created once
    assert queries() == one
