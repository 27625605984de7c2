"""Where it is written: hidden, closed or pre-moderated discussions (article or section).

A section's policy (SectionPolicy) can pre-moderate, close, or close after N days every
discussion in it; an article's own mode and closing date apply as well.
"""

from datetime import timedelta

from parley.moderation import lists
from parley.moderation.screening import HOLD, REJECT, Decision, Draft

NAME = "thread"
PREMODERATED_REASON = "This article's comments are reviewed before they appear."


def shut(thread, *, now, is_edit: bool = False) -> Decision | None:
    """The refusal when the discussion is hidden, or closed to new comments."""
    from parley.discussion.models import Thread

    if thread.mode == Thread.Mode.HIDDEN:
        return Decision(
            REJECT,
            NAME,
            "Comments are not available on this article.",
            code="comments_hidden",
            http_status=403,
        )
    closed = thread.mode == Thread.Mode.CLOSED or (thread.closes_at and thread.closes_at <= now)
    if closed and not is_edit:
        return Decision(
            REJECT,
            NAME,
            "This discussion is closed to new comments.",
            code="comments_closed",
            http_status=403,
        )
    return None


def section_shut(draft: Draft, policy) -> bool:
    """Whether the article's section closes its discussion (now, or after N days)."""
    if draft.is_edit or not draft.section_id:
        return False
    if draft.section_id in policy.closed_sections:
        return True
    days = policy.close_after_days.get(draft.section_id)
    opened = draft.thread.created_at
    return days is not None and opened is not None and opened + timedelta(days=days) <= draft.now


def screen(draft: Draft) -> Decision | None:
    from parley.discussion.models import Thread

    thread = draft.thread
    refusal = shut(thread, now=draft.now, is_edit=draft.is_edit)
    if refusal is not None:
        return refusal
    policy = lists.current()
    if section_shut(draft, policy):
        return Decision(
            REJECT,
            NAME,
            "This discussion is closed to new comments.",
            code="comments_closed",
            http_status=403,
        )
    if thread.mode == Thread.Mode.PREMODERATED:
        return Decision(HOLD, NAME, PREMODERATED_REASON, code="premoderated_thread")
    if draft.section_id and draft.section_id in policy.premoderated_sections:
        return Decision(HOLD, NAME, PREMODERATED_REASON, code="premoderated_section")
    return None
