"""A comment a moderator takes down keeps its place while it has replies, as a deletion does.

Other readers see "removed by a moderator" in its place, its replies stay visible and
counted; its author still reads it with the reason; when its last visible reply goes, the
placeholder goes too.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from parley.discussion import fragments, selectors, services
from parley.discussion.errors import DiscussionError
from parley.discussion.models import Comment, Thread
from parley.live.models import Event
from parley.moderation import services as moderation

pytestmark = pytest.mark.django_db


def post(thread, user, body="Hello", parent=None):
    return services.comment_create(
        thread_id=thread.pk, author=user, body=body, parent_id=parent.pk if parent else None
    )


def view(thread, user=None):
    return selectors.thread_comments_page(thread=thread, viewer=selectors.Viewer.of(user))


def flat(page):
    def walk(nodes):
        for node in nodes:
            yield node
            yield from walk(node["replies"])

    return {node["id"]: node for node in walk(page["comments"])}


def state(thread, *comments):
    """(thread's comment count, then (visible_replies, branch_size) of each comment)."""
    thread.refresh_from_db()
    out = [thread.comment_count]
    for comment in comments:
        comment.refresh_from_db()
        out.append((comment.visible_replies, comment.branch_size))
    return tuple(out)


def decide(comment, action, moderator, reason=""):
    moderation.comment_decide(comment_id=comment.pk, action=action, actor=moderator, reason=reason)


@pytest.mark.parametrize("action", ["reject", "hold"])
def test_a_taken_down_comment_with_replies_stays_as_a_placeholder(
    thread, alice, bob, moderator, action
):
    """Others see "removed by a moderator" with the replies under it; nothing of the text."""
    root = post(thread, alice, "Root text")
    reply = post(thread, bob, "Reply", parent=root)
    decide(root, action, moderator, reason="Personal attack.")
    for reader in (None, bob):
        nodes = flat(view(thread, reader))
        assert list(nodes) == [root.pk, reply.pk]
        placeholder = nodes[root.pk]
        assert placeholder["tombstone"] and placeholder["status"] == "removed"
        assert placeholder["author"] is None and placeholder["html"] == ""
        assert placeholder["status_reason"] == "" and not placeholder["own"]
        assert nodes[reply.pk]["status"] == "published"
    # The count follows what readers can read: the reply only.
    assert state(thread, root) == (1, (1, 1))


def test_its_author_still_reads_it_with_the_reason(thread, alice, bob, moderator):
    """The author sees their own rejected comment, text and reason, above the replies."""
    root = post(thread, alice, "Root text")
    post(thread, bob, "Reply", parent=root)
    decide(root, "reject", moderator, reason="Personal attack.")
    mine = flat(view(thread, alice))[root.pk]
    assert not mine["tombstone"] and mine["status"] == "rejected"
    assert mine["status_reason"] == "Personal attack." and "Root text" in mine["html"]


def test_reject_then_approve_puts_every_count_back(thread, alice, bob, moderator):
    """Reject → approve: comment count, visible replies and branch size as before."""
    root = post(thread, alice, "Root")
    middle = post(thread, bob, "Middle", parent=root)
    leaf = post(thread, alice, "Leaf", parent=middle)
    before = state(thread, root, middle)
    assert before == (3, (1, 2), (1, 0))
    decide(middle, "reject", moderator)
    assert state(thread, root, middle) == (2, (1, 2), (1, 0))
    assert list(flat(view(thread))) == [root.pk, middle.pk, leaf.pk]
    decide(middle, "approve", moderator)
    assert state(thread, root, middle) == before
    assert flat(view(thread))[middle.pk]["status"] == "published"


def test_the_placeholder_goes_with_its_last_visible_reply(thread, alice, bob, moderator):
    """Reject → the reply is deleted: the placeholder leaves the page and the counts."""
    root = post(thread, alice, "Root")
    middle = post(thread, bob, "Middle", parent=root)
    leaf = post(thread, alice, "Leaf", parent=middle)
    decide(middle, "reject", moderator)
    services.comment_delete(comment_id=leaf.pk, actor=alice)
    assert state(thread, root, middle) == (1, (0, 0), (0, 0))
    assert list(flat(view(thread))) == [root.pk]
    # Its author still has it, with the reason.
    assert flat(view(thread, bob))[middle.pk]["status"] == "rejected"


def test_the_placeholder_goes_when_its_reply_is_rejected_too(thread, alice, bob, moderator):
    """Reject parent → reject reply: both gone; approve the reply → both back."""
    root = post(thread, alice, "Root")
    reply = post(thread, bob, "Reply", parent=root)
    decide(root, "reject", moderator)
    decide(reply, "reject", moderator)
    assert state(thread, root) == (0, (0, 0))
    assert flat(view(thread)) == {}
    decide(reply, "approve", moderator)
    assert state(thread, root) == (1, (1, 1))
    assert list(flat(view(thread))) == [root.pk, reply.pk]


def test_a_top_level_placeholder_goes_when_its_author_deletes_it(thread, alice, bob, moderator):
    """A held placeholder deleted by its author becomes a plain tombstone, still counted right."""
    root = post(thread, alice, "Root")
    reply = post(thread, bob, "Reply", parent=root)
    decide(root, "hold", moderator)
    services.comment_delete(comment_id=root.pk, actor=alice)
    assert state(thread, root) == (1, (1, 1))
    assert flat(view(thread))[root.pk]["status"] == "deleted"
    services.comment_delete(comment_id=reply.pk, actor=bob)
    assert state(thread, root) == (0, (0, 0)) and flat(view(thread)) == {}


def test_a_placeholder_cannot_be_answered_liked_or_reported(thread, alice, bob, make_user):
    """Nobody but its author can reply to it; it is not a comment readers act on."""
    carol = make_user("carol")
    root = post(thread, alice, "Root")
    post(thread, bob, "Reply", parent=root)
    services.comment_moderate(comment_id=root.pk, status="rejected", reason="x", actor=None)
    with pytest.raises(DiscussionError):
        post(thread, carol, "Me too", parent=root)
    with pytest.raises(DiscussionError):
        services.comment_like(comment_id=root.pk, user=carol)
    with pytest.raises(DiscussionError):
        moderation.report_create(comment_id=root.pk, reporter=carol, reason="spam")


def test_a_placeholder_is_not_on_its_authors_profile(thread, alice, bob, moderator):
    """Others do not find the removed comment among its author's comments."""
    root = post(thread, alice, "Root")
    post(thread, bob, "Reply", parent=root)
    decide(root, "reject", moderator)
    others = selectors.comments_by_author(author_id=alice.pk, viewer=selectors.Viewer.of(bob))
    assert others == []
    own = selectors.comments_by_author(author_id=alice.pk, viewer=selectors.Viewer.of(alice))
    assert [c["id"] for c in own] == [root.pk]


def test_live_events_tell_readers_what_changed(thread, alice, bob, moderator):
    """Taking down a parent is a removal to readers; approving it back, an edit in place."""
    root = post(thread, alice, "Root")
    post(thread, bob, "Reply", parent=root)
    decide(root, "reject", moderator)
    decide(root, "approve", moderator)
    kinds = list(
        Event.objects.filter(stream=f"thread-{thread.pk}").order_by("seq").values_list("kind")
    )
    assert [k for (k,) in kinds][-2:] == ["comment.removed", "comment.edited"]


def test_a_shadowed_parent_is_a_placeholder_to_others(thread, alice, bob):
    """Shadowing a comment with replies: its author sees it published, others a placeholder."""
    root = post(thread, alice, "Root")
    post(thread, bob, "Reply", parent=root)
    services.comment_moderate(comment_id=root.pk, status="shadow", reason="", actor=None)
    assert flat(view(thread, bob))[root.pk]["status"] == "removed"
    assert flat(view(thread, alice))[root.pk]["status"] == "published"
    assert state(thread, root) == (1, (1, 1))


def test_the_api_shows_the_placeholder_and_its_replies(client, thread, alice, bob, moderator):
    """GET the page and the comment: a placeholder, no author, no text; replies intact."""
    root = post(thread, alice, "Root text")
    reply = post(thread, bob, "Reply", parent=root)
    decide(root, "reject", moderator, reason="Personal attack.")
    page = client.get(f"/api/v1/threads/{thread.pk}/comments").json()
    assert page["thread"]["comment_count"] == 1
    [top] = page["comments"]
    assert (top["id"], top["status"], top["tombstone"], top["author"]) == (
        root.pk,
        "removed",
        True,
        None,
    )
    assert "Root text" not in str(page) and "Personal attack" not in str(page)
    assert [r["id"] for r in top["replies"]] == [reply.pk]
    detail = client.get(f"/api/v1/comments/{root.pk}").json()
    assert detail["status"] == "removed" and detail["html"] == ""
    client.force_login(alice)
    own = client.get(f"/api/v1/comments/{root.pk}").json()
    assert own["status"] == "rejected" and own["status_reason"] == "Personal attack."


def test_the_rendered_thread_says_a_moderator_removed_it(thread, alice, bob, moderator):
    """The server-rendered thread shows the moderator's placeholder text."""
    root = post(thread, alice, "Root text")
    post(thread, bob, "Reply text", parent=root)
    decide(root, "reject", moderator)
    request = RequestFactory().get("/story/")
    request.user = AnonymousUser()
    html = fragments.thread_html(request, Thread.objects.get(pk=thread.pk), standards_url="/cs/")
    assert "This comment was removed by a moderator." in html
    assert "Root text" not in html and "Reply text" in html


def test_an_edit_sent_for_review_leaves_a_placeholder(thread, alice, bob, settings):
    """An edit that screening holds takes the text away from others, not the replies."""
    from parley.moderation.models import ModeratedTerm

    root = post(thread, alice, "Root")
    post(thread, bob, "Reply", parent=root)
    ModeratedTerm.objects.create(term="rigged", kind="suspect")
    services.comment_edit(comment_id=root.pk, editor=alice, body="It was rigged")
    assert Comment.objects.get(pk=root.pk).status == "held"
    assert flat(view(thread))[root.pk]["status"] == "removed"
    assert state(thread, root) == (1, (1, 1))
