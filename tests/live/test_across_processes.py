"""Live updates between real server processes: what a reader following a thread receives."""

import pytest

from tests.live.sse import SSEClient

pytestmark = pytest.mark.processes


def follow(server, site, **kwargs) -> SSEClient:
    client = SSEClient(server.port, f"/live/threads/{site.thread}", **kwargs)
    assert client.status == 200
    assert client.headers["content-type"].startswith("text/event-stream")
    return client


def assert_delivery_between_processes(site):
    a, b = site.serve(), site.serve()
    client = follow(b, site)
    status, comment = site.post(a, "Posted through A, read through B.")
    assert status == 201
    event = client.next(timeout=3)
    assert event.kind == "comment.created"
    assert event.data["ids"] == [comment["id"]]
    assert event.data["count"] == 1
    assert client.retry == 3000
    client.close()


def test_a_comment_posted_through_one_process_reaches_a_reader_on_another(sqlite_site):
    """Two `parley serve` on one SQLite file: B's reader hears of A's comment (outbox poll)."""
    assert_delivery_between_processes(sqlite_site)


@pytest.mark.redis
def test_the_same_holds_on_postgresql_with_redis(postgres_site):
    """Two processes on PostgreSQL, woken through Redis pub/sub."""
    assert_delivery_between_processes(postgres_site)


def test_a_held_comment_is_never_announced(sqlite_site):
    """A pre-moderated thread's comments wait for review, unseen by other readers."""
    sqlite_site.shell(
        "from parley.discussion.models import Thread\n"
        f"Thread.objects.filter(pk={sqlite_site.thread}).update(mode='premoderated')"
    )
    server = sqlite_site.serve()
    client = follow(server, sqlite_site)
    status, held = sqlite_site.post(server, "Waiting for a moderator.")
    assert status == 202
    assert held["status"] == "held"
    assert client.quiet(1.5)
    client.close()


def test_a_garbage_or_future_last_event_id_gets_a_reset(sqlite_site):
    """A client resuming from nonsense is told to reload, once, with the stream's head."""
    server = sqlite_site.serve()
    sqlite_site.post(server, "One comment so the head is not zero.")
    for head, bad in enumerate(("banana", "99999999", "-3", "1e9"), start=1):
        client = follow(server, sqlite_site, last_event_id=bad)
        event = client.next(timeout=3)
        assert event.kind == "reset", bad
        assert event.id == str(head)
        assert event.data == {"head": head}
        # Then it follows on normally.
        _, comment = sqlite_site.post(server, f"After the reset from {bad}.")
        assert client.next(timeout=3).data["ids"] == [comment["id"]]
        client.close()


def test_a_reconnecting_client_replays_exactly_what_it_missed_in_order(sqlite_site):
    """Last-Event-ID: the events after it, none twice, none lost, in commit order."""
    server = sqlite_site.serve()
    client = follow(server, sqlite_site)
    sqlite_site.post(server, "Before the client left.")
    seen = client.next(timeout=3)
    client.close()
    ids = [sqlite_site.post(server, f"While away {n}.")[1]["id"] for n in range(5)]
    again = follow(server, sqlite_site, last_event_id=seen.id)
    events = again.collect(5, timeout=3)
    assert [e.data["ids"][0] for e in events] == ids
    assert [int(e.id) for e in events] == sorted(int(e.id) for e in events)
    assert again.quiet(0.8)
    again.close()


def test_unknown_or_hidden_threads_have_no_stream(sqlite_site):
    """404 with a message, not a stream that never says anything."""
    server = sqlite_site.serve()
    missing = SSEClient(server.port, "/live/threads/987654")
    assert missing.status == 404
    sqlite_site.shell(
        "from parley.discussion.models import Thread\n"
        f"Thread.objects.filter(pk={sqlite_site.calm}).update(mode='hidden')"
    )
    hidden = SSEClient(server.port, f"/live/threads/{sqlite_site.calm}")
    assert hidden.status == 404
