"""The ASGI edge answers warm anonymous GETs from the page cache without entering Django."""

import asyncio

import pytest

from parley.core import page_cache
from parley.core.edge_cache import EdgeCache
from parley.newsroom.tests import factories

pytestmark = pytest.mark.django_db


class Inner:
    """Stands for Django: records that it was asked, answers 200 'from django'."""

    def __init__(self):
        self.calls = 0

    async def __call__(self, scope, receive, send):
        self.calls += 1
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"from django"})


def request(app, path, *headers):
    scope = {
        "type": "http",
        "method": "GET",
        "path": path,
        "root_path": "",
        "query_string": b"",
        "headers": [(b"host", b"testserver"), *headers],
    }
    sent = []

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        sent.append(message)

    asyncio.run(app(scope, receive, send))
    start, body = sent[0], sent[1]["body"]
    return start["status"], dict(start["headers"]), body


@pytest.fixture
def warm_article(client):
    article = factories.article(factories.section("World"), title="Edge headline")
    client.get(article.url)  # Django renders and stores it
    return article


def test_warm_page_is_served_without_django(warm_article):
    """A hit never reaches the app behind the edge."""
    inner = Inner()
    status, headers, body = request(EdgeCache(inner), warm_article.url)
    assert inner.calls == 0
    assert status == 200 and headers[b"x-cache"] == b"HIT"
    assert b"Edge headline" in body


def test_signed_in_reader_goes_to_django(warm_article):
    """A session cookie always means a fresh, personal page."""
    inner = Inner()
    _, _, body = request(EdgeCache(inner), warm_article.url, (b"cookie", b"sessionid=abc"))
    assert inner.calls == 1 and body == b"from django"


def test_purge_sends_the_next_request_to_django(warm_article):
    """Publishing again bumps the page's version and the edge stops serving the old copy."""
    page_cache.purge(f"page-{warm_article.pk}")
    inner = Inner()
    request(EdgeCache(inner), warm_article.url)
    assert inner.calls == 1


def test_conditional_request_gets_304_at_the_edge(warm_article):
    """A reader holding the current copy gets 304 with no body."""
    inner = Inner()
    _, headers, _ = request(EdgeCache(inner), warm_article.url)
    status, _, body = request(
        EdgeCache(inner), warm_article.url, (b"if-none-match", headers[b"etag"])
    )
    assert status == 304 and body == b"" and inner.calls == 0
