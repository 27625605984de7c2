import json

import pytest
from django.test import Client

from parley.discussion import services
from parley.discussion.models import Comment, Thread

pytestmark = pytest.mark.django_db


def post(client, url, data=None, method="post", **extra):
    return getattr(client, method)(
        url, data=json.dumps(data or {}), content_type="application/json", **extra
    )


@pytest.fixture
def signed_in(alice):
    client = Client()
    client.force_login(alice)
    return client


def test_openapi_schema_is_published(client):
    """Integrators read the API from /api/v1/openapi.json."""
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/threads/{thread_id}/comments" in schema["paths"]


def test_post_returns_201_with_the_comment(signed_in, thread):
    """A published comment comes back rendered, already committed."""
    response = post(signed_in, f"/api/v1/threads/{thread.pk}/comments", {"body": "Hello **all**"})
    assert response.status_code == 201
    body = response.json()
    assert body["html"] == "<p>Hello <strong>all</strong></p>"
    assert Comment.objects.filter(pk=body["id"]).exists()


def test_held_comment_answers_202_with_the_reason(signed_in, thread):
    """On a pre-moderated article the author hears that it waits for review."""
    Thread.objects.filter(pk=thread.pk).update(mode="premoderated")
    response = post(signed_in, f"/api/v1/threads/{thread.pk}/comments", {"body": "Hello"})
    assert response.status_code == 202
    assert "reviewed" in response.json()["status_reason"]


@pytest.mark.parametrize(
    ("payload", "status", "code"),
    [
        ({"body": "   "}, 400, "empty"),
        ({"body": "x" * 10_001}, 413, "too_long"),
        ({"body": "hi", "parent_id": 999999}, 400, "bad_parent"),
        ({"nobody": "hi"}, 422, "invalid"),
        ({"body": ["not", "text"]}, 422, "invalid"),
    ],
)
def test_bad_input_gets_a_clear_json_error(signed_in, thread, payload, status, code):
    """Status and {"code", "message"}, and nothing stored."""
    response = post(signed_in, f"/api/v1/threads/{thread.pk}/comments", payload)
    assert response.status_code == status
    assert response.json()["code"] == code
    assert response.json()["message"]
    assert Comment.objects.count() == 0


def test_invalid_utf8_is_refused(signed_in, thread):
    """Bytes that are not UTF-8 are a 4xx, not a 500."""
    response = signed_in.post(
        f"/api/v1/threads/{thread.pk}/comments",
        data=b'{"body": "\xff\xfe"}',
        content_type="application/json",
    )
    assert 400 <= response.status_code < 500
    assert Comment.objects.count() == 0


def test_anonymous_post_is_401(client, thread):
    """Not signed in: 401 with a sentence."""
    response = post(client, f"/api/v1/threads/{thread.pk}/comments", {"body": "hi"})
    assert response.status_code == 401
    assert response.json()["code"] == "not_signed_in"


