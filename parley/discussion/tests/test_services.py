from datetime import timedelta

import pytest
from django.utils import timezone

from parley.discussion import selectors, services
from parley.discussion.errors import (
    Conflict,
    DiscussionError,
    NotAllowed,
    NotSignedIn,
    RateLimited,
    TooLarge,
)
from parley.discussion.models import Comment, Thread

pytestmark = pytest.mark.django_db


def page(thread, user=None, **kwargs):
    return selectors.thread_comments_page(thread=thread, viewer=selectors.Viewer.of(user), **kwargs)


def test_a_posted_comment_is_committed_and_counted(thread, alice):
    """The comment exists and the thread's count and version moved."""
    comment = services.comment_create(thread_id=thread.pk, author=alice, body="First *take*.")
    thread.refresh_from_db()
    assert Comment.objects.get(pk=comment.pk).body_html == "<p>First <em>take</em>.</p>"
    assert thread.comment_count == 1
    assert thread.version == 1


def test_anonymous_cannot_post(thread):
    """Signing in comes first."""
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(NotSignedIn):
        services.comment_create(thread_id=thread.pk, author=AnonymousUser(), body="hi")


@pytest.mark.parametrize("body", ["", "   ", "\n\t\n", "\u200b\u200b", "\u202e"])
def test_empty_bodies_are_refused_and_change_nothing(thread, alice, body):
    """Whitespace, zero-width or bidi-only bodies are empty."""
    with pytest.raises(DiscussionError) as info:
        services.comment_create(thread_id=thread.pk, author=alice, body=body)
    assert info.value.code == "empty"
    assert Comment.objects.count() == 0
    thread.refresh_from_db()
    assert thread.version == 0


def test_body_over_the_limit_is_413(thread, alice, settings):
    """Ten thousand characters is the most a comment may hold."""
    with pytest.raises(TooLarge) as info:
        services.comment_create(thread_id=thread.pk, author=alice, body="x" * 10_001)
    assert "10,000" in info.value.message
    assert Comment.objects.count() == 0


def test_reply_to_a_comment_in_another_thread_is_refused(thread, alice):
    """A parent must belong to the same thread."""
    other = services.thread_for_key(site="example", key="story-2", url="https://e.org/2", title="2")
    elsewhere = services.comment_create(thread_id=other.pk, author=alice, body="Elsewhere")
    with pytest.raises(DiscussionError) as info:
        services.comment_create(thread_id=thread.pk, author=alice, body="x", parent_id=elsewhere.pk)
    assert info.value.code == "bad_parent"


def test_reply_to_a_deleted_comment_is_refused(thread, alice, bob):
    """A tombstone cannot be answered."""
    first = services.comment_create(thread_id=thread.pk, author=alice, body="First")
    services.comment_create(thread_id=thread.pk, author=bob, body="Reply", parent_id=first.pk)
    services.comment_delete(comment_id=first.pk, actor=alice)
    with pytest.raises(DiscussionError) as info:
        services.comment_create(thread_id=thread.pk, author=bob, body="Again", parent_id=first.pk)
    assert info.value.code == "parent_deleted"


def test_deleting_a_comment_with_replies_leaves_a_tombstone(thread, alice, bob):
    """The thread keeps its shape; the text is gone."""
    first = services.comment_create(thread_id=thread.pk, author=alice, body="Original point")
    services.comment_create(thread_id=thread.pk, author=bob, body="A reply", parent_id=first.pk)
    services.comment_delete(comment_id=first.pk, actor=alice)
    [root] = page(thread)["comments"]
    assert root["tombstone"] and root["html"] == "" and root["author"] is None
    assert root["replies"][0]["html"] == "<p>A reply</p>"
    thread.refresh_from_db()
    assert thread.comment_count == 1


def test_deleting_a_comment_without_replies_removes_it(thread, alice):
    """No tombstone for a comment nobody answered."""
    first = services.comment_create(thread_id=thread.pk, author=alice, body="Soon gone")
    services.comment_delete(comment_id=first.pk, actor=alice)
    assert page(thread)["comments"] == []


def test_tombstone_disappears_when_its_last_reply_is_deleted(thread, alice, bob):
    """A deleted comment shows only while it still has a visible reply."""
    first = services.comment_create(thread_id=thread.pk, author=alice, body="First")
    reply = services.comment_create(thread_id=thread.pk, author=bob, body="R", parent_id=first.pk)
    services.comment_delete(comment_id=first.pk, actor=alice)
    services.comment_delete(comment_id=reply.pk, actor=bob)
    assert page(thread)["comments"] == []


def test_only_the_author_edits_and_deletes(thread, alice, bob):
    """Someone else's comment is not yours to change."""
    first = services.comment_create(thread_id=thread.pk, author=alice, body="Mine")
    with pytest.raises(NotAllowed):
        services.comment_edit(comment_id=first.pk, editor=bob, body="Hijacked")
    with pytest.raises(NotAllowed):
        services.comment_delete(comment_id=first.pk, actor=bob)


def test_edit_within_the_window_keeps_history(thread, alice):
    """The new text shows with "(edited)"; the old text is kept for moderators."""
    first = services.comment_create(thread_id=thread.pk, author=alice, body="Teh typo")
    services.comment_edit(comment_id=first.pk, editor=alice, body="The typo")
    [root] = page(thread)["comments"]
    assert root["edited"] and root["html"] == "<p>The typo</p>"
    assert [h["body"] for h in selectors.edit_history(comment_id=first.pk)] == ["Teh typo"]


