"""The Perspective-format scorer against real HTTP servers on loopback."""

import contextlib
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from parley.discussion import services
from parley.discussion.models import Comment
from parley.moderation import scorers
from parley.moderation.models import AuditEntry
from parley.moderation.scorers import ScorerError
from parley.moderation.scorers.perspective import PerspectiveScorer


def serve(reply):
    """A loopback server answering POSTs with reply(request_json) -> (status, body, delay)."""
    seen = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            length = int(self.headers.get("Content-Length", 0))
            request = json.loads(self.rfile.read(length))
            seen.append((self.path, request))
            status, body, delay = reply(request)
            time.sleep(delay)
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            with contextlib.suppress(OSError):
                self.wfile.write(body if isinstance(body, bytes) else json.dumps(body).encode())

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, seen


@pytest.fixture
def perspective():
    servers = []

    def start(reply):
        server, seen = serve(reply)
        servers.append(server)
        url = f"http://127.0.0.1:{server.server_port}/v1alpha1/comments:analyze"
        return url, seen

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def toxicity(value):
    return {"attributeScores": {"TOXICITY": {"summaryScore": {"value": value}}}}


def test_it_sends_the_perspective_request_and_reads_the_score(perspective):
    """POST comments:analyze with the text and TOXICITY; the summary score comes back."""
    url, seen = perspective(lambda request: (200, toxicity(0.42), 0))
    assert PerspectiveScorer(url, api_key="k3y", timeout=2).score("Hello") == 0.42
    path, request = seen[0]
    assert path.endswith("comments:analyze?key=k3y")
    assert request["comment"] == {"text": "Hello"}
    assert request["requestedAttributes"] == {"TOXICITY": {}}


@pytest.mark.parametrize(
    ("status", "body"),
    [
        (200, b"not json"),
        (200, {"attributeScores": {}}),
        (200, toxicity("high")),
        (200, toxicity(1.5)),
        (500, toxicity(0.1)),
        (429, {"error": "quota"}),
    ],
)
def test_garbage_or_errors_raise_scorer_error(perspective, status, body):
    """Anything but a score in [0, 1] is a ScorerError, never a number."""
    url, _ = perspective(lambda request: (status, body, 0))
    with pytest.raises(ScorerError):
        PerspectiveScorer(url, timeout=2).score("Hello")


def test_a_slow_service_times_out(perspective):
    """A service slower than the timeout is a ScorerError after about the timeout."""
    url, _ = perspective(lambda request: (200, toxicity(0.1), 1.5))
    started = time.monotonic()
    with pytest.raises(ScorerError):
        PerspectiveScorer(url, timeout=0.3).score("Hello")
    assert time.monotonic() - started < 1.4


def test_nobody_listening_is_a_scorer_error():
    """A refused connection is a ScorerError too."""
    from tests.processes import free_port

    with pytest.raises(ScorerError):
        PerspectiveScorer(f"http://127.0.0.1:{free_port()}/x", timeout=1).score("Hello")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "reply",
    [
        lambda request: (200, toxicity(0.1), 1.5),  # slow
        lambda request: (200, b"<html>", 0),  # garbage
        lambda request: (503, b"", 0),  # down
    ],
    ids=["slow", "garbage", "failing"],
)
def test_a_comment_survives_a_slow_or_broken_service_held(
    perspective, settings, thread, alice, reply, caplog
):
    """No comment is lost: a slow, failing or nonsensical service holds it, and is logged."""
    url, _ = perspective(reply)
    settings.PARLEY_TOXICITY_SCORER = "perspective"
    settings.PARLEY_PERSPECTIVE_URL = url
    settings.PARLEY_PERSPECTIVE_TIMEOUT = 0.3
    scorers.scorer_for.cache_clear()
    try:
        comment = services.comment_create(thread_id=thread.pk, author=alice, body="My view")
    finally:
        scorers.scorer_for.cache_clear()
    assert Comment.objects.get(pk=comment.pk).status == Comment.Status.HELD
    assert AuditEntry.objects.get(comment=comment).code == "scorer_failed"
    assert any("toxicity scorer failed" in r.getMessage() for r in caplog.records)


@pytest.mark.django_db
def test_a_toxic_score_from_the_service_nudges(perspective, settings, thread, alice):
    """The service's score drives the nudge like any scorer's."""
    from parley.discussion.errors import Rejected

    url, _ = perspective(lambda request: (200, toxicity(0.99), 0))
    settings.PARLEY_TOXICITY_SCORER = "perspective"
    settings.PARLEY_PERSPECTIVE_URL = url
    scorers.scorer_for.cache_clear()
    try:
        with pytest.raises(Rejected) as info:
            services.comment_create(thread_id=thread.pk, author=alice, body="Nasty")
    finally:
        scorers.scorer_for.cache_clear()
    assert info.value.code == "toxicity_nudge"
