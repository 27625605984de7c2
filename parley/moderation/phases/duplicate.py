"""The same words again: one author repeating themselves, or one text posted in many threads."""

from datetime import timedelta

from django.conf import settings

from parley.moderation.normalise import comparable
from parley.moderation.screening import HOLD, REJECT, Decision, Draft

NAME = "duplicate"
# Short answers ("Agreed.", "+1") are said by many people and are not a flood.
FLOOD_MIN_LENGTH = 20


def screen(draft: Draft) -> Decision | None:
    from parley.discussion.models import Comment

    window = settings.PARLEY_MODERATION_DUPLICATE_SECONDS
    if window <= 0:
        return None
    text = comparable(draft.body_md)
    if not text:
        return None
    since = draft.now - timedelta(seconds=window)
    own = (
        Comment.objects.filter(author=draft.author, created_at__gte=since)
        .exclude(pk=draft.comment_id)
        .exclude(status=Comment.Status.DELETED)
        .values_list("body_md", flat=True)[:200]
    )
    if any(comparable(body) == text for body in own):
        return Decision(
            REJECT,
            NAME,
            "You posted this same comment a few minutes ago; please don't repeat it.",
            code="duplicate",
        )
    many = settings.PARLEY_MODERATION_FLOOD_THREADS
    if many > 0 and len(text) >= FLOOD_MIN_LENGTH:
        threads = (
            Comment.objects.filter(created_at__gte=since, body_md=draft.body_md)
            .exclude(thread=draft.thread)
            .values("thread_id")
            .distinct()[:many]
        )
        if len(threads) >= many:
            return Decision(
                HOLD,
                NAME,
                "The same text was just posted in many discussions, so a moderator will "
                "look at it first.",
                code="flood",
            )
    return None
