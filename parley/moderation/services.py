"""Write paths of moderation: screening, decisions on comments, commenters' state, reports.

Every decision and every change of a person's state writes an AuditEntry in the same
transaction as the change itself, so the log cannot miss one. The exception is the decision
of the screening pipeline on a new comment: it is recorded right after the comment's own
transaction (discussion.services), because that transaction belongs to the discussion.
"""

import logging
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone

from parley.accounts import selectors as accounts_selectors
from parley.accounts import services as accounts
from parley.discussion import services as discussion
from parley.discussion.errors import Conflict, DiscussionError, NotAllowed, NotFound, RateLimited
from parley.discussion.models import Comment
from parley.moderation import screening
from parley.moderation.models import AuditEntry, ModeratorNote, ModeratorWarning, Report
from parley.moderation.phases import PHASES
from parley.moderation.phases.rate import take
from parley.moderation.screening import Decision, Draft

log = logging.getLogger(__name__)
Action = AuditEntry.Action
Status = Comment.Status
STATUS_OF_ACTION = {
    screening.PUBLISH: Status.PUBLISHED,
    screening.HOLD: Status.HELD,
    screening.SHADOW: Status.SHADOW,
}
SECTION_CACHE_SECONDS = 600


# Screening -------------------------------------------------------------------------------


def section_of(thread) -> int | None:
    """The id of the section an article's thread belongs to (cached), or None."""
    if not thread.page_id:
        return None
    key = f"moderation:section-of:{thread.page_id}"
    section_id = cache.get(key)
    if section_id is None:
        from wagtail.models import Page

        page = Page.objects.filter(pk=thread.page_id).only("path", "depth").first()
        parent = page.get_parent() if page is not None and page.depth > 1 else None
        section_id = parent.pk if parent is not None else 0
        cache.set(key, section_id, timeout=SECTION_CACHE_SECONDS)
    return section_id or None


def comment_screen(
    *,
    author,
    thread,
    body_md: str,
    body_html: str,
    parent=None,
    client_ip: str | None = None,
    comment: Comment | None = None,
    now: datetime | None = None,
) -> Decision:
    """Run the screening phases on a new comment (or on an edit, when `comment` is given)."""
    draft = Draft(
        author=author,
        thread=thread,
        body_md=body_md,
        body_html=body_html,
        parent=parent,
        client_ip=client_ip,
        is_edit=comment is not None,
        comment_id=comment.pk if comment is not None else None,
        previous_body=comment.body_md if comment is not None else "",
        section_id=section_of(thread),
        now=now or timezone.now(),
    )
    return screening.run(draft, PHASES)


def thread_refusal(*, thread, now: datetime, is_edit: bool = False) -> Decision | None:
    """The thread phase's refusal (hidden, closed), for a re-check under the thread's lock."""
    from parley.moderation.phases import thread as thread_phase

    return thread_phase.shut(thread, now=now, is_edit=is_edit)


def status_for(decision: Decision) -> str:
    """The comment status a decision that lets a comment in stands for."""
    return STATUS_OF_ACTION[decision.action]


def decision_record(*, comment: Comment, decision: Decision) -> AuditEntry:
    """Log the pipeline's decision on a comment it let in (published, held or shadowed)."""
    return audit(
        action=decision.action,
        actor=None,
        comment=comment,
        subject=comment.author,
        phase=decision.phase,
        code=decision.code,
        reason=decision.reason,
        details=decision.details,
    )


def audit(
    *,
    action: str,
    actor=None,
    comment: Comment | None = None,
    subject=None,
    phase: str = "",
    code: str = "",
    reason: str = "",
    details: dict | None = None,
) -> AuditEntry:
    """Append one entry to the audit log."""
    return AuditEntry.objects.create(
        action=action,
        actor=actor if actor is not None and actor.pk else None,
        actor_name=accounts_selectors.display_name(actor) if actor is not None else "",
        comment=comment,
        submitted_at=comment.created_at if comment is not None else None,
        subject=subject,
        subject_name=subject.get_username() if subject is not None else "",
        phase=phase,
        code=code,
        reason=reason,
        details=details or {},
    )