def test_edit_after_the_window_is_a_conflict(thread, alice):
    """Fifteen minutes, then the comment is final."""
    first = services.comment_create(thread_id=thread.pk, author=alice, body="Old")
    Comment.objects.filter(pk=first.pk).update(created_at=timezone.now() - timedelta(minutes=16))
    with pytest.raises(Conflict) as info:
        services.comment_edit(comment_id=first.pk, editor=alice, body="New")
    assert info.value.status == 409 and "15 minutes" in info.value.message


def test_likes_toggle_one_per_user(thread, alice, bob):
    """Liking twice takes the like back; nobody likes their own comment."""
    first = services.comment_create(thread_id=thread.pk, author=alice, body="Good point")
    assert services.comment_like(comment_id=first.pk, user=bob) == (True, 1)
    assert services.comment_like(comment_id=first.pk, user=bob) == (False, 0)
    with pytest.raises(NotAllowed):
        services.comment_like(comment_id=first.pk, user=alice)


def test_closed_and_hidden_threads_refuse_comments(thread, alice):
    """Closed keeps what is there; hidden shows nothing and takes nothing."""
    for mode in (Thread.Mode.CLOSED, Thread.Mode.HIDDEN):
        Thread.objects.filter(pk=thread.pk).update(mode=mode)
        with pytest.raises(NotAllowed):
            services.comment_create(thread_id=thread.pk, author=alice, body="Late")


def test_thread_closes_after_its_time(thread, alice):
    """An article closed after N days refuses comments after that moment."""
    Thread.objects.filter(pk=thread.pk).update(closes_at=timezone.now() - timedelta(seconds=1))
    with pytest.raises(NotAllowed) as info:
        services.comment_create(thread_id=thread.pk, author=alice, body="Late")
    assert info.value.code == "comments_closed"


def test_premoderated_comment_is_held_and_seen_only_by_its_author(thread, alice, bob):
    """A held comment reaches its author's page and nobody else's, and is not counted."""
    Thread.objects.filter(pk=thread.pk).update(mode=Thread.Mode.PREMODERATED)
    held = services.comment_create(thread_id=thread.pk, author=alice, body="Awaiting review")
    assert held.status == Comment.Status.HELD
    assert [c["id"] for c in page(thread, alice)["comments"]] == [held.pk]
    assert page(thread, bob)["comments"] == []
    assert page(thread)["comments"] == []
    thread.refresh_from_db()
    assert thread.comment_count == 0


def test_posting_faster_than_the_rate_limit_is_refused(thread, alice, settings):
    """A burst of three, then one per interval."""
    settings.PARLEY_COMMENT_RATE_BURST = 3
    settings.PARLEY_COMMENT_RATE_SECONDS = 10
    for n in range(3):
        services.comment_create(thread_id=thread.pk, author=alice, body=f"Comment {n}")
    with pytest.raises(RateLimited) as info:
        services.comment_create(thread_id=thread.pk, author=alice, body="One too many")
    assert info.value.status == 429 and 1 <= info.value.retry_after <= 10
    assert Comment.objects.count() == 3


def test_deep_replies_are_flattened_with_in_reply_to(thread, make_user, settings):
    """Past the visible depth, replies sit flat under their branch, saying whom they answer."""
    settings.PARLEY_THREAD_VISIBLE_DEPTH = 3
    names = ["ivanwa88", "vendor", "lianasammartino", "vendor2", "vendor3", "vendor4"]
    users = [make_user(n) for n in names]
    parent = None
    chain = []
    for user in users:
        parent = services.comment_create(
            thread_id=thread.pk,
            author=user,
            body=f"by {user.username}",
            parent_id=parent.pk if parent else None,
        )
        chain.append(parent)
    [root] = page(thread, replies=10)["comments"]
    d1 = root["replies"][0]
    d2 = d1["replies"][0]
    d3 = d2["replies"][0]
    assert d3["depth"] == 3 and d3["in_reply_to"] is None
    flat = d3["replies"]
    assert [r["depth"] for r in flat] == [4, 5]
    assert flat[0]["in_reply_to"] == {"id": chain[3].pk, "name": "vendor2"}
    assert flat[1]["in_reply_to"] == {"id": chain[4].pk, "name": "vendor3"}


def test_comment_written_before_a_material_update_is_marked(thread, alice):
    """Readers learn which comments discuss an earlier version."""
    first = services.comment_create(thread_id=thread.pk, author=alice, body="About v1")
    Thread.objects.filter(pk=thread.pk).update(content_updated_at=timezone.now())
    thread.refresh_from_db()
    second = services.comment_create(thread_id=thread.pk, author=alice, body="About v2")
    flags = {c["id"]: c["before_update"] for c in page(thread)["comments"]}
    assert flags == {first.pk: True, second.pk: False}


def test_the_answer_to_a_post_matches_what_readers_will_load(thread, make_user, settings):
    """The 201 body of a deep reply names whom it answers and where it is shown."""
    settings.PARLEY_THREAD_VISIBLE_DEPTH = 3
    parent = None
    users = [make_user(f"u{n}") for n in range(6)]
    for user in users:
        parent = services.comment_create(
            thread_id=thread.pk,
            author=user,
            body="deeper",
            parent_id=parent.pk if parent else None,
        )
    written = selectors.comment_as_written(parent)
    loaded = selectors.comment_detail(comment_id=parent.pk, viewer=selectors.Viewer.of(users[-1]))
    assert written["in_reply_to"] == loaded["in_reply_to"] == {"id": parent.parent_id, "name": "u4"}
    chain = list(Comment.objects.filter(thread=thread).order_by("depth"))
    assert written["display_parent_id"] == chain[3].pk
    assert written["html"] == loaded["html"] and written["own"] and loaded["own"]
