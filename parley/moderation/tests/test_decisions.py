"""Moderators' decisions: statuses, counts and visibility stay right; the audit log keeps all."""

import pytest

from parley.discussion import selectors, services
from parley.discussion.models import Comment, Thread
from parley.moderation import services as moderation
from parley.moderation.models import AppendOnly, AuditEntry

pytestmark = pytest.mark.django_db
Status = Comment.Status


def post(thread, user, body="Hello", parent=None):
    return services.comment_create(
        thread_id=thread.pk, author=user, body=body, parent_id=parent.pk if parent else None
    )


def view(thread, user=None):
    return selectors.thread_comments_page(thread=thread, viewer=selectors.Viewer.of(user))


def ids(page):
    def walk(nodes):
        for c in nodes:
            yield c["id"]
            yield from walk(c["replies"])

    return list(walk(page["comments"]))


def counts(thread):
    thread.refresh_from_db()
    return thread.comment_count


def test_approving_a_held_comment_brings_it_to_every_reader(thread, alice, bob, moderator):
    """Held: only its author sees it; approved: everyone, and it is counted."""
    Thread.objects.filter(pk=thread.pk).update(mode="premoderated")
    held = post(thread, alice)
    assert ids(view(thread, bob)) == [] and counts(thread) == 0
    moderation.comment_decide(comment_id=held.pk, action="approve", actor=moderator)
    assert ids(view(thread, bob)) == [held.pk] and ids(view(thread)) == [held.pk]
    assert counts(thread) == 1
    assert Comment.objects.get(pk=held.pk).status_reason == ""


def test_rejecting_hides_from_others_and_tells_the_author_why(thread, alice, bob, moderator):
    """A rejected comment leaves every other reader's page and the count; its author reads why."""
    comment = post(thread, alice)
    moderation.comment_decide(
        comment_id=comment.pk, action="reject", actor=moderator, reason="Personal attack."
    )
    assert ids(view(thread, bob)) == [] and ids(view(thread)) == [] and counts(thread) == 0
    mine = view(thread, alice)["comments"][0]
    assert mine["status"] == "rejected" and mine["status_reason"] == "Personal attack."
    with pytest.raises(Exception):  # noqa: B017  (not found for others)
        selectors.comment_detail(comment_id=comment.pk, viewer=selectors.Viewer.of(bob))


def test_a_held_reply_approved_updates_its_branch_counts(thread, alice, bob, moderator):
    """Branch size and visible replies follow approvals and rejections."""
    root = post(thread, alice, "Root")
    Thread.objects.filter(pk=thread.pk).update(mode="premoderated")
    reply = post(thread, bob, "Reply", parent=root)
    root.refresh_from_db()
    assert (root.branch_size, root.visible_replies) == (0, 0)
    moderation.comment_decide(comment_id=reply.pk, action="approve", actor=moderator)
    root.refresh_from_db()
    assert (root.branch_size, root.visible_replies, counts(thread)) == (1, 1, 2)
    moderation.comment_decide(comment_id=reply.pk, action="reject", actor=moderator)
    root.refresh_from_db()
    assert (root.branch_size, root.visible_replies, counts(thread)) == (0, 0, 1)


def test_approving_a_reply_to_a_deleted_comment_brings_back_its_tombstone(
    thread, alice, bob, moderator
):
    """A tombstone reappears when a reply to it becomes visible again."""
    root = post(thread, alice, "Root")
    middle = post(thread, alice, "Middle", parent=root)
    reply = post(thread, bob, "Reply", parent=middle)
    moderation.comment_decide(comment_id=reply.pk, action="hold", actor=moderator)
    services.comment_delete(comment_id=middle.pk, actor=alice)
    root.refresh_from_db()
    assert root.branch_size == 0
    moderation.comment_decide(comment_id=reply.pk, action="approve", actor=moderator)
    root.refresh_from_db()
    assert root.branch_size == 2
    assert ids(view(thread)) == [root.pk, middle.pk, reply.pk]


def test_a_featured_comment_leads_the_first_page(thread, alice, moderator):
    """Featured comments come first whatever the sort; unfeaturing puts it back."""
    first = post(thread, alice, "First")
    post(thread, alice, "Second")
    moderation.comment_decide(comment_id=first.pk, action="feature", actor=moderator)
    page = view(thread)
    assert page["comments"][0]["id"] == first.pk and page["comments"][0]["featured"]
    moderation.comment_decide(comment_id=first.pk, action="unfeature", actor=moderator)
    assert view(thread)["comments"][-1]["id"] == first.pk


