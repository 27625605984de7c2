"""Read paths for accounts: what other apps may show about a person."""

import hashlib


def display_name(user) -> str:
    """The name shown beside a person's comments ("deleted user" once the account is gone)."""
    if user is None:
        return "deleted user"
    return getattr(user, "display_name", "") or user.get_username()


def avatar(user) -> dict:
    """Initials and a colour derived from the account, until people upload their own."""
    name = display_name(user)
    seed = hashlib.blake2b(str(getattr(user, "pk", name)).encode(), digest_size=2).digest()
    hue = int.from_bytes(seed, "big") % 360
    return {"initial": (name[:1] or "?").upper(), "hue": hue}


def is_moderator(user) -> bool:
    """Staff who may see held comments and edit histories."""
    return bool(
        user is not None
        and user.is_authenticated
        and (user.is_superuser or user.groups.filter(name="Moderator").exists())
    )
