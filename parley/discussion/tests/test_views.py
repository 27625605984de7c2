"""The discussion without JavaScript: plain form posts, and the server-rendered thread."""

from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import get_messages
from django.test import RequestFactory
from django.utils import timezone

from parley.discussion import fragments, services
from parley.discussion.models import Comment, Thread
from parley.discussion.templatetags import discussion_tags

pytestmark = pytest.mark.django_db

ARTICLE = "/middle-east/ceasefire/"


@pytest.fixture
def alice_client(client, alice):
    client.force_login(alice)
    return client


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def thread_page(thread, user, path=ARTICLE) -> str:
    request = RequestFactory().get(path)
    request.user = user
    return fragments.thread_html(request, thread, standards_url="/community-standards/")


def test_plain_form_post_returns_to_the_new_comment(alice_client, thread):
    """The reader lands back on the article, at their comment."""
    response = alice_client.post(
        f"/discussion/threads/{thread.pk}/comment", {"body": "Hello", "next": ARTICLE}
    )
    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{ARTICLE}?comment={comment.pk}#comment-{comment.pk}"


def test_refused_post_goes_back_with_the_reason(alice_client, thread):
    """An empty comment is not stored; the reader reads why above the discussion."""
    response = alice_client.post(
        f"/discussion/threads/{thread.pk}/comment", {"body": "  ", "next": ARTICLE}
    )
    assert response["Location"] == f"{ARTICLE}#discussion"
    assert messages_of(response) == ["Write something before posting."]
    assert not Comment.objects.exists()


def test_next_pointing_elsewhere_is_ignored(alice_client, thread):
    """An open redirect is not possible through the form's `next`."""
    response = alice_client.post(
        f"/discussion/threads/{thread.pk}/comment",
        {"body": "Hi", "next": "https://evil.example/"},
    )
    assert response["Location"].startswith(thread.url + "?comment=")


def test_like_form_toggles_and_keeps_the_readers_page(client, thread, alice, bob):
    """A like returns to the same sort and page, at the comment."""
    comment = services.comment_create(thread_id=thread.pk, author=bob, body="Liked")
    client.force_login(alice)
    url = f"/discussion/comments/{comment.pk}/like"
    response = client.post(url, {"next": f"{ARTICLE}?sort=oldest"})
    assert response["Location"] == f"{ARTICLE}?sort=oldest#comment-{comment.pk}"
    comment.refresh_from_db()
    assert comment.like_count == 1
    client.post(url, {"next": ARTICLE})
    comment.refresh_from_db()
    assert comment.like_count == 0


def test_liking_ones_own_comment_is_refused_with_a_message(alice_client, thread, alice):
    comment = services.comment_create(thread_id=thread.pk, author=alice, body="Mine")
    response = alice_client.post(f"/discussion/comments/{comment.pk}/like", {"next": ARTICLE})
    assert messages_of(response) == ["You cannot like your own comment."]


def test_edit_page_shows_the_markdown_and_saving_marks_it_edited(alice_client, thread, alice):
    comment = services.comment_create(thread_id=thread.pk, author=alice, body="Hello **all**")
    url = f"/discussion/comments/{comment.pk}/edit"
    page = alice_client.get(url, {"next": ARTICLE})
    assert page.status_code == 200
    assert "Hello **all**</textarea>" in page.content.decode()
    response = alice_client.post(url, {"body": "Hello *everyone*", "next": ARTICLE})
    assert response["Location"] == f"{ARTICLE}?comment={comment.pk}#comment-{comment.pk}"
    comment.refresh_from_db()
    assert comment.body_html == "<p>Hello <em>everyone</em></p>"
    assert comment.edited_at is not None


def test_refused_edit_keeps_what_the_reader_wrote(alice_client, thread, alice):
    """Past the edit window the form comes back with the reason and the new text."""
    comment = services.comment_create(thread_id=thread.pk, author=alice, body="Old")
    Comment.objects.filter(pk=comment.pk).update(created_at=timezone.now() - timedelta(hours=2))
    url = f"/discussion/comments/{comment.pk}/edit"
    response = alice_client.post(url, {"body": "New words", "next": ARTICLE})
    assert response.status_code == 409
    html = response.content.decode()
    assert "can no longer be changed" in html
    assert "New words</textarea>" in html
    assert "can no longer be changed" in alice_client.get(url).content.decode()


def test_someone_elses_comment_cannot_be_edited_or_deleted(alice_client, thread, bob):
    comment = services.comment_create(thread_id=thread.pk, author=bob, body="Bob's")
    for action in ("edit", "delete"):
        response = alice_client.get(
            f"/discussion/comments/{comment.pk}/{action}", {"next": ARTICLE}
        )
        assert response["Location"] == f"{ARTICLE}#discussion"
        assert messages_of(response)[-1] == "You can only change your own comments."
    alice_client.post(f"/discussion/comments/{comment.pk}/delete", {"next": ARTICLE})
    assert Comment.objects.get(pk=comment.pk).status == "published"


