"""Django served through PooledDjango: whole requests on a fixed set of threads."""

import asyncio
import threading

import pytest
from django.core import signals
from django.http import HttpResponse, StreamingHttpResponse
from django.test import override_settings
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from parley.core.django_pool import PooledDjango

pytestmark = pytest.mark.django_db(transaction=True)


def plain(request):
    return HttpResponse(
        f"{request.method} {request.GET.get('q', '')} {threading.current_thread().name}"
    )


@csrf_exempt
def echo(request):
    return HttpResponse(request.body[::-1], content_type="application/octet-stream")


def streamed(request):
    seen = []

    def parts():
        for n in range(3):
            seen.append(threading.current_thread().name)
            yield f"part {n};".encode()
        yield ",".join(seen).encode()

    return StreamingHttpResponse(parts(), content_type="text/plain")


def broken(request):
    raise RuntimeError("a bug in a view")


urlpatterns = [
    path("plain/", plain),
    path("echo/", echo),
    path("streamed/", streamed),
    path("broken/", broken),
]


def call(app, path, *, method="GET", query=b"", body=b"", chunks=1, headers=()):
    scope = {
        "type": "http",
        "method": method,
        "path": path,
        "root_path": "",
        "query_string": query,
        "headers": [(b"host", b"testserver"), *headers],
    }
    size = -(-len(body) // chunks) or 1
    pieces = [body[i : i + size] for i in range(0, len(body), size)] or [b""]
    messages = [
        {"type": "http.request", "body": piece, "more_body": i < len(pieces) - 1}
        for i, piece in enumerate(pieces)
    ]
    sent = []

    async def receive():
        if messages:
            return messages.pop(0)
        await asyncio.sleep(3600)  # the client stays connected

    async def send(message):
        sent.append(message)

    asyncio.run(app(scope, receive, send))
    start = sent[0]
    return start["status"], dict(start["headers"]), b"".join(m.get("body", b"") for m in sent[1:])


@pytest.fixture
def app():
    with override_settings(ROOT_URLCONF=__name__):
        handler = PooledDjango(threads=2)
        yield handler
        handler.pool.shutdown()


def test_requests_run_on_the_pool_threads_only(app):
    """Twenty requests use at most the pool's two threads; no thread is made per request."""
    names = set()
    for n in range(20):
        status, _, body = call(app, "/plain/", query=f"q={n}".encode())
        assert status == 200
        method, q, name = body.decode().split(" ")
        assert (method, q) == ("GET", str(n))
        names.add(name)
    assert len(names) <= 2 and all(name.startswith("django") for name in names)


def test_request_signals_fire_once_each(app):
    """request_started and request_finished (which return database connections) both run."""
    fired = []

    def started(**kwargs):
        fired.append("started")

    def finished(**kwargs):
        fired.append("finished")

    signals.request_started.connect(started)
    signals.request_finished.connect(finished)
    try:
        call(app, "/plain/")
    finally:
        signals.request_started.disconnect(started)
        signals.request_finished.disconnect(finished)
    assert fired == ["started", "finished"]


def test_a_body_sent_in_pieces_arrives_whole(app):
    body = bytes(range(256)) * 40
    status, _, got = call(app, "/echo/", method="POST", body=body, chunks=4)
    assert status == 200 and got == body[::-1]


def test_streaming_body_is_read_on_pool_threads(app):
    """A sync iterator is consumed on the pool (never on the event loop), in order."""
    status, headers, body = call(app, "/streamed/")
    assert status == 200 and headers[b"Content-Type"] == b"text/plain"
    parts, names = body.decode().rsplit(";", 1)
    assert parts == "part 0;part 1;part 2"
    assert all(name.startswith("django") for name in names.split(","))


def test_a_failing_view_is_a_500_not_a_crash(app):
    status, _, _ = call(app, "/broken/")
    assert status == 500
    status, _, _ = call(app, "/plain/")
    assert status == 200  # the pool survives


def test_the_real_site_answers_through_the_pool():
    """Parley's own URLs and error pages: an unknown path is our 404 page."""
    handler = PooledDjango(threads=1)
    try:
        status, headers, body = call(handler, "/no-such-page/")
    finally:
        handler.pool.shutdown()
    assert status == 404
    assert headers[b"Content-Type"].startswith(b"text/html") and b"<main" in body


def test_csrf_middleware_runs(app):
    """The whole middleware chain runs: a form post without a token is refused."""
    status, _, _ = call(
        app,
        "/plain/",
        method="POST",
        body=b"a=1",
        headers=[(b"content-type", b"application/x-www-form-urlencoded")],
    )
    assert status == 403
