"""The moderators' workspace: only moderators see it or act, and every action works."""

import csv
import io

import pytest
from django.contrib.auth.models import Group

from parley.discussion import services
from parley.discussion.models import Comment, Thread
from parley.moderation.models import AuditEntry, ModeratorNote, ModeratorWarning, Report

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(thread, alice, bob):
    """A held comment and a published one, a reported one, and their authors."""
    published = services.comment_create(thread_id=thread.pk, author=alice, body="Published one")
    Report.objects.create(comment=published, reporter=bob, reason="abuse")
    Thread.objects.filter(pk=thread.pk).update(mode="premoderated")
    held = services.comment_create(thread_id=thread.pk, author=alice, body="Held one")
    return {"published": published, "held": held, "alice": alice}


def endpoints(world):
    c, h, u = world["published"].pk, world["held"].pk, world["alice"].pk
    reads = [
        "/admin/moderation/",
        *[f"/admin/moderation/queue/{q}/" for q in ("pending", "reported", "unmoderated")],
        "/admin/moderation/queue/approved/",
        "/admin/moderation/queue/rejected/",
        f"/admin/moderation/users/{u}/",
        "/admin/moderation/audit/",
        "/admin/moderation/audit/?format=csv",
    ]
    writes = [
        (f"/admin/moderation/comments/{h}/{a}/", {"reason": "x"})
        for a in ("approve", "reject", "hold")
    ] + [
        (f"/admin/moderation/comments/{c}/feature/", {}),
        (f"/admin/moderation/comments/{c}/unfeature/", {}),
        ("/admin/moderation/bulk/", {"action": "approve", "ids": [h]}),
        *[
            (f"/admin/moderation/users/{u}/{a}/", {"reason": "r", "hours": "2", "text": "t"})
            for a in (
                "ban",
                "unban",
                "suspend",
                "unsuspend",
                "premoderate",
                "unpremoderate",
                "shadow_ban",
                "unshadow_ban",
                "warn",
                "remove_comments",
            )
        ],
        (f"/admin/moderation/users/{u}/note/", {"body": "n"}),
    ]
    return reads, writes


def snapshot(world):
    alice = world["alice"]
    alice.refresh_from_db()
    return (
        list(Comment.objects.order_by("pk").values_list("status", "featured", "body_md")),
        AuditEntry.objects.count(),
        (alice.banned, alice.suspended_until, alice.always_premoderate, alice.shadow_banned),
        ModeratorWarning.objects.count(),
        ModeratorNote.objects.count(),
    )


@pytest.fixture
def editor(make_user):
    from parley.newsroom import roles

    roles.ensure_groups()
    user = make_user("editor", is_staff=True)
    user.groups.add(Group.objects.get(name="Editor"))
    return user


@pytest.mark.parametrize("who", ["anonymous", "reader", "editor"])
def test_only_moderators_can_see_the_workspace_or_act(who, world, client, client_of, bob, editor):
    """Anonymous: sent to sign in. A reader or an editor without the permission: refused,
    and nothing changed, on every read and every action of the workspace."""
    browser = {"anonymous": client, "reader": client_of(bob), "editor": client_of(editor)}[who]
    reads, writes = endpoints(world)
    before = snapshot(world)
    for url in reads:
        response = browser.get(url)
        check_refused(who, response, url)
    for url, data in writes:
        response = browser.post(url, data)
        check_refused(who, response, url)
    assert snapshot(world) == before


def check_refused(who, response, url):
    if who == "anonymous":
        assert response.status_code == 302 and "login" in response["Location"], url
    elif who == "reader":
        assert response.status_code in (302, 403), url
        if response.status_code == 302:
            assert "login" in response["Location"] or response["Location"] == "/admin/", url
    else:
        assert response.status_code == 403, url


