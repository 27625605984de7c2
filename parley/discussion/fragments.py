"""The server-rendered thread under an article, cached per thread version for anonymous readers.

The article around it is cached on its own; a new comment changes the thread's version, so
only this fragment is rendered again.
"""

from functools import partial

from django.conf import settings
from django.core.cache import cache
from django.middleware.csrf import get_token
from django.template.loader import render_to_string

from parley.accounts.social import sign_in_choices
from parley.core.release import release_id
from parley.discussion import selectors
from parley.discussion.errors import DiscussionError, NotFound
from parley.discussion.models import Thread


def thread_context(request, thread: Thread, *, standards_url: str | None) -> dict:
    """Everything the thread template needs for this reader."""
    viewer = selectors.Viewer.of(request.user)
    sort = request.GET.get("sort", "newest")
    if sort not in selectors.SORTS:
        sort = "newest"
    try:
        page = selectors.thread_comments_page(
            thread=thread, viewer=viewer, sort=sort, cursor=request.GET.get("cursor")
        )
    except DiscussionError:
        page = selectors.thread_comments_page(thread=thread, viewer=viewer, sort=sort)
    linked = None
    focus = request.GET.get("comment", "")
    if focus.isdigit():
        try:
            linked = selectors.comment_branch(comment_id=int(focus), viewer=viewer)
        except NotFound:
            linked = None
    return {
        "thread": page["thread"],
        "comments": page["comments"],
        "next_cursor": page["next_cursor"],
        "sort": sort,
        "sorts": [("newest", "Newest"), ("oldest", "Oldest"), ("liked", "Most liked")],
        "linked": linked,
        "viewer": viewer,
        "user": request.user,
        "standards_url": standards_url,
        "login_url": settings.LOGIN_URL,
        "next_url": request.get_full_path(),
        # A callable, so only the signed-out block (which calls it) pays for the lookup.
        "sign_in_choices": partial(
            sign_in_choices, next_url=f"{request.get_full_path()}#discussion"
        ),
        "csrf_token": get_token(request) if not viewer.anonymous else "",
        "max_length": settings.PARLEY_COMMENT_MAX_LENGTH,
        "visible_depth": settings.PARLEY_THREAD_VISIBLE_DEPTH,
    }


def thread_html(request, thread: Thread, *, standards_url: str | None) -> str:
    """The discussion section's HTML; anonymous readers share one copy per thread version."""
    shareable = (
        not request.user.is_authenticated
        and set(request.GET) <= {"sort"}
        and request.GET.get("sort", "newest") in selectors.SORTS
    )
    if not shareable:
        context = thread_context(request, thread, standards_url=standards_url)
        return render_to_string("discussion/thread.html", context, request=request)
    sort = request.GET.get("sort", "newest")
    key = f"thread:html:{release_id()}:{thread.pk}:{thread.version}:{sort}:{standards_url}"
    html = cache.get(key)
    if html is None:
        context = thread_context(request, thread, standards_url=standards_url)
        html = render_to_string("discussion/thread.html", context)
        cache.set(key, html, timeout=3600)
    return html