def test_delete_asks_first_then_leaves_a_tombstone_over_replies(alice_client, thread, alice, bob):
    comment = services.comment_create(thread_id=thread.pk, author=alice, body="Going **soon**")
    services.comment_create(thread_id=thread.pk, author=bob, body="Reply", parent_id=comment.pk)
    url = f"/discussion/comments/{comment.pk}/delete"
    page = alice_client.get(url, {"next": ARTICLE}).content.decode()
    assert "Going <strong>soon</strong>" in page
    response = alice_client.post(url, {"next": ARTICLE})
    assert response["Location"] == f"{ARTICLE}#discussion"
    assert messages_of(response) == ["Your comment was deleted."]
    assert "This comment was deleted." in thread_page(thread, AnonymousUser())


def test_anonymous_thread_is_shareable(thread, bob):
    """The copy every anonymous reader shares has no token, no forms, nothing personal."""
    services.comment_create(thread_id=thread.pk, author=bob, body="Hello")
    html = thread_page(thread, AnonymousUser())
    assert "csrfmiddlewaretoken" not in html
    assert "<form" not in html
    assert "Comment via Parley" in html
    assert f'href="/accounts/login/?next={ARTICLE}%23discussion"' in html


def test_signed_in_thread_has_the_composer_and_own_controls(thread, alice, bob):
    mine = services.comment_create(thread_id=thread.pk, author=alice, body="Mine")
    theirs = services.comment_create(thread_id=thread.pk, author=bob, body="Theirs")
    html = thread_page(thread, alice)
    assert 'name="csrfmiddlewaretoken" value="' in html
    assert "Commenting as <strong>alice</strong>" in html
    assert f"/discussion/comments/{mine.pk}/edit?" in html
    assert f"/discussion/comments/{mine.pk}/delete?" in html
    assert f"/discussion/comments/{theirs.pk}/edit?" not in html
    assert f'action="/discussion/comments/{theirs.pk}/like"' in html
    assert f'action="/discussion/comments/{mine.pk}/like"' not in html


def test_replies_past_the_visible_depth_say_whom_they_answer(thread, alice, bob):
    parent = None
    chain = []
    for depth in range(6):
        author = alice if depth % 2 else bob
        parent = services.comment_create(
            thread_id=thread.pk,
            author=author,
            body=f"Level {depth}",
            parent_id=parent.pk if parent else None,
        )
        chain.append(parent)
    html = thread_page(thread, AnonymousUser(), path=f"{ARTICLE}?comment={chain[-1].pk}")
    assert f'in reply to <a href="#comment-{chain[3].pk}">alice</a>' in html
    assert f'in reply to <a href="#comment-{chain[4].pk}">bob</a>' in html
    assert html.count("in reply to") == 2
    assert "Linked comment" in html
    assert 'class="comment comment--target"' in html


def test_comment_html_cleans_again_on_the_way_out():
    """Markup the allow-list forbids never reaches the page, even if it got into the row."""
    dirty = '<p onclick="steal()">Hi<script>alert(1)</script></p><img src=x onerror=y>'
    assert discussion_tags.comment_html(dirty) == "<p>Hi</p>"
    link = discussion_tags.comment_html('<a href="javascript:alert(1)">x</a>')
    assert "javascript" not in link


@pytest.mark.parametrize(
    ("ago", "text"),
    [
        (timedelta(seconds=5), "now"),
        (timedelta(minutes=3, seconds=5), "3 min"),
        (timedelta(hours=2, minutes=59), "2 h"),
        (timedelta(days=4), "4 d"),
    ],
)
def test_relative_time_is_short(ago, text):
    now = timezone.now()
    assert discussion_tags.relative_time(now - ago, now) == text


def test_older_times_are_dates():
    now = datetime(2026, 11, 27, 12, tzinfo=UTC)
    assert discussion_tags.relative_time(now - timedelta(days=22), now) == "5 Nov"
    assert discussion_tags.relative_time(now - timedelta(days=400), now) == "23 Oct 2025"


def test_avatar_hue_maps_to_one_of_twelve_classes():
    assert discussion_tags.hue_class(0) == "avatar--h0"
    assert discussion_tags.hue_class(359) == "avatar--h11"
    assert discussion_tags.hue_class(95) == "avatar--h3"


def test_held_comment_shows_its_author_why_it_waits(thread, alice):
    """On a pre-moderated article the author sees "Awaiting review"; other readers see nothing."""
    Thread.objects.filter(pk=thread.pk).update(mode="premoderated")
    thread.refresh_from_db()
    services.comment_create(thread_id=thread.pk, author=alice, body="Held back")
    html = thread_page(thread, alice)
    assert "<strong>Awaiting review.</strong> This article" in html
    assert "Comments on this article are reviewed before they appear." in html
    assert "Held back" not in thread_page(thread, AnonymousUser())


def test_more_comments_and_more_replies_are_links_without_javascript(thread, alice, bob, settings):
    settings.PARLEY_THREAD_PAGE_SIZE = 2
    settings.PARLEY_BRANCH_PREVIEW = 1
    first = services.comment_create(thread_id=thread.pk, author=alice, body="One")
    for body in ("Two", "Three"):
        services.comment_create(thread_id=thread.pk, author=bob, body=body, parent_id=first.pk)
    for body in ("Four", "Five"):
        services.comment_create(thread_id=thread.pk, author=alice, body=body)
    html = thread_page(thread, AnonymousUser(), path=f"{ARTICLE}?sort=oldest")
    assert 'href="?sort=oldest&amp;cursor=' in html
    assert ">Show more comments</a>" in html
    assert f'href="?comment={first.pk}#comment-{first.pk}" data-more-replies' in html
    assert ">Show 1 more reply</a>" in html
