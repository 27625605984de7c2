"""Plain HTML form posts, so the discussion works without JavaScript.

Each view parses the form, calls one service and maps a refusal (DiscussionError) to a
message shown on the page it sends the reader back to.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from parley.discussion import selectors, services
from parley.discussion.errors import DiscussionError


def safe_next(request, target: str, fallback: str) -> str:
    """The page to return to, if it is on this site; the fallback otherwise."""
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return fallback
    return target


def back(request, fallback: str, comment_id: int | None = None) -> HttpResponseRedirect:
    """Return to the page the form was on, at the comment when there is one."""
    target = safe_next(request, request.POST.get("next", ""), fallback)
    target = target.split("#")[0]
    if comment_id:
        base = target.split("?")[0]
        target = f"{base}?comment={comment_id}#comment-{comment_id}"
    else:
        target += "#discussion"
    return HttpResponseRedirect(target)


def at_comment(request, fallback: str, comment_id: int) -> HttpResponseRedirect:
    """Return to the same page (same sort and page of comments), scrolled to the comment."""
    target = safe_next(request, request.POST.get("next", ""), fallback)
    return HttpResponseRedirect(f"{target.split('#')[0]}#comment-{comment_id}")


@require_POST
@login_required
def post_comment(request, thread_id):
    """Post a comment or reply from the plain form."""
    thread = selectors.thread_by_id(thread_id)
    parent = request.POST.get("parent_id") or None
    try:
        comment = services.comment_create(
            thread_id=thread.pk,
            author=request.user,
            body=request.POST.get("body", ""),
            parent_id=int(parent) if parent and parent.isdigit() else None,
            client_ip=request.META.get("REMOTE_ADDR"),
        )
    except DiscussionError as exc:
        messages.error(request, exc.message)
        return back(request, thread.url)
    if comment.status == "held":
        messages.info(request, comment.status_reason or "Your comment is waiting for review.")
    return back(request, thread.url, comment.pk)


@require_POST
@login_required
def like_comment(request, comment_id):
    """Like a comment, or take the like back, from the plain form."""
    try:
        services.comment_like(comment_id=comment_id, user=request.user)
    except DiscussionError as exc:
        messages.error(request, exc.message)
    return at_comment(request, "/", comment_id)


def own_comment_or_none(request, comment_id):
    """The reader's own comment for an edit or delete page; None (with a message) if not theirs."""
    try:
        return services.own_comment(comment_id, request.user)
    except DiscussionError as exc:
        messages.error(request, exc.message)
        return None


@require_http_methods(["GET", "POST"])
@login_required
def edit_comment(request, comment_id):
    """The edit form of one's own comment (GET), and saving it (POST)."""
    next_url = safe_next(request, request.POST.get("next") or request.GET.get("next", ""), "/")
    if request.method == "POST":
        body = request.POST.get("body", "")
        try:
            services.comment_edit(comment_id=comment_id, editor=request.user, body=body)
        except DiscussionError as exc:
            # Keep what the reader wrote: they fix it here instead of typing it again.
            context = {"comment_id": comment_id, "body": body, "next_url": next_url}
            return render(
                request,
                "discussion/edit.html",
                {**context, "error": exc.message},
                status=exc.status,
            )
        return back(request, "/", comment_id)
    comment = own_comment_or_none(request, comment_id)
    if comment is None:
        return HttpResponseRedirect(next_url.split("#")[0] + "#discussion")
    return render(
        request,
        "discussion/edit.html",
        {
            "comment_id": comment.pk,
            "body": comment.body_md,
            "created_at": comment.created_at,
            "next_url": next_url,
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def delete_comment(request, comment_id):
    """Ask before deleting one's own comment (GET), then delete it (POST)."""
    if request.method == "POST":
        try:
            services.comment_delete(comment_id=comment_id, actor=request.user)
        except DiscussionError as exc:
            messages.error(request, exc.message)
            return back(request, "/")
        messages.success(request, "Your comment was deleted.")
        return back(request, "/")
    next_url = safe_next(request, request.GET.get("next", ""), "/")
    comment = own_comment_or_none(request, comment_id)
    if comment is None:
        return HttpResponseRedirect(next_url.split("#")[0] + "#discussion")
    return render(
        request,
        "discussion/delete.html",
        {"comment_id": comment.pk, "html": comment.body_html, "next_url": next_url},
    )
