"""The one chokepoint for who may moderate: staff holding moderation.moderate_comments."""

from django.core.exceptions import PermissionDenied

PERMISSION = "moderation.moderate_comments"


def can_moderate(user) -> bool:
    """Whether this person may see the queues and act on comments and commenters."""
    return bool(
        user is not None and user.is_authenticated and user.is_active and user.has_perm(PERMISSION)
    )


def require_moderator(user) -> None:
    if not can_moderate(user):
        raise PermissionDenied("Only moderators can do that.")
