"""Link previews under comments: links stored when written, fetched after the commit by a
task, shown in every comment node and in the server-rendered thread, never for comments a
reader may not see, and never at the comment's expense."""

import json
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.test import Client, RequestFactory
from django.utils import timezone

from parley.discussion import fragments, selectors, services, tasks
from parley.discussion.models import Comment, Thread
from parley.live.models import Event
from parley.previews.links import url_key
from parley.previews.models import LinkPreview
from parley.previews.tests import sites

pytestmark = pytest.mark.django_db

SITE_ADDRESS = "127.0.0.2"


@pytest.fixture
def site(settings):
    """A news site on 127.0.0.2, the one address these tests let the preview guard reach."""
    server = sites.LoopbackSite(SITE_ADDRESS)
    settings.PARLEY_PREVIEW_ALLOW_ADDRESSES = [SITE_ADDRESS]
    settings.PARLEY_PREVIEW_PORTS = [80, 443, server.port]
    yield server
    server.close()


def article(site, path="/article/kerry-agreement", *, title="Kerry: agreement reached") -> str:
    site.routes["/lead.png"] = sites.page(png(), content_type="image/png")
    site.routes[path] = sites.page(
        f"""<html><head><meta property="og:site_name" content="Al-Masdar News">
        <meta property="og:title" content="{title}">
        <meta property="og:image" content="/lead.png"></head><body></body></html>"""
    )
    return site.url(path)


def png() -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (800, 400), "teal").save(out, "PNG")
    return out.getvalue()


