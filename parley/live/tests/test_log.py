"""The event log is written with the change it reports, and only for what readers may see."""

import asyncio

import pytest
from django.db import transaction

from parley.discussion import services
from parley.discussion.models import Thread
from parley.live import hub
from parley.live.models import Event
from parley.live.selectors import changed_streams, events_after


def events(thread) -> list[tuple[int, str, dict]]:
    return [
        (e["seq"], e["kind"], e["data"])
        for e in events_after(stream=f"thread-{thread.pk}", after=0)
    ]


def test_a_published_comment_is_logged_under_the_threads_new_version(thread, alice):
    """The event id is the thread's version, so a page rendered at version N resumes at N."""
    comment = services.comment_create(thread_id=thread.pk, author=alice, body="First.")
    thread.refresh_from_db()
    assert events(thread) == [
        (thread.version, "comment.created", {"ids": [comment.pk], "count": 1, "parent_id": None})
    ]


def test_edits_deletions_and_likes_are_logged_in_order(thread, alice, bob):
    """Each change readers can see gets the next id; the count travels with it."""
    first = services.comment_create(thread_id=thread.pk, author=alice, body="Hello.")
    reply = services.comment_create(thread_id=thread.pk, author=bob, body="Hi.", parent_id=first.pk)
    services.comment_like(comment_id=first.pk, user=bob)
    services.comment_edit(comment_id=first.pk, editor=alice, body="Hello, all.")
    services.comment_delete(comment_id=first.pk, actor=alice)
    logged = events(thread)
    assert [kind for _, kind, _ in logged] == [
        "comment.created",
        "comment.created",
        "comment.liked",
        "comment.edited",
        "comment.removed",
    ]
    assert logged[1][2]["parent_id"] == first.pk
    assert logged[2][2]["like_count"] == 1
    assert logged[4][2] == {"ids": [first.pk], "count": 1}
    assert [seq for seq, _, _ in logged] == sorted({seq for seq, _, _ in logged})
    assert reply.pk in logged[1][2]["ids"]


def test_held_comments_are_not_announced(thread, alice):
    """On a pre-moderated thread nothing reaches the log until a moderator decides."""
    Thread.objects.filter(pk=thread.pk).update(mode=Thread.Mode.PREMODERATED)
    held = services.comment_create(thread_id=thread.pk, author=alice, body="Wait for me.")
    assert held.status == "held"
    services.comment_edit(comment_id=held.pk, editor=alice, body="Still waiting.")
    assert events(thread) == []


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_change_leaves_no_event(thread, alice):
    """The outbox row commits or rolls back with the comment it reports."""
    with pytest.raises(RuntimeError), transaction.atomic():
        services.comment_create(thread_id=thread.pk, author=alice, body="Gone with the rollback.")
        raise RuntimeError
    assert Event.objects.count() == 0


def test_the_poll_sees_which_streams_moved(thread, alice, make_user):
    """One query tells a process which followed streams have news, and how far they go."""
    other = services.thread_for_key(site="x", key="y", url="https://example.org/y", title="Y")
    services.comment_create(thread_id=thread.pk, author=alice, body="One.")
    services.comment_create(thread_id=other.pk, author=alice, body="Two.")
    heads, newest = changed_streams(after_id=0, lookback=0)
    thread.refresh_from_db()
    other.refresh_from_db()
    assert heads == {f"thread-{thread.pk}": thread.version, f"thread-{other.pk}": other.version}
    assert newest == Event.objects.order_by("-id").first().pk


def test_a_client_too_slow_to_keep_up_is_dropped_not_buffered():
    """Past its queue's bound a client is cut off (it reconnects and replays from the log)."""

    async def scenario():
        client = hub.Client(last=0)
        for seq in range(1, hub.QUEUE_SIZE + 1):
            client.offer(seq, b"x")
        assert not client.dropped
        client.offer(hub.QUEUE_SIZE + 1, b"x")
        assert client.dropped
        assert client.queue.qsize() == 1
        assert client.queue.get_nowait() is None  # the writer's signal to hang up
        client.offer(hub.QUEUE_SIZE + 2, b"x")
        assert client.queue.qsize() == 0

    asyncio.run(scenario())


def test_pruning_keeps_a_marker_so_a_reader_from_before_it_resets(thread, alice):
    """Old events go; resuming from before them raises Pruned, from after them works."""
    from datetime import timedelta

    from django.utils import timezone

    from parley.live.selectors import Pruned
    from parley.live.services import events_prune

    stream = f"thread-{thread.pk}"
    for n in range(4):
        services.comment_create(thread_id=thread.pk, author=alice, body=f"Old {n}.")
    seqs = list(Event.objects.filter(stream=stream).order_by("seq").values_list("seq", flat=True))
    Event.objects.filter(stream=stream).update(created_at=timezone.now() - timedelta(days=9))
    fresh = services.comment_create(thread_id=thread.pk, author=alice, body="New.")
    assert events_prune(before=timezone.now() - timedelta(days=7)) == 3
    with pytest.raises(Pruned):
        events_after(stream=stream, after=seqs[0])
    # A reader who saw the last pruned event misses nothing and never sees the marker.
    later = events_after(stream=stream, after=seqs[-1])
    assert [(e["kind"], e["data"]["ids"]) for e in later] == [("comment.created", [fresh.pk])]
    # Pruning again changes nothing.
    assert events_prune(before=timezone.now() - timedelta(days=7)) == 0