def test_a_moderator_sees_every_page(world, client_of, moderator):
    """Dashboard, every queue, a commenter's history and the audit log render."""
    browser = client_of(moderator)
    reads, _ = endpoints(world)
    for url in reads:
        assert browser.get(url).status_code == 200, url
    pending = browser.get("/admin/moderation/queue/pending/").content.decode()
    assert "Held one" in pending and "Story one" in pending
    reported = browser.get("/admin/moderation/queue/reported/").content.decode()
    assert "Published one" in reported and "abuse" in reported
    assert "<svg" in browser.get("/admin/moderation/").content.decode()


def test_a_moderator_approves_and_rejects_from_the_queue(world, client_of, moderator, thread):
    """Approve brings a held comment to readers; reject hides it with the reason."""
    browser = client_of(moderator)
    held = world["held"]
    response = browser.post(f"/admin/moderation/comments/{held.pk}/approve/")
    assert response.status_code == 302
    held.refresh_from_db()
    thread.refresh_from_db()
    assert held.status == "published" and thread.comment_count == 2
    browser.post(f"/admin/moderation/comments/{held.pk}/reject/", {"reason": "Off topic."})
    held.refresh_from_db()
    assert (held.status, held.status_reason) == ("rejected", "Off topic.")
    entry = AuditEntry.objects.filter(comment=held).first()
    assert entry.actor == moderator and entry.action == "reject"


def test_moderators_change_a_commenters_state(world, client_of, moderator):
    """Ban, suspend, pre-moderate, shadow-ban and warn go through services and the log."""
    browser = client_of(moderator)
    alice = world["alice"]
    for action in ("ban", "suspend", "premoderate", "shadow_ban"):
        browser.post(f"/admin/moderation/users/{alice.pk}/{action}/", {"hours": "24"})
    browser.post(f"/admin/moderation/users/{alice.pk}/warn/", {"text": "Calm down."})
    alice.refresh_from_db()
    assert alice.banned and alice.suspended_until and alice.always_premoderate
    assert alice.shadow_banned
    assert ModeratorWarning.objects.get(user=alice).text == "Calm down."
    actions = set(
        AuditEntry.objects.filter(subject=alice, actor=moderator).values_list("action", flat=True)
    )
    assert actions == {"ban", "suspend", "premoderate", "shadow_ban", "warn"}


def test_bulk_approval_from_the_queue(world, client_of, moderator, thread, alice):
    """A selection is approved at once."""
    more = services.comment_create(thread_id=thread.pk, author=alice, body="Another held")
    browser = client_of(moderator)
    browser.post(
        "/admin/moderation/bulk/", {"action": "approve", "ids": [world["held"].pk, more.pk]}
    )
    assert set(
        Comment.objects.filter(pk__in=[world["held"].pk, more.pk]).values_list("status", flat=True)
    ) == {"published"}


def test_the_audit_log_exports_as_csv(world, client_of, moderator):
    """Filterable, and downloadable as CSV."""
    browser = client_of(moderator)
    browser.post(f"/admin/moderation/comments/{world['held'].pk}/approve/")
    response = browser.get("/admin/moderation/audit/?format=csv&action=approve")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][:3] == ["time", "actor", "action"]
    assert [r[2] for r in rows[1:]] == ["approve"] and rows[1][1] == "mod"


def test_the_moderator_group_holds_the_permission(moderator):
    """roles.ensure_groups gives the Moderator group the workspace."""
    from parley.moderation.permissions import can_moderate

    assert can_moderate(moderator)


def test_a_reader_reports_without_javascript(world, client_of, make_user):
    """The report form works as a plain form post."""
    reader = client_of(make_user("carol"))
    url = f"/moderation/comments/{world['published'].pk}/report"
    assert reader.get(url).status_code == 200
    response = reader.post(url, {"reason": "spam", "next": "/story/"})
    assert response.status_code == 302 and response["Location"].startswith("/story/#comment-")
    assert Report.objects.filter(comment=world["published"], reason="spam").exists()
