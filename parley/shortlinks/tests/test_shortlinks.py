import pytest
from django.db.models import Sum

from parley.newsroom.tests import factories
from parley.shortlinks.models import DailyClicks, ShortLink
from parley.shortlinks.services import ALPHABET, shortlink_ensure

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return factories.article(factories.section("Middle East"))


def test_first_publish_gives_an_immutable_code(article):
    """The code is made on first publish and never changes on later publishes."""
    code = ShortLink.objects.get(page=article).code
    assert len(code) == 7 and set(code) <= set(ALPHABET)
    factories.republish(article, material=True, title="New title")
    assert ShortLink.objects.get(page=article).code == code
    assert shortlink_ensure(page_id=article.pk).code == code


def test_draft_has_no_code():
    """Nothing is published, nothing is shared."""
    draft = factories.article(factories.section("World"), publish=False)
    assert not ShortLink.objects.filter(page=draft).exists()


def test_short_url_redirects_permanently_and_survives_slug_change(client, article):
    """/s/<code> answers 301 with the current canonical URL, even after the slug changed."""
    code = ShortLink.objects.get(page=article).code
    response = client.get(f"/s/{code}")
    assert response.status_code == 301
    assert response["Location"] == "http://testserver" + article.url

    factories.republish(article, material=False, slug="renamed-story")
    response = client.get(f"/s/{code}")
    assert response.status_code == 301
    assert response["Location"] == "http://testserver/middle-east/renamed-story/"


def test_clicks_are_counted_per_day_without_personal_data(client, article):
    """Three clicks make one row for today with a count of three, and nothing about who."""
    code = ShortLink.objects.get(page=article).code
    for _ in range(3):
        client.get(f"/s/{code}", HTTP_USER_AGENT="Mozilla", REMOTE_ADDR="203.0.113.9")
    assert DailyClicks.objects.count() == 1
    assert DailyClicks.objects.aggregate(total=Sum("clicks"))["total"] == 3
    fields = {f.name for f in DailyClicks._meta.get_fields()}
    assert fields == {"id", "link", "day", "clicks"}


def test_short_url_of_an_unpublished_article_is_a_404(client, article):
    """Unpublishing takes the short URL down with the article."""
    code = ShortLink.objects.get(page=article).code
    article.unpublish()
    assert client.get(f"/s/{code}").status_code == 404