def standards_url() -> str | None:
    """The community standards page, linked from every reason an author reads."""
    from parley.newsroom.selectors import community_standards_url

    return community_standards_url()


# Decisions on comments -------------------------------------------------------------------

COMMENT_ACTIONS = {
    Action.APPROVE: Status.PUBLISHED,
    Action.REJECT: Status.REJECTED,
    Action.HOLD: Status.HELD,
}
DEFAULT_REASONS = {
    Action.REJECT: "A moderator removed this comment because it broke our community standards.",
    Action.HOLD: "A moderator will review this comment.",
    Action.APPROVE: "",
}


def comment_decide(*, comment_id: int, action: str, actor, reason: str = "") -> Comment:
    """A moderator's decision on one comment: approve, reject, hold, feature or unfeature."""
    with transaction.atomic():
        if action in (Action.FEATURE, Action.UNFEATURE):
            comment = discussion.comment_feature(
                comment_id=comment_id, featured=action == Action.FEATURE, actor=actor
            )
        elif action in COMMENT_ACTIONS:
            reason = reason.strip() or DEFAULT_REASONS[action]
            comment = discussion.comment_moderate(
                comment_id=comment_id,
                status=COMMENT_ACTIONS[action],
                reason=reason[:300],
                actor=actor,
            )
            Report.objects.filter(comment_id=comment_id, resolved_at=None).update(
                resolved_at=timezone.now()
            )
        else:
            raise DiscussionError("Not a moderation action.", code="bad_action")
        audit(action=action, actor=actor, comment=comment, subject=comment.author, reason=reason)
    return comment


def comments_decide(*, comment_ids: list[int], action: str, actor, reason: str = "") -> int:
    """The same decision on many comments (bulk actions); returns how many it applied to."""
    done = 0
    for comment_id in comment_ids:
        try:
            comment_decide(comment_id=comment_id, action=action, actor=actor, reason=reason)
        except DiscussionError as exc:
            log.info("bulk %s skipped comment %s: %s", action, comment_id, exc.message)
            continue
        done += 1
    return done


# Commenters ------------------------------------------------------------------------------


def user_state_change(*, user, actor, action: str, reason: str = "", **state) -> None:
    """Change a commenter's state through accounts and log it, in one transaction."""
    with transaction.atomic():
        accounts.commenting_state_set(user=user, **state)
        details = {k: (v.isoformat() if isinstance(v, datetime) else v) for k, v in state.items()}
        audit(action=action, actor=actor, subject=user, reason=reason, details=details)


def user_ban(*, user, actor, reason: str = "", banned: bool = True) -> None:
    """Ban a commenter (or lift the ban)."""
    action = Action.BAN if banned else Action.UNBAN
    user_state_change(user=user, actor=actor, action=action, reason=reason, banned=banned)


def user_suspend(*, user, actor, until: datetime | None, reason: str = "") -> None:
    """Suspend a commenter until a moment (None lifts the suspension)."""
    action = Action.SUSPEND if until else Action.UNSUSPEND
    user_state_change(user=user, actor=actor, action=action, reason=reason, suspended_until=until)


def user_premoderate(*, user, actor, on: bool = True, reason: str = "") -> None:
    """Hold every comment of this commenter for review (or stop)."""
    action = Action.PREMODERATE if on else Action.UNPREMODERATE
    user_state_change(user=user, actor=actor, action=action, reason=reason, always_premoderate=on)


def user_shadow_ban(*, user, actor, on: bool = True, reason: str = "") -> None:
    """Show this commenter's new comments to them alone (or stop)."""
    action = Action.SHADOW_BAN if on else Action.UNSHADOW_BAN
    user_state_change(user=user, actor=actor, action=action, reason=reason, shadow_banned=on)


def user_warn(*, user, actor, text: str) -> ModeratorWarning:
    """Send a warning the commenter must acknowledge before they comment again."""
    text = text.strip()
    if not text:
        raise DiscussionError("Write the warning the commenter will read.", code="empty")
    with transaction.atomic():
        warning = ModeratorWarning.objects.create(user=user, text=text[:1000], created_by=actor)
        audit(action=Action.WARN, actor=actor, subject=user, reason=text)
        warning_changed(user.pk)
    return warning


