"""Plain HTML form posts, so the discussion works without JavaScript."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from parley.discussion import selectors, services
from parley.discussion.errors import DiscussionError


def back(request, fallback: str, comment_id: int | None = None) -> HttpResponseRedirect:
    """Return to the page the form was on, at the comment when there is one."""
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = fallback
    target = target.split("#")[0]
    if comment_id:
        base = target.split("?")[0]
        target = f"{base}?comment={comment_id}#comment-{comment_id}"
    else:
        target += "#discussion"
    return HttpResponseRedirect(target)


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
        )
    except DiscussionError as exc:
        messages.error(request, exc.message)
        return back(request, thread.url)
    if comment.status != "published":
        messages.info(request, comment.status_reason or "Your comment is waiting for review.")
    return back(request, thread.url, comment.pk)
