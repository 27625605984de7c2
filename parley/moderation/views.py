"""The moderators' workspace in Wagtail's admin, and the readers' no-JavaScript forms.

Every workspace view checks moderation.permissions first (Wagtail's admin access alone is not
enough: editors have it too); each parses the request, calls one service or selector.
"""

import csv
from datetime import timedelta
from functools import wraps

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import (
    Http404,
    HttpResponseForbidden,
    HttpResponseRedirect,
    StreamingHttpResponse,
)
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from parley.discussion.errors import DiscussionError
from parley.moderation import selectors, services
from parley.moderation.models import AuditEntry, Report
from parley.moderation.permissions import can_moderate

PAGE_SIZE = 25
COMMENT_ACTIONS = {"approve", "reject", "hold", "feature", "unfeature"}
SUSPENSIONS = [(1, "1 hour"), (24, "1 day"), (72, "3 days"), (168, "1 week"), (720, "30 days")]


def back_to(request, fallback: str) -> HttpResponseRedirect:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = fallback
    return HttpResponseRedirect(target)


def moderators_only(view):
    """403 for anyone without the moderation permission (editors have admin access too).

    Wagtail's admin turns PermissionDenied into a redirect to its dashboard; the workspace
    answers a plain 403 so a refused request is unmistakable."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not can_moderate(request.user):
            return HttpResponseForbidden("Only moderators can do that.")
        return view(request, *args, **kwargs)

    return wrapped


def int_or_none(value) -> int | None:
    return int(value) if value and str(value).isdigit() else None


# Workspace -------------------------------------------------------------------------------


@moderators_only
def dashboard(request):
    """Queue sizes, median time to decision, decisions per moderator, volume per hour."""
    data = selectors.dashboard()
    bars = []
    top = data["volume_max"] or 1
    for index, (hour, count) in enumerate(data["volume"]):
        height = round(100 * count / top)
        bars.append({"x": index * 4, "y": 100 - height, "height": height, "hour": hour, "n": count})
    median = data["median_wait"]
    return render(
        request,
        "moderation/admin/dashboard.html",
        {
            **data,
            "queues": [(key, label, data["sizes"][key]) for key, label in selectors.QUEUES.items()],
            "bars": bars,
            "median_minutes": round(median / 60, 1) if median is not None else None,
        },
    )


@moderators_only
def queue(request, name):
    """One queue: each comment with its parent, article and author's history."""
    if name not in selectors.QUEUES:
        raise Http404("No such queue.")
    page = max(int_or_none(request.GET.get("page")) or 1, 1)
    filters = {
        "thread_id": int_or_none(request.GET.get("article")),
        "section_id": int_or_none(request.GET.get("section")),
        "author": request.GET.get("author", "").strip(),
        "reason": request.GET.get("reason", "").strip(),
        "order": "oldest" if request.GET.get("order") == "oldest" else "newest",
    }
    comments = selectors.queue_comments(
        queue=name, **filters, limit=PAGE_SIZE + 1, offset=(page - 1) * PAGE_SIZE
    )
    has_next = len(comments) > PAGE_SIZE
    comments = comments[:PAGE_SIZE]
    histories = selectors.author_histories({c.author_id for c in comments if c.author_id})
    for comment in comments:
        comment.history = histories.get(comment.author_id)
    from parley.newsroom.models import SectionPage

    return render(
        request,
        "moderation/admin/queue.html",
        {
            "queue": name,
            "queues": [
                (key, label, size)
                for (key, label), size in zip(
                    selectors.QUEUES.items(), selectors.queue_sizes().values(), strict=True
                )
            ],
            "comments": comments,
            "filters": filters,
            "sections": SectionPage.objects.order_by("title").only("id", "title"),
            "page": page,
            "has_next": has_next,
            "here": request.get_full_path(),
            "suspensions": SUSPENSIONS,
        },
    )


@moderators_only
@require_POST
def comment_action(request, comment_id, action):
    """Approve, reject (with a reason), hold, feature or unfeature one comment."""
    if action not in COMMENT_ACTIONS:
        raise Http404("No such action.")
    try:
        services.comment_decide(
            comment_id=comment_id,
            action=action,
            actor=request.user,
            reason=request.POST.get("reason", ""),
        )
    except DiscussionError as exc:
        messages.error(request, exc.message)
    return back_to(request, reverse("moderation_admin:queue", args=["pending"]))


@moderators_only
@require_POST
def bulk_action(request):
    """The same decision on every selected comment."""
    action = request.POST.get("action", "")
    if action not in COMMENT_ACTIONS:
        messages.error(request, "Choose an action for the selected comments.")
        return back_to(request, reverse("moderation_admin:queue", args=["pending"]))
    ids = [int(i) for i in request.POST.getlist("ids") if i.isdigit()]
    done = services.comments_decide(
        comment_ids=ids, action=action, actor=request.user, reason=request.POST.get("reason", "")
    )
    messages.success(request, f"{action.capitalize()}: {done} of {len(ids)} comments.")
    return back_to(request, reverse("moderation_admin:queue", args=["pending"]))


