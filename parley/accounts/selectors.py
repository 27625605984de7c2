"""Read paths for accounts: what other apps may show about a person."""

import hashlib

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import reverse

from parley.accounts import avatars


def display_name(user) -> str:
    """The name shown beside a person's comments ("deleted user" once the account is gone)."""
    if user is None:
        return "deleted user"
    return getattr(user, "display_name", "") or user.get_username()


def avatar_hue(seed) -> int:
    """A colour (degrees) derived from the account, the same for its initials and identicon."""
    digest = hashlib.blake2b(str(seed).encode(), digest_size=2).digest()
    return int.from_bytes(digest, "big") % 360


def avatar_url(user) -> str:
    """The person's picture: their upload, or their identicon; "" once the account is gone."""
    if user is None or getattr(user, "pk", None) is None:
        return ""
    upload = getattr(user, "avatar", None)
    if upload:
        return upload.url
    path = reverse("accounts:avatar", kwargs={"username": user.get_username()})
    return f"{path}?v={avatars.identicon_version(user.pk)}"


def avatar(user) -> dict:
    """Initials and a colour derived from the account, and the URL of its picture."""
    name = display_name(user)
    return {
        "initial": (name[:1] or "?").upper(),
        "hue": avatar_hue(getattr(user, "pk", name)),
        "url": avatar_url(user),
    }


def is_moderator(user) -> bool:
    """Staff who may see held comments and edit histories."""
    return bool(
        user is not None
        and user.is_authenticated
        and (user.is_superuser or user.groups.filter(name="Moderator").exists())
    )


def user_by_username(username: str):
    """The active account with this username, or None."""
    return get_user_model().objects.filter(username=username, is_active=True).first()


def name_taken(key: str, *, exclude_user_id: int | None = None) -> bool:
    """Whether another account uses this name key, as its username or its display name."""
    others = get_user_model().objects.filter(Q(username_key=key) | Q(name_key=key))
    if exclude_user_id is not None:
        others = others.exclude(pk=exclude_user_id)
    return others.exists()


def profile(user) -> dict:
    """What the public profile page shows about a person (not their email or account state)."""
    return {
        "username": user.get_username(),
        "name": display_name(user),
        "bio": user.bio,
        "member_since": user.date_joined,
        **avatar(user),
    }
