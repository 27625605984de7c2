"""The one chokepoint for who may moderate: staff holding moderation.moderate_comments."""

PERMISSION = "moderation.moderate_comments"


def can_moderate(user) -> bool:
    """Whether this person may see the queues and act on comments and commenters."""
    return bool(
        user is not None and user.is_authenticated and user.is_active and user.has_perm(PERMISSION)
    )