def test_featured_comments_do_not_repeat_on_later_pages(thread, alice, moderator, settings):
    """Pages after the first skip the featured comments already shown."""
    made = [post(thread, alice, f"c{n}") for n in range(5)]
    moderation.comment_decide(comment_id=made[0].pk, action="feature", actor=moderator)
    first = selectors.thread_comments_page(thread=thread, viewer=selectors.Viewer(), limit=3)
    second = selectors.thread_comments_page(
        thread=thread, viewer=selectors.Viewer(), limit=3, cursor=first["next_cursor"]
    )
    seen = [c["id"] for c in first["comments"] + second["comments"]]
    assert sorted(seen) == sorted(c.pk for c in made)


def test_more_featured_comments_than_a_page_holds_skip_nothing(thread, alice, moderator):
    """Pinned comments sit above a full page of ordinary ones; paging misses none."""
    made = [post(thread, alice, f"c{n}") for n in range(7)]
    for comment in made[:3]:
        moderation.comment_decide(comment_id=comment.pk, action="feature", actor=moderator)
    first = selectors.thread_comments_page(thread=thread, viewer=selectors.Viewer(), limit=2)
    assert [c["featured"] for c in first["comments"]] == [True, True, True, False, False]
    seen = [c["id"] for c in first["comments"]]
    cursor = first["next_cursor"]
    while cursor:
        page = selectors.thread_comments_page(
            thread=thread, viewer=selectors.Viewer(), limit=2, cursor=cursor
        )
        seen += [c["id"] for c in page["comments"]]
        cursor = page["next_cursor"]
    assert sorted(seen) == sorted(c.pk for c in made)
    assert len(seen) == len(set(seen))


def test_at_most_five_comments_can_be_featured(thread, alice, moderator, settings):
    """The sixth pin is refused with a reason; unpinning one makes room."""
    from parley.discussion.errors import Conflict

    made = [post(thread, alice, f"c{n}") for n in range(6)]
    for comment in made[:5]:
        services.comment_feature(comment_id=comment.pk, featured=True, actor=moderator)
    with pytest.raises(Conflict) as refused:
        services.comment_feature(comment_id=made[5].pk, featured=True, actor=moderator)
    assert refused.value.code == "too_many_featured"
    services.comment_feature(comment_id=made[0].pk, featured=False, actor=moderator)
    services.comment_feature(comment_id=made[5].pk, featured=True, actor=moderator)


def test_every_decision_lands_in_the_audit_log(thread, alice, moderator):
    """Who, when, what, why for comments and for people."""
    comment = post(thread, alice)
    moderation.comment_decide(comment_id=comment.pk, action="reject", actor=moderator, reason="No")
    moderation.user_ban(user=alice, actor=moderator, reason="Repeated abuse")
    actions = list(AuditEntry.objects.order_by("id").values_list("action", "actor_id", "reason"))
    assert actions == [
        ("publish", None, ""),
        ("reject", moderator.pk, "No"),
        ("ban", moderator.pk, "Repeated abuse"),
    ]
    alice.refresh_from_db()
    assert alice.banned


def test_the_audit_log_cannot_be_changed_or_deleted(thread, alice, moderator):
    """Append-only: no update or delete path."""
    moderation.user_ban(user=alice, actor=moderator)
    entry = AuditEntry.objects.get()
    entry.reason = "rewritten"
    with pytest.raises(AppendOnly):
        entry.save()
    with pytest.raises(AppendOnly):
        entry.delete()
    with pytest.raises(AppendOnly):
        AuditEntry.objects.update(reason="x")
    with pytest.raises(AppendOnly):
        AuditEntry.objects.all().delete()


def test_removing_all_of_a_users_comments(thread, alice, bob, moderator):
    """Every comment of the user goes; the count follows."""
    post(thread, alice, "one")
    post(thread, alice, "two")
    post(thread, bob, "stays")
    assert moderation.user_comments_remove(user=alice, actor=moderator) == 2
    assert counts(thread) == 1


def test_bulk_decisions_apply_to_each_comment(thread, alice, moderator):
    """Approve a selection at once."""
    Thread.objects.filter(pk=thread.pk).update(mode="premoderated")
    held = [post(thread, alice, f"c{n}") for n in range(3)]
    done = moderation.comments_decide(
        comment_ids=[c.pk for c in held] + [999999], action="approve", actor=moderator
    )
    assert done == 3 and counts(thread) == 3