@moderators_only
def user_detail(request, user_id):
    """A commenter's history: account, comments, decisions, warnings, notes."""
    history = selectors.author_history(user_id)
    if history is None:
        raise Http404("No such account.")
    return render(
        request,
        "moderation/admin/user.html",
        {"history": history, "subject": history["user"], "suspensions": SUSPENSIONS},
    )


@moderators_only
@require_POST
def user_action(request, user_id, action):
    """Ban, suspend, pre-moderate, shadow-ban, warn, note, or remove all comments."""
    user = get_object_or_404(get_user_model(), pk=user_id)
    actor, reason = request.user, request.POST.get("reason", "").strip()
    try:
        if action in ("ban", "unban"):
            services.user_ban(user=user, actor=actor, reason=reason, banned=action == "ban")
        elif action == "suspend":
            hours = int_or_none(request.POST.get("hours")) or 24
            until = timezone.now() + timedelta(hours=hours)
            services.user_suspend(user=user, actor=actor, until=until, reason=reason)
        elif action == "unsuspend":
            services.user_suspend(user=user, actor=actor, until=None, reason=reason)
        elif action in ("premoderate", "unpremoderate"):
            services.user_premoderate(
                user=user, actor=actor, on=action == "premoderate", reason=reason
            )
        elif action in ("shadow_ban", "unshadow_ban"):
            services.user_shadow_ban(
                user=user, actor=actor, on=action == "shadow_ban", reason=reason
            )
        elif action == "warn":
            services.user_warn(user=user, actor=actor, text=request.POST.get("text", "") or reason)
        elif action == "remove_comments":
            removed = services.user_comments_remove(user=user, actor=actor, reason=reason)
            messages.success(request, f"{removed} comments removed.")
        elif action == "note":
            services.note_add(subject=user, author=actor, body=request.POST.get("body", ""))
        else:
            raise Http404("No such action.")
    except DiscussionError as exc:
        messages.error(request, exc.message)
    else:
        if action != "remove_comments":
            messages.success(request, "Done.")
    return back_to(request, reverse("moderation_admin:user", args=[user_id]))


@moderators_only
def audit_log(request):
    """The audit log, filterable, and as CSV with ?format=csv."""
    filters = {
        "action": request.GET.get("action", ""),
        "actor": request.GET.get("actor", "").strip(),
        "subject": request.GET.get("subject", "").strip(),
        "since": parse_date(request.GET.get("since", "") or "") or None,
        "until": parse_date(request.GET.get("until", "") or "") or None,
    }
    rows = selectors.audit_entries(**filters)
    if request.GET.get("format") == "csv":
        return audit_csv(rows)
    page = max(int_or_none(request.GET.get("page")) or 1, 1)
    entries = list(rows.select_related("comment__thread")[(page - 1) * 50 : page * 50 + 1])
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "moderation/admin/audit.html",
        {
            "entries": entries[:50],
            "has_next": len(entries) > 50,
            "page": page,
            "filters": filters,
            "actions": AuditEntry.Action.choices,
            "query": query.urlencode(),
        },
    )


class Echo:
    def write(self, value):
        return value


def audit_csv(rows) -> StreamingHttpResponse:
    """The filtered audit log as CSV, streamed."""
    writer = csv.writer(Echo())
    header = ["time", "actor", "action", "phase", "code", "reason", "comment", "subject"]

    def lines():
        yield writer.writerow(header)
        for e in rows.iterator():
            yield writer.writerow(
                [
                    e.created_at.isoformat(),
                    e.actor_name or "screening",
                    e.action,
                    e.phase,
                    e.code,
                    e.reason,
                    e.comment_id or "",
                    e.subject_name,
                ]
            )

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="moderation-audit.csv"'
    return response


# Readers ---------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def report_comment(request, comment_id):
    """The report form without JavaScript (GET), and sending it (POST)."""
    next_url = request.POST.get("next") or request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        next_url = "/"
    if request.method == "POST":
        try:
            services.report_create(
                comment_id=comment_id,
                reporter=request.user,
                reason=request.POST.get("reason", ""),
                text=request.POST.get("text", ""),
            )
        except DiscussionError as exc:
            return render(
                request,
                "moderation/report.html",
                {
                    "comment_id": comment_id,
                    "reasons": Report.Reason.choices,
                    "next_url": next_url,
                    "error": exc.message,
                },
                status=exc.status,
            )
        messages.success(request, "Thank you: the moderators will look at this comment.")
        base = next_url.split("#")[0]
        return HttpResponseRedirect(f"{base}#comment-{comment_id}")
    return render(
        request,
        "moderation/report.html",
        {"comment_id": comment_id, "reasons": Report.Reason.choices, "next_url": next_url},
    )


@require_http_methods(["GET", "POST"])
@login_required
def warning(request):
    """A moderator's pending warning, and acknowledging it, without JavaScript."""
    if request.method == "POST":
        services.warning_acknowledge(user=request.user)
        messages.success(request, "Thank you. You can comment again.")
        return back_to(request, "/")
    pending = services.pending_warning(user=request.user)
    return render(
        request,
        "moderation/warning.html",
        {"warning": pending, "next_url": request.GET.get("next", "/")},
    )
