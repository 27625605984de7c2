"""Where it is written: hidden, closed or pre-moderated discussions (article or section)."""

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


def screen(draft: Draft) -> Decision | None:
    from parley.discussion.models import Thread

    thread = draft.thread
    refusal = shut(thread, now=draft.now, is_edit=draft.is_edit)
    if refusal is not None:
        return refusal
    if thread.mode == Thread.Mode.PREMODERATED:
        return Decision(HOLD, NAME, PREMODERATED_REASON, code="premoderated_thread")
    if draft.section_id and draft.section_id in lists.current().premoderated_sections:
        return Decision(HOLD, NAME, PREMODERATED_REASON, code="premoderated_section")
    return None
