"""Seed the demo's discussions: reader accounts and a believable thread under every article."""

import secrets
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from parley.accounts import services as accounts
from parley.discussion import demo_content, selectors, services
from parley.discussion.models import Comment

LONG_THREAD_ARTICLE = "ceasefire-talks-resume-in-geneva"
LONG_THREAD_SIZE = 1200


def ensure_readers(password: str) -> dict:
    """The demo readers, created once with a shared password."""
    user_model = get_user_model()
    readers = {}
    for spec in demo_content.READERS:
        user = user_model.objects.filter(username=spec["username"]).first()
        if user is None:
            user = accounts.account_create(
                username=spec["username"],
                email=f"{spec['username']}@readers.example",
                password=password,
                verified=True,
            )
            if spec.get("display_name", spec["username"]) != spec["username"]:
                accounts.profile_update(user=user, display_name=spec["display_name"], bio="")
        readers[spec["username"]] = user
    return readers


def flatten(tree: list[dict], parent_ref=None, out=None) -> list[dict]:
    """The nested demo threads as a list of {ref, parent, by, minutes_after, body, likes}."""
    out = [] if out is None else out
    for item in tree:
        ref = len(out) + 1
        out.append({**item, "ref": ref, "parent": parent_ref})
        flatten(item.get("replies", []), ref, out)
    return out


def post_all(thread, published_at, items, readers, now):
    """Post comments in time order through the services, then date them as written."""
    ids = {}
    likers = list(readers.values())
    for item in sorted(items, key=lambda i: (i["minutes_after"], i["ref"])):
        author = readers[item["by"]]
        comment = services.comment_create(
            thread_id=thread.pk,
            author=author,
            body=item["body"],
            parent_id=ids.get(item["parent"]),
        )
        ids[item["ref"]] = comment.pk
        written = min(published_at + timedelta(minutes=item["minutes_after"]), now)
        Comment.objects.filter(pk=comment.pk).update(created_at=written)
        fans = [u for u in likers if u.pk != author.pk][: min(item.get("likes", 0), 12)]
        for fan in fans:
            services.comment_like(comment_id=comment.pk, user=fan)
    return len(ids)


def load(*, articles: dict, password: str | None = None, stdout=None) -> str | None:
    """Seed every article's thread once; returns the reader password when it created them."""
    if Comment.objects.exists():
        return None
    password = password or secrets.token_urlsafe(9)
    now = timezone.now()
    # The demo posts hundreds of comments at once; the per-reader rate limit is for people.
    with override_settings(PARLEY_COMMENT_RATE_BURST=0), transaction.atomic():
        readers = ensure_readers(password)
        for slug, tree in demo_content.THREADS.items():
            article = articles.get(slug)
            thread = selectors.thread_for_page(article.pk) if article else None
            if thread is None:
                continue
            count = post_all(thread, article.first_published_at, flatten(tree), readers, now)
            if slug == LONG_THREAD_ARTICLE:
                count += post_all(
                    thread,
                    article.first_published_at,
                    demo_content.long_thread(LONG_THREAD_SIZE),
                    readers,
                    now,
                )
            if stdout:
                stdout.write(f"  {count:5} comments: {article.title}")
    return password
