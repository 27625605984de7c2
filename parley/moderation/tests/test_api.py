"""How screening decisions reach HTTP, and reader reports over the API."""

import json

import pytest

from parley.discussion.models import Comment, Thread
from parley.moderation.models import ModeratedTerm, ModeratorWarning, Report

pytestmark = pytest.mark.django_db


def post(client, url, data=None, **extra):
    return client.post(url, data=json.dumps(data or {}), content_type="application/json", **extra)


def comment_url(thread):
    return f"/api/v1/threads/{thread.pk}/comments"


def test_published_is_201_held_is_202_with_the_reason(client_of, alice, thread):
    """201 when published; 202 with the reason in plain words when held."""
    client = client_of(alice)
    assert post(client, comment_url(thread), {"body": "Hello"}).status_code == 201
    ModeratedTerm.objects.create(term="rigged", kind="suspect")
    response = post(client, comment_url(thread), {"body": "It was rigged"})
    assert response.status_code == 202
    assert response.json()["status"] == "held" and "moderator" in response.json()["status_reason"]


def test_a_shadowed_comment_answers_201_as_if_published(client_of, make_user, thread):
    """The shadow-banned author cannot tell from the answer."""
    user = make_user("shady", shadow_banned=True)
    response = post(client_of(user), comment_url(thread), {"body": "Hello"})
    assert response.status_code == 201
    assert response.json()["status"] == "published" and response.json()["status_reason"] == ""


def test_a_content_refusal_is_422_with_code_and_message(client_of, alice, thread):
    """What was written: 422 {"code", "message"}, and nothing stored."""
    ModeratedTerm.objects.create(term="grobble", kind="banned")
    response = post(client_of(alice), comment_url(thread), {"body": "grobble"})
    assert response.status_code == 422
    assert response.json()["code"] == "banned_words" and response.json()["message"]
    assert not Comment.objects.exists()


def test_the_standards_page_is_linked_from_a_refusal(client_of, alice, thread):
    """The author is pointed to the community standards."""
    from parley.newsroom.tests import factories

    factories.standards()
    ModeratedTerm.objects.create(term="grobble", kind="banned")
    response = post(client_of(alice), comment_url(thread), {"body": "grobble"})
    assert response.json()["standards_url"].endswith("/community-standards/")


def test_who_may_post_refusals_are_403(client_of, make_user, thread):
    """Banned, suspended, warned, closed: 403 with the code."""
    banned = make_user("banned", banned=True)
    assert post(client_of(banned), comment_url(thread), {"body": "x"}).json()["code"] == "banned"
    Thread.objects.filter(pk=thread.pk).update(mode="closed")
    response = post(client_of(make_user("late")), comment_url(thread), {"body": "x"})
    assert response.status_code == 403 and response.json()["code"] == "comments_closed"


def test_the_rate_limit_is_429_with_retry_after(client_of, alice, thread, settings):
    """Per address too: 429 and when to try again."""
    settings.PARLEY_COMMENT_RATE_IP_BURST = 1
    client = client_of(alice)
    assert post(client, comment_url(thread), {"body": "one"}).status_code == 201
    response = post(client, comment_url(thread), {"body": "two"})
    assert response.status_code == 429 and int(response["Retry-After"]) >= 1


def test_a_warning_is_acknowledged_through_the_api(client_of, alice, thread, moderator):
    """Read the warning, acknowledge it, comment again."""
    ModeratorWarning.objects.create(user=alice, text="Mind your tone.", created_by=moderator)
    client = client_of(alice)
    response = post(client, comment_url(thread), {"body": "Hi"})
    assert response.status_code == 403 and response.json()["code"] == "warning"
    assert client.get("/api/v1/moderation/warning").json() == {"text": "Mind your tone."}
    assert post(client, "/api/v1/moderation/warning/acknowledge").status_code == 204
    assert post(client, comment_url(thread), {"body": "Hi"}).status_code == 201


# Reports ---------------------------------------------------------------------------------


def test_a_reader_reports_a_comment_once(client_of, alice, bob, thread):
    """One report per reader per comment; the second is 409."""
    comment = post(client_of(alice), comment_url(thread), {"body": "Hi"}).json()
    client = client_of(bob)
    url = f"/api/v1/comments/{comment['id']}/report"
    response = post(client, url, {"reason": "spam", "text": "ads"})
    assert response.status_code == 201
    assert post(client, url, {"reason": "abuse"}).status_code == 409
    assert Report.objects.count() == 1


def test_reporting_needs_a_signed_in_reader_and_a_known_reason(
    client, client_of, alice, bob, thread
):
    """Anonymous: 401. A made-up reason: 400. One's own comment: 403."""
    comment = post(client_of(alice), comment_url(thread), {"body": "Hi"}).json()
    url = f"/api/v1/comments/{comment['id']}/report"
    assert post(client, url, {"reason": "spam"}).status_code == 401
    assert post(client_of(bob), url, {"reason": "boring"}).status_code == 400
    assert post(client_of(alice), url, {"reason": "spam"}).status_code == 403


def test_enough_reports_hold_the_comment(client_of, alice, make_user, thread, settings):
    """The Nth report holds the comment: it leaves every page and the count."""
    settings.PARLEY_REPORTS_TO_HOLD = 3
    comment = post(client_of(alice), comment_url(thread), {"body": "Hi"}).json()
    url = f"/api/v1/comments/{comment['id']}/report"
    for n in range(3):
        post(client_of(make_user(f"r{n}")), url, {"reason": "abuse"})
    assert Comment.objects.get(pk=comment["id"]).status == "held"
    thread.refresh_from_db()
    assert thread.comment_count == 0
    page = client_of(make_user("other")).get(comment_url(thread)).json()
    assert page["comments"] == []


def test_reporters_are_rate_limited(client_of, alice, bob, thread, settings):
    """A reader reporting too fast is refused with 429."""
    settings.PARLEY_REPORT_RATE_BURST = 2
    client = client_of(alice)
    ids = [post(client, comment_url(thread), {"body": f"c{n}"}).json()["id"] for n in range(3)]
    reporter = client_of(bob)
    codes = [
        post(reporter, f"/api/v1/comments/{i}/report", {"reason": "spam"}).status_code for i in ids
    ]
    assert codes == [201, 201, 429]
