"""The reader's own data: "Download my data" and "Delete my account"."""

import json
import os
import re

import pytest
from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError

from parley.accounts import services
from parley.accounts.tests.conftest import PASSWORD, image_bytes
from parley.discussion import selectors
from parley.discussion import services as discussion
from parley.discussion.models import Comment, Like, Thread

User = get_user_model()


def checked_choice(html: str) -> str:
    """Which comments choice the delete form starts with."""
    radios = re.findall(r'<input type="radio" name="comments" value="(\w+)"([^>]*)>', html)
    return next(value for value, rest in radios if "checked" in rest)


def page_texts(thread, viewer=None) -> list[tuple[str, str]]:
    """(author name, text) of every comment the thread shows, replies included."""
    page = selectors.thread_comments_page(
        thread=thread, viewer=selectors.Viewer.of(viewer), replies=50
    )
    out = []

    def walk(nodes):
        for n in nodes:
            out.append((n["author"]["name"] if n["author"] else "", n["html"]))
            walk(n["replies"])

    walk(page["comments"])
    return out


# Download my data -------------------------------------------------------------------------


def test_export_holds_profile_comments_likes_and_reports(client, alice, bob, thread):
    services.profile_update(user=alice, display_name="Alice A.", bio="Hello")
    mine = discussion.comment_create(thread_id=thread.pk, author=alice, body="My *own* words")
    theirs = discussion.comment_create(thread_id=thread.pk, author=bob, body="Bob's words")
    discussion.comment_like(comment_id=theirs.pk, user=alice)
    client.force_login(alice)
    response = client.get("/accounts/profile/export")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith("attachment; filename=")
    data = json.loads(response.content)
    assert data["profile"]["username"] == "alice"
    assert data["profile"]["display_name"] == "Alice A." and data["profile"]["bio"] == "Hello"
    assert data["email_addresses"] == [
        {"email": "alice@readers.example", "verified": True, "primary": True}
    ]
    [comment] = data["comments"]
    assert comment["id"] == mine.pk and comment["body"] == "My *own* words"
    assert comment["thread"] == {"title": "Story one", "url": "https://example.org/story-1"}
    assert comment["url"] == f"https://example.org/story-1?comment={mine.pk}#comment-{mine.pk}"
    [like] = data["likes"]
    assert like["comment_id"] == theirs.pk and like["thread"]["title"] == "Story one"
    assert data["reports"] == [] and data["reports_note"]
    assert "Bob's words" not in response.content.decode()


def test_export_needs_a_signed_in_reader(client, db):
    assert client.get("/accounts/profile/export").status_code == 302


# Delete my account --------------------------------------------------------------------------


@pytest.fixture
def conversation(alice, bob, thread):
    """Alice comments twice; Bob answers one of them and likes the other; Alice likes Bob's."""
    answered = discussion.comment_create(thread_id=thread.pk, author=alice, body="Answered one")
    alone = discussion.comment_create(thread_id=thread.pk, author=alice, body="Alone one")
    reply = discussion.comment_create(
        thread_id=thread.pk, author=bob, body="Bob answers", parent_id=answered.pk
    )
    discussion.comment_like(comment_id=alone.pk, user=bob)
    discussion.comment_like(comment_id=reply.pk, user=alice)
    return {"answered": answered, "alone": alone, "reply": reply}


def assert_nothing_of_alice_remains(alice_id: int):
    assert not User.objects.filter(pk=alice_id).exists()
    assert not EmailAddress.objects.filter(user_id=alice_id).exists()
    assert not SocialAccount.objects.filter(user_id=alice_id).exists()
    assert not Like.objects.filter(user_id=alice_id).exists()
    assert not Comment.objects.filter(author_id=alice_id).exists()
    for session in Session.objects.all():
        assert str(session.get_decoded().get("_auth_user_id")) != str(alice_id)


def test_deleting_and_keeping_comments_shows_them_as_deleted_user(
    client, alice, bob, thread, conversation, django_capture_on_commit_callbacks
):
    SocialAccount.objects.create(user=alice, provider="google", uid="alice-at-google")
    services.avatar_set(user=alice, upload=SimpleUploadedFile("a.png", image_bytes()))
    alice.refresh_from_db()
    avatar_path = alice.avatar.path
    other = client.__class__()
    other.force_login(alice)  # a second signed-in device
    client.force_login(alice)
    version = Thread.objects.get(pk=thread.pk).version
    assert checked_choice(client.get("/accounts/profile/delete").content.decode()) == "keep"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/accounts/profile/delete", {"comments": "keep", "password": PASSWORD}
        )
    assert response.status_code == 302
    assert response["Location"] == "/accounts/profile/deleted"
    assert "Your account was deleted" in client.get(response["Location"]).content.decode()
    assert_nothing_of_alice_remains(alice.pk)
    texts = page_texts(thread)
    assert ("deleted user", "<p>Answered one</p>") in texts
    assert ("deleted user", "<p>Alone one</p>") in texts
    reply = Comment.objects.get(pk=conversation["reply"].pk)
    assert reply.like_count == 0  # Alice's like went with her
    assert Thread.objects.get(pk=thread.pk).version > version
    # Both devices are signed out.
    assert not client.get("/accounts/profile/").wsgi_request.user.is_authenticated
    assert other.get("/accounts/profile/").status_code == 302
    assert not os.path.exists(avatar_path)


