"""Read paths of moderation: the queues, a commenter's history, the dashboard, the audit log."""

import statistics
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import TruncHour
from django.utils import timezone

from parley.discussion.models import Comment
from parley.moderation.models import AuditEntry, ModeratorNote, ModeratorWarning, Report

Status = Comment.Status
Action = AuditEntry.Action
QUEUES = {
    "pending": "Pending",
    "reported": "Reported",
    "unmoderated": "Unmoderated",
    "approved": "Approved",
    "rejected": "Rejected",
}
MODERATOR_DECISIONS = [Action.APPROVE, Action.REJECT, Action.HOLD]


def open_reports():
    return Report.objects.filter(comment=OuterRef("pk"), resolved_at=None)


def reviewed():
    return AuditEntry.objects.filter(comment=OuterRef("pk"), actor__isnull=False)


def queue_filter(queue: str) -> Q:
    """Which comments a queue holds."""
    if queue == "pending":
        return Q(status=Status.HELD)
    if queue == "reported":
        return Q(Exists(open_reports())) & ~Q(status=Status.DELETED)
    if queue == "unmoderated":
        return Q(status=Status.PUBLISHED) & ~Q(Exists(reviewed()))
    if queue == "approved":
        approved = AuditEntry.objects.filter(comment=OuterRef("pk"), action=Action.APPROVE)
        return Q(status=Status.PUBLISHED) & Q(Exists(approved))
    if queue == "rejected":
        return Q(status=Status.REJECTED)
    raise ValueError(queue)


def queue_comments(
    *,
    queue: str,
    thread_id: int | None = None,
    section_id: int | None = None,
    author: str = "",
    reason: str = "",
    order: str = "newest",
    limit: int = 50,
    offset: int = 0,
) -> list[Comment]:
    """A page of a queue's comments with their thread, author and parent, filtered."""
    rows = Comment.objects.filter(queue_filter(queue))
    if thread_id:
        rows = rows.filter(thread_id=thread_id)
    if section_id:
        from wagtail.models import Page

        section = Page.objects.filter(pk=section_id).first()
        rows = rows.filter(thread__page__path__startswith=section.path) if section else rows.none()
    if author:
        rows = rows.filter(author__username__iexact=author)
    if reason:
        rows = rows.filter(status_reason__icontains=reason)
    ordering = ("created_at", "id") if order == "oldest" else ("-created_at", "-id")
    rows = rows.select_related("thread", "author", "parent", "parent__author").order_by(*ordering)[
        offset : offset + limit
    ]
    comments = list(rows)
    reports = {}
    for row in Report.objects.filter(comment__in=[c.pk for c in comments], resolved_at=None).values(
        "comment_id", "reason", "text"
    ):
        reports.setdefault(row["comment_id"], []).append(row)
    for comment in comments:
        comment.reports = reports.get(comment.pk, [])
    return comments


def queue_sizes() -> dict[str, int]:
    """How many comments wait in each queue."""
    return {name: Comment.objects.filter(queue_filter(name)).count() for name in QUEUES}


def author_histories(user_ids: set[int]) -> dict[int, dict]:
    """For each author: account age, comments, rejection rate, decisions, notes, state."""
    users = get_user_model().objects.in_bulk(list(user_ids))
    totals = {
        row["author_id"]: row
        for row in Comment.objects.filter(author_id__in=user_ids)
        .values("author_id")
        .annotate(
            total=Count("pk"),
            rejected=Count("pk", filter=Q(status=Status.REJECTED)),
            held=Count("pk", filter=Q(status=Status.HELD)),
        )
    }
    now = timezone.now()
    out = {}
    for user_id, user in users.items():
        row = totals.get(user_id, {"total": 0, "rejected": 0, "held": 0})
        out[user_id] = {
            "user": user,
            "age_days": (now - user.date_joined).days,
            "comments": row["total"],
            "rejected": row["rejected"],
            "rejection_rate": round(100 * row["rejected"] / row["total"]) if row["total"] else 0,
            "decisions": list(
                AuditEntry.objects.filter(subject_id=user_id, actor__isnull=False)[:5]
            ),
            "notes": list(ModeratorNote.objects.filter(subject_id=user_id)[:3]),
            "suspended": bool(user.suspended_until and user.suspended_until > now),
        }
    return out


def author_history(user_id: int) -> dict | None:
    """One commenter's full history for their page in the workspace."""
    histories = author_histories({user_id})
    if user_id not in histories:
        return None
    history = histories[user_id]
    history["decisions"] = list(AuditEntry.objects.filter(subject_id=user_id)[:50])
    history["notes"] = list(ModeratorNote.objects.filter(subject_id=user_id))
    history["warnings"] = list(ModeratorWarning.objects.filter(user_id=user_id))
    return history


def audit_entries(*, action: str = "", actor: str = "", subject: str = "", since=None, until=None):
    """The audit log, newest first, filtered."""
    rows = AuditEntry.objects.all()
    if action:
        rows = rows.filter(action=action)
    if actor == "screening":
        rows = rows.filter(actor__isnull=True)
    elif actor:
        rows = rows.filter(actor_name__iexact=actor)
    if subject:
        rows = rows.filter(subject_name__iexact=subject)
    if since:
        rows = rows.filter(created_at__gte=since)
    if until:
        rows = rows.filter(created_at__lt=until)
    return rows.order_by("-created_at", "-id")


def dashboard(*, now=None) -> dict:
    """Queue sizes, time to a moderator's decision, decisions per moderator, hourly volume."""
    now = now or timezone.now()
    week_ago = now - timedelta(days=7)
    decided = AuditEntry.objects.filter(
        actor__isnull=False,
        action__in=MODERATOR_DECISIONS,
        submitted_at__isnull=False,
        created_at__gte=week_ago,
    ).values_list("created_at", "submitted_at")[:5000]
    waits = [(done - submitted).total_seconds() for done, submitted in decided]
    per_moderator = list(
        AuditEntry.objects.filter(actor__isnull=False, created_at__gte=week_ago)
        .exclude(action=Action.WARNING_ACKNOWLEDGED)
        .values("actor_name")
        .annotate(decisions=Count("pk"))
        .order_by("-decisions")
    )
    hourly = dict(
        Comment.objects.filter(created_at__gte=week_ago)
        .annotate(hour=TruncHour("created_at"))
        .values("hour")
        .annotate(n=Count("pk"))
        .values_list("hour", "n")
    )
    start = (now - timedelta(hours=167)).replace(minute=0, second=0, microsecond=0)
    hours = [start + timedelta(hours=h) for h in range(168)]
    volume = [(hour, hourly.get(hour, 0)) for hour in hours]
    return {
        "sizes": queue_sizes(),
        "median_wait": statistics.median(waits) if waits else None,
        "decided": len(waits),
        "per_moderator": per_moderator,
        "volume": volume,
        "volume_max": max((n for _, n in volume), default=0),
    }


def reports_by_reader(*, user_id: int) -> list[dict]:
    """The reports an account made, for its own data export."""
    return [
        {
            "comment_id": r.comment_id,
            "reason": r.reason,
            "text": r.text,
            "created_at": r.created_at,
        }
        for r in Report.objects.filter(reporter_id=user_id).order_by("created_at")
    ]
