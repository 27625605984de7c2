"""New commenters: an account's first few comments wait for a moderator (off by default)."""

from django.conf import settings

from parley.moderation.screening import HOLD, Decision, Draft

NAME = "newcomer"


def screen(draft: Draft) -> Decision | None:
    from parley.discussion.models import Comment

    first = settings.PARLEY_MODERATION_NEW_COMMENTER_HOLD
    if first <= 0 or draft.is_edit:
        return None
    earlier = Comment.objects.filter(author=draft.author).exclude(pk=draft.comment_id)[:first]
    if len(earlier) >= first:
        return None
    return Decision(
        HOLD,
        NAME,
        "A new member's first comments are checked by a moderator before they appear.",
        code="new_commenter",
    )