def client_for(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def api_post(client, thread, body):
    return client.post(
        f"/api/v1/threads/{thread.pk}/comments",
        data=json.dumps({"body": body}),
        content_type="application/json",
    )


def page_nodes(client, thread) -> list[dict]:
    response = client.get(f"/api/v1/threads/{thread.pk}/comments")
    assert response.status_code == 200
    return response.json()["comments"]


def edited_events(comment_id: int) -> list[Event]:
    return [e for e in Event.objects.filter(kind="comment.edited") if comment_id in e.data["ids"]]


# Storing links -----------------------------------------------------------------------------


def test_links_are_stored_when_a_comment_is_written_edited_and_deleted(thread, alice):
    """Reads never parse HTML: the first three distinct web links are kept with the comment."""
    comment = services.comment_create(
        thread_id=thread.pk,
        author=alice,
        body="See https://news.example/a and [this](https://news.example/b#top) "
        "and https://news.example/a again, or mailto:me@example.org",
    )
    assert comment.links == ["https://news.example/a", "https://news.example/b#top"]
    assert Comment.objects.get(pk=comment.pk).links == comment.links
    services.comment_edit(comment_id=comment.pk, editor=alice, body="Only https://c.example/")
    assert Comment.objects.get(pk=comment.pk).links == ["https://c.example/"]
    services.comment_delete(comment_id=comment.pk, actor=alice)
    assert Comment.objects.get(pk=comment.pk).links == []


def test_a_tombstone_keeps_no_links(thread, alice, bob):
    comment = services.comment_create(thread_id=thread.pk, author=alice, body="https://x.example/")
    services.comment_create(thread_id=thread.pk, author=bob, body="Hm", parent_id=comment.pk)
    services.comment_delete(comment_id=comment.pk, actor=alice)
    assert Comment.objects.get(pk=comment.pk).links == []


# The task ---------------------------------------------------------------------------------


def test_the_preview_is_fetched_after_the_commit_and_reaches_every_reader(
    site, thread, alice, bob, django_capture_on_commit_callbacks
):
    """The comment answers at once, as a plain link; once the task ran, every node of it
    has the card and open pages are told through a comment.edited event."""
    url = article(site)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = api_post(client_for(alice), thread, f"Read this: {url}")
    assert response.status_code == 201
    created = response.json()
    assert created["previews"] == []
    # Nothing was fetched while the comment was being written.
    assert site.requests == [] and not LinkPreview.objects.exists()
    assert callbacks

    with django_capture_on_commit_callbacks(execute=True):
        for callback in callbacks:
            callback()

    assert site.paths() == ["/article/kerry-agreement", "/lead.png"]
    assert len(edited_events(created["id"])) == 1
    [node] = page_nodes(client_for(bob), thread)
    assert node["id"] == created["id"]
    [card] = node["previews"]
    assert card["url"] == url
    assert card["display_url"] == f"{SITE_ADDRESS}/article/kerry-agreement"
    assert (card["site_name"], card["title"]) == ("Al-Masdar News", "Kerry: agreement reached")
    assert card["image_url"].startswith("/media/previews/")
    assert (card["image_width"], card["image_height"]) == (400, 200)
    detail = client_for().get(f"/api/v1/comments/{created['id']}").json()
    assert detail["previews"] == [card]
    branch = client_for().get(f"/api/v1/comments/{created['id']}/branch").json()
    assert branch["branch"]["previews"] == [card]


def test_a_link_with_a_preview_already_shows_its_card_to_its_poster(
    site, thread, alice, bob, django_capture_on_commit_callbacks
):
    url = article(site)
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_create(thread_id=thread.pk, author=bob, body=url)
    response = api_post(client_for(alice), thread, f"Same story: {url}")
    assert [card["title"] for card in response.json()["previews"]] == ["Kerry: agreement reached"]


def test_the_server_rendered_thread_shows_the_card(
    site, thread, alice, django_capture_on_commit_callbacks
):
    from django.contrib.auth.models import AnonymousUser

    url = article(site)
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_create(thread_id=thread.pk, author=alice, body=f"Look {url}")
    thread.refresh_from_db()
    request = RequestFactory().get("/story/")
    request.user = AnonymousUser()
    html = fragments.thread_html(request, thread, standards_url=None)
    assert 'class="comment__previews"' in html
    assert f'href="{url}" rel="nofollow ugc noopener"' in html
    assert '<span class="link-preview__site">Al-Masdar News</span>' in html
    assert '<span class="link-preview__title">Kerry: agreement reached</span>' in html
    assert 'width="400" height="200" alt=""' in html


def test_an_edit_that_changes_the_links_fetches_again(
    site, thread, alice, django_capture_on_commit_callbacks
):
    first = article(site, "/one", title="One")
    second = article(site, "/two", title="Two")
    with django_capture_on_commit_callbacks(execute=True):
        comment = services.comment_create(thread_id=thread.pk, author=alice, body=first)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.comment_edit(comment_id=comment.pk, editor=alice, body=f"{first} **really**")
    assert site.paths().count("/one") == 1 and "/two" not in site.paths()
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_edit(comment_id=comment.pk, editor=alice, body=f"{second} instead")
    assert callbacks  # the first edit purged the thread's pages, nothing more
    node = selectors.comment_detail(comment_id=comment.pk, viewer=selectors.Viewer())
    assert [card["title"] for card in node["previews"]] == ["Two"]


# Visibility --------------------------------------------------------------------------------


def test_a_held_comments_preview_never_reaches_other_readers(
    site, thread, alice, bob, django_capture_on_commit_callbacks
):
    """Fetched all the same (the card is ready if a moderator approves), but not announced,
    and not on any page but its author's, until it is published."""
    Thread.objects.filter(pk=thread.pk).update(mode=Thread.Mode.PREMODERATED)
    url = article(site)
    with django_capture_on_commit_callbacks(execute=True):
        response = api_post(client_for(alice), thread, f"Held: {url}")
    assert response.status_code == 202
    held = response.json()["id"]
    assert LinkPreview.objects.filter(status="ok").count() == 1
    assert not Event.objects.filter(kind__startswith="comment.").exists()

    for reader in (client_for(bob), client_for()):
        assert page_nodes(reader, thread) == []
        assert reader.get(f"/api/v1/comments/{held}").status_code == 404
        assert reader.get(f"/api/v1/comments/{held}/branch").status_code == 404
    thread.refresh_from_db()
    request = RequestFactory().get("/story/")
    request.user = bob
    assert "Al-Masdar" not in fragments.thread_html(request, thread, standards_url=None)
    # The author sees the comment, and with it the card of her own link.
    [own] = page_nodes(client_for(alice), thread)
    assert [card["title"] for card in own["previews"]] == ["Kerry: agreement reached"]
    # A task running now (a retry, a slow worker) announces nothing either.
    tasks.comment_previews.call(held)
    assert not Event.objects.filter(kind__startswith="comment.").exists()

    services.comment_moderate(comment_id=held, status="published", reason="", actor=None)
    [node] = page_nodes(client_for(bob), thread)
    assert [card["title"] for card in node["previews"]] == ["Kerry: agreement reached"]


def test_a_comment_held_before_its_preview_is_ready_is_not_announced(
    site, thread, alice, django_capture_on_commit_callbacks
):
    url = article(site)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        comment = services.comment_create(thread_id=thread.pk, author=alice, body=url)
    services.comment_moderate(comment_id=comment.pk, status="held", reason="Check", actor=None)
    with django_capture_on_commit_callbacks(execute=True):
        for callback in callbacks:
            callback()
    assert LinkPreview.objects.filter(status="ok").exists()
    assert edited_events(comment.pk) == []


# Failures ----------------------------------------------------------------------------------


def test_a_failing_preview_leaves_the_comment_and_its_plain_link(
    site, thread, alice, bob, django_capture_on_commit_callbacks
):
    """A dead link: a failed row, no card, no event, the comment as it was."""
    url = site.url("/gone")
    with django_capture_on_commit_callbacks(execute=True):
        response = api_post(client_for(alice), thread, f"Dead: {url}")
    assert response.status_code == 201
    comment = Comment.objects.get(pk=response.json()["id"])
    assert comment.status == "published"
    assert LinkPreview.objects.get().status == "failed"
    assert edited_events(comment.pk) == []
    [node] = page_nodes(client_for(bob), thread)
    assert node["previews"] == []
    assert f'href="{url}"' in node["html"]


def test_an_error_in_one_preview_spares_the_comment_and_the_other_cards(
    site, thread, alice, monkeypatch, django_capture_on_commit_callbacks
):
    broken = "https://broken.example/"
    url = article(site)
    real = tasks.preview_refresh

    def refresh(*, url):
        if url == broken:
            raise RuntimeError("the image library fell over")
        return real(url=url)

    monkeypatch.setattr(tasks, "preview_refresh", refresh)
    with django_capture_on_commit_callbacks(execute=True):
        comment = services.comment_create(
            thread_id=thread.pk, author=alice, body=f"{broken} and {url}"
        )
    node = selectors.comment_detail(comment_id=comment.pk, viewer=selectors.Viewer())
    assert node["status"] == "published"
    assert [card["url"] for card in node["previews"]] == [url]
    assert len(edited_events(comment.pk)) == 1


def test_a_queue_that_cannot_take_the_task_loses_no_comment(
    thread, alice, monkeypatch, django_capture_on_commit_callbacks
):
    def enqueue(*args, **kwargs):
        raise RuntimeError("the queue is down")

    monkeypatch.setattr(tasks, "comment_previews", SimpleNamespace(enqueue=enqueue))
    with django_capture_on_commit_callbacks(execute=True):
        response = api_post(client_for(alice), thread, "https://news.example/story")
    assert response.status_code == 201
    assert Comment.objects.filter(pk=response.json()["id"], status="published").exists()


# Query budgets ------------------------------------------------------------------------------


def linked_thread(thread, alice, bob, n: int) -> None:
    """n more branches of a comment and a reply, each with a link of its own and its preview."""
    start = Comment.objects.count()
    for i in range(start, start + n):
        root = services.comment_create(
            thread_id=thread.pk, author=alice, body=f"root https://a.example/{i}"
        )
        reply = services.comment_create(
            thread_id=thread.pk, author=bob, body=f"re https://b.example/{i}", parent_id=root.pk
        )
        for url in root.links + reply.links:
            LinkPreview.objects.create(
                url_key=url_key(url), url=url, title=url, status="ok", fetched_at=timezone.now()
            )


@pytest.mark.parametrize("signed_in", [False, True])
def test_a_thread_page_with_links_costs_fixed_queries(
    thread, alice, bob, signed_in, django_assert_num_queries
):
    """Three branches or forty, every comment with a card: the same queries, one of them
    for every preview of the page."""
    client = client_for(bob if signed_in else None)
    # session and user when signed in (the cache is cold: the session comes from the
    # database); thread, top comments, their replies, likes; previews
    budget = 7 if signed_in else 4
    for n in (3, 37):
        linked_thread(thread, alice, bob, n)
        cache.clear()
        with django_assert_num_queries(budget):
            nodes = page_nodes(client, thread)
        assert all(len(node["previews"]) == 1 for node in nodes)
        assert all(len(reply["previews"]) == 1 for node in nodes for reply in node["replies"])


def test_replies_and_branches_cost_fixed_queries(thread, alice, bob, django_assert_num_queries):
    linked_thread(thread, alice, bob, 1)
    root = Comment.objects.get(depth=0)
    for i in range(30):
        services.comment_create(
            thread_id=thread.pk, author=bob, body=f"https://c.example/{i}", parent_id=root.pk
        )
    client = client_for()
    # root, its visibility, the replies, their parents' names; previews
    with django_assert_num_queries(5):
        response = client.get(f"/api/v1/comments/{root.pk}/replies")
    assert len(response.json()["replies"]) == 31
    with django_assert_num_queries(4):  # comment, root, branch, previews
        response = client.get(f"/api/v1/comments/{root.pk}/branch")
    assert response.json()["branch"]["previews"][0]["url"] == "https://a.example/0"
    with django_assert_num_queries(2):  # comment, previews
        response = client.get(f"/api/v1/comments/{root.pk}")
    assert response.json()["previews"][0]["url"] == "https://a.example/0"


@pytest.mark.django_db(transaction=True)
def test_with_the_database_queue_the_job_commits_with_the_comment(thread, alice, settings):
    """One write: the preview job is a row of the comment's own transaction (an outbox)."""
    from django.db import transaction
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {
        **settings.TASKS,
        "background": {"BACKEND": "django_tasks_db.DatabaseBackend"},
    }
    with pytest.raises(RuntimeError), transaction.atomic():
        services.comment_create(thread_id=thread.pk, author=alice, body="https://a.example/x")
        assert DBTaskResult.objects.count() == 1
        raise RuntimeError("rolled back")
    assert DBTaskResult.objects.count() == 0
    comment = services.comment_create(thread_id=thread.pk, author=alice, body="https://a.example/y")
    [job] = DBTaskResult.objects.all()
    assert job.args_kwargs == {"args": [comment.pk], "kwargs": {}}