def warning_changed(user_id: int) -> None:
    """Drop the screening's cached answer for this commenter, now and after the commit."""
    from parley.moderation.phases.author import warning_key

    cache.delete(warning_key(user_id))
    # Again after the commit: a screening between the two may have cached the old answer.
    transaction.on_commit(lambda: cache.delete(warning_key(user_id)))


def warning_acknowledge(*, user) -> int:
    """The commenter read their pending warnings; returns how many."""
    if user is None or not user.is_authenticated:
        raise discussion.NotSignedIn("Please sign in to do that.")
    with transaction.atomic():
        done = ModeratorWarning.objects.filter(user=user, acknowledged_at=None).update(
            acknowledged_at=timezone.now()
        )
        if done:
            audit(action=Action.WARNING_ACKNOWLEDGED, actor=user, subject=user)
            warning_changed(user.pk)
    return done


def pending_warning(*, user) -> ModeratorWarning | None:
    if user is None or not user.is_authenticated:
        return None
    return ModeratorWarning.objects.filter(user=user, acknowledged_at=None).first()


def user_comments_remove(*, user, actor, reason: str = "") -> int:
    """Remove every comment a commenter wrote; returns how many."""
    with transaction.atomic():
        removed = discussion.comments_of_author_remove(user_id=user.pk)
        audit(
            action=Action.REMOVE_ALL,
            actor=actor,
            subject=user,
            reason=reason,
            details={"removed": removed},
        )
    return removed


def note_add(*, subject, author, body: str) -> ModeratorNote:
    """Leave a note about a commenter for the other moderators."""
    body = body.strip()
    if not body:
        raise DiscussionError("The note is empty.", code="empty")
    with transaction.atomic():
        note = ModeratorNote.objects.create(subject=subject, author=author, body=body[:2000])
        audit(action=Action.NOTE, actor=author, subject=subject, reason=body[:2000])
    return note


# Reader reports --------------------------------------------------------------------------


def report_create(*, comment_id: int, reporter, reason: str, text: str = "") -> Report:
    """A reader reports a comment; enough reports hold it for a moderator."""
    discussion.require_author(reporter)
    if reason not in Report.Reason.values:
        raise DiscussionError(
            "Choose why you are reporting: spam, abuse, off topic or something else.",
            code="bad_reason",
        )
    comment = Comment.objects.filter(pk=comment_id, status=Status.PUBLISHED).first()
    if comment is None:
        raise NotFound("This comment does not exist or was deleted.")
    if comment.author_id == reporter.pk:
        raise NotAllowed("You cannot report your own comment.", code="own_comment")
    wait = take(
        f"rate:report:{reporter.pk}",
        burst=settings.PARLEY_REPORT_RATE_BURST,
        interval=settings.PARLEY_REPORT_RATE_SECONDS,
        now=timezone.now().timestamp(),
    )
    if wait:
        raise RateLimited(
            f"You are reporting faster than we allow. Please wait {wait} seconds.",
            retry_after=wait,
        )
    try:
        with transaction.atomic():
            report = Report.objects.create(
                comment=comment, reporter=reporter, reason=reason, text=text.strip()[:500]
            )
    except IntegrityError:
        raise Conflict("You have already reported this comment.", code="already_reported") from None
    threshold = settings.PARLEY_REPORTS_TO_HOLD
    if threshold > 0:
        open_reports = Report.objects.filter(comment=comment, resolved_at=None).count()
        if open_reports >= threshold:
            report_hold(comment=comment, reports=open_reports)
    return report


def report_hold(*, comment: Comment, reports: int) -> None:
    """Hold a comment readers reported often enough, unless a moderator already approved it."""
    approved = AuditEntry.objects.filter(
        comment=comment, action=Action.APPROVE, created_at__gt=comment.created_at
    ).exists()
    if approved:
        return
    reason = "Readers reported this comment; a moderator will review it."
    with transaction.atomic():
        try:
            discussion.comment_moderate(
                comment_id=comment.pk, status=Status.HELD, reason=reason, actor=None
            )
        except DiscussionError:
            return
        audit(
            action=Action.REPORT_HOLD,
            comment=comment,
            subject=comment.author,
            phase="reports",
            code="reported",
            reason=reason,
            details={"reports": reports},
        )