def test_deleting_and_removing_comments_leaves_tombstones_only_where_others_replied(
    alice, bob, thread, conversation
):
    count = Thread.objects.get(pk=thread.pk).comment_count
    alice_id = alice.pk
    services.account_delete(user=alice, comments="remove")
    assert_nothing_of_alice_remains(alice_id)
    answered = Comment.objects.get(pk=conversation["answered"].pk)
    alone = Comment.objects.get(pk=conversation["alone"].pk)
    assert answered.status == alone.status == Comment.Status.DELETED
    assert answered.body_md == alone.body_md == answered.body_html == ""
    texts = page_texts(thread)
    assert "<p>Alone one</p>" not in [t for _, t in texts]
    assert ("", "") in texts  # the tombstone above Bob's reply
    assert ("bob", "<p>Bob answers</p>") in texts
    assert len(texts) == 2
    assert Thread.objects.get(pk=thread.pk).comment_count == count - 2


def test_removing_a_chain_of_own_replies_settles_every_tombstone(alice, bob, thread):
    """A reply to one's own comment goes first, then the comment, and no empty tombstone stays."""
    top = discussion.comment_create(thread_id=thread.pk, author=alice, body="Top")
    mid = discussion.comment_create(thread_id=thread.pk, author=alice, body="Mid", parent_id=top.pk)
    discussion.comment_create(thread_id=thread.pk, author=alice, body="Low", parent_id=mid.pk)
    kept = discussion.comment_create(thread_id=thread.pk, author=bob, body="Bob's own")
    services.account_delete(user=alice, comments="remove")
    assert page_texts(thread) == [("bob", "<p>Bob's own</p>")]
    assert Comment.objects.get(pk=top.pk).branch_size == 0
    assert Thread.objects.get(pk=thread.pk).comment_count == 1
    assert Comment.objects.get(pk=kept.pk).status == Comment.Status.PUBLISHED


def test_a_wrong_password_deletes_nothing(client, alice, conversation):
    client.force_login(alice)
    response = client.post("/accounts/profile/delete", {"comments": "remove", "password": "nope"})
    assert response.status_code == 400
    assert "That is not your password." in response.content.decode()
    assert User.objects.filter(pk=alice.pk).exists()
    assert Comment.objects.get(pk=conversation["alone"].pk).status == Comment.Status.PUBLISHED


def test_accounts_without_a_password_confirm_with_their_username(client, alice):
    alice.set_unusable_password()
    alice.save()
    client.force_login(alice)
    html = client.get("/accounts/profile/delete").content.decode()
    assert 'name="password"' not in html and 'name="username"' in html
    response = client.post("/accounts/profile/delete", {"comments": "keep", "username": "bob"})
    assert response.status_code == 400
    response = client.post("/accounts/profile/delete", {"comments": "keep", "username": "alice"})
    assert response.status_code == 302
    assert not User.objects.filter(username="alice").exists()


def test_the_site_setting_chooses_the_default(client, alice, settings):
    settings.PARLEY_ACCOUNT_DELETE_COMMENTS = "remove"
    client.force_login(alice)
    assert checked_choice(client.get("/accounts/profile/delete").content.decode()) == "remove"


def test_a_bad_setting_fails_the_system_check(settings):
    from parley.accounts.checks import check_accounts_settings

    settings.PARLEY_ACCOUNT_DELETE_COMMENTS = "shred"
    [error] = check_accounts_settings()
    assert error.id == "parley.accounts.E001"


def test_staff_delete_an_account_on_request(alice, thread, conversation, capsys):
    call_command("delete_account", "alice", "--comments", "remove")
    assert not User.objects.filter(username="alice").exists()
    assert Comment.objects.get(pk=conversation["alone"].pk).status == Comment.Status.DELETED
    assert "removed" in capsys.readouterr().out
    with pytest.raises(CommandError):
        call_command("delete_account", "alice")


def test_guessing_the_password_on_the_delete_page_is_rate_limited(client, alice):
    client.force_login(alice)
    for _ in range(10):
        client.post("/accounts/profile/delete", {"comments": "keep", "password": "guess"})
    response = client.post("/accounts/profile/delete", {"comments": "keep", "password": PASSWORD})
    assert response.status_code == 400
    assert "Too many attempts" in response.content.decode()
    assert User.objects.filter(pk=alice.pk).exists()