def test_cookie_session_needs_csrf(alice, thread):
    """A cross-site form cannot post on a reader's behalf."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    response = post(client, f"/api/v1/threads/{thread.pk}/comments", {"body": "hi"})
    assert response.status_code == 403
    assert response.json()["code"] == "csrf_failed"
    client.get("/api/v1/openapi.json")  # any page; then send the token
    token = client.cookies.get("csrftoken")
    if token is None:
        from django.middleware.csrf import _get_new_csrf_string

        token = _get_new_csrf_string()
        client.cookies["csrftoken"] = token
    response = post(
        client,
        f"/api/v1/threads/{thread.pk}/comments",
        {"body": "hi"},
        HTTP_X_CSRFTOKEN=token.value if hasattr(token, "value") else token,
    )
    assert response.status_code == 201


def test_unknown_thread_is_404(signed_in):
    response = signed_in.get("/api/v1/threads/424242/comments")
    assert response.status_code == 404 and response.json()["code"] == "not_found"


def test_edit_after_window_is_409_and_other_users_get_403(signed_in, thread, bob, alice):
    """Conflicts and permissions map to their statuses."""
    from datetime import timedelta

    from django.utils import timezone

    comment = services.comment_create(thread_id=thread.pk, author=alice, body="Mine")
    other = Client()
    other.force_login(bob)
    response = post(other, f"/api/v1/comments/{comment.pk}", {"body": "x"}, method="patch")
    assert response.status_code == 403
    Comment.objects.filter(pk=comment.pk).update(created_at=timezone.now() - timedelta(hours=1))
    response = post(signed_in, f"/api/v1/comments/{comment.pk}", {"body": "x"}, method="patch")
    assert response.status_code == 409 and response.json()["code"] == "edit_window_over"


def test_rate_limit_is_429_with_retry_after(signed_in, thread, settings):
    """Too fast: 429 and when to try again."""
    settings.PARLEY_COMMENT_RATE_BURST = 1
    url = f"/api/v1/threads/{thread.pk}/comments"
    assert post(signed_in, url, {"body": "one"}).status_code == 201
    response = post(signed_in, url, {"body": "two"})
    assert response.status_code == 429
    assert int(response["Retry-After"]) >= 1


def test_like_delete_and_replies_through_the_api(signed_in, thread, bob):
    """Reply, like, delete: the whole path over HTTP."""
    other = Client()
    other.force_login(bob)
    root = post(signed_in, f"/api/v1/threads/{thread.pk}/comments", {"body": "Root"}).json()
    reply = post(
        other, f"/api/v1/threads/{thread.pk}/comments", {"body": "Reply", "parent_id": root["id"]}
    ).json()
    assert reply["parent_id"] == root["id"]
    liked = post(other, f"/api/v1/comments/{root['id']}/like").json()
    assert liked == {"liked": True, "like_count": 1}
    assert signed_in.delete(f"/api/v1/comments/{root['id']}").status_code == 204
    page = other.get(f"/api/v1/threads/{thread.pk}/comments").json()
    assert page["comments"][0]["tombstone"] is True
    assert page["comments"][0]["replies"][0]["id"] == reply["id"]


@pytest.mark.django_db(transaction=True)
def test_anonymous_page_is_cached_by_version_with_etag(client, thread, alice):
    """A reader holding the current version gets 304; a new comment changes the ETag.

    (A real transaction: the new version reaches the cache only when the write commits.)"""
    services.comment_create(thread_id=thread.pk, author=alice, body="One")
    url = f"/api/v1/threads/{thread.pk}/comments"
    first = client.get(url)
    etag = first["ETag"]
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    services.comment_create(thread_id=thread.pk, author=alice, body="Two")
    second = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert second.status_code == 200
    assert [c["html"] for c in second.json()["comments"]] == ["<p>Two</p>", "<p>One</p>"]


def test_thread_page_queries_do_not_grow_with_the_thread(
    signed_in, thread, alice, bob, django_assert_max_num_queries
):
    """Ten comments or a hundred with replies, each with a link: the same number of queries
    (the links' previews come in one query per page)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def make(n):
        for i in range(n):
            root = services.comment_create(
                thread_id=thread.pk, author=alice, body=f"root {i} https://e.example/{n}/{i}"
            )
            services.comment_create(thread_id=thread.pk, author=bob, body="re", parent_id=root.pk)

    def count():
        with CaptureQueriesContext(connection) as q:
            assert (
                signed_in.get(f"/api/v1/threads/{thread.pk}/comments?limit=50").status_code == 200
            )
        return len(q)

    make(5)
    small = count()
    make(60)
    assert count() == small


def test_counts_for_many_pages_in_one_request(client, thread, alice, django_assert_num_queries):
    """A listing asks once for all its articles' counts."""
    services.comment_create(thread_id=thread.pk, author=alice, body="One")
    other = services.thread_for_key(site="example", key="b", url="https://e.org/b", title="b")
    with django_assert_num_queries(2):
        response = post(
            client, "/api/v1/counts", {"threads": [thread.pk, other.pk], "pages": [1, 2]}
        )
    assert response.json()["threads"] == {str(thread.pk): 1, str(other.pk): 0}


def test_cursor_pages_cover_every_comment_once(client, thread, alice):
    """Following next_cursor visits each top-level comment exactly once."""
    ids = [
        services.comment_create(thread_id=thread.pk, author=alice, body=f"c{i}").pk
        for i in range(7)
    ]
    seen, cursor = [], None
    while True:
        url = f"/api/v1/threads/{thread.pk}/comments?limit=3&sort=oldest"
        page = client.get(url + (f"&cursor={cursor}" if cursor else "")).json()
        seen += [c["id"] for c in page["comments"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert seen == ids


def test_garbage_cursor_is_a_clear_400(client, thread):
    response = client.get(f"/api/v1/threads/{thread.pk}/comments?cursor=%%%garbage")
    assert response.status_code == 400 and response.json()["code"] == "bad_cursor"
