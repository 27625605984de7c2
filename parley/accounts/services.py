"""Write paths for accounts: creating, describing, exporting and erasing an account."""

import logging
from importlib import import_module
from typing import Literal

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils import timezone

from parley.accounts import avatars, selectors
from parley.accounts.errors import AccountError
from parley.accounts.models import NAME_KEY_LENGTH
from parley.accounts.names import name_key
from parley.discussion import rendering
from parley.discussion import selectors as discussion_selectors
from parley.discussion import services as discussion

log = logging.getLogger(__name__)

BIO_MAX_LENGTH = 500
DISPLAY_NAME_MAX_LENGTH = 50
COMMENT_CHOICES = ("remove", "keep")
# Session stores whose sessions are rows sessions_end can find (the others expire alone).
DATABASE_SESSION_ENGINES = (
    "django.contrib.sessions.backends.db",
    "django.contrib.sessions.backends.cached_db",
)
# What people see in place of an erased account's name: nobody may take it.
RESERVED_KEYS = frozenset({name_key("deleted user")})


@transaction.atomic
def account_create(*, username: str, email: str, password: str, verified: bool = False):
    """Create an account with its primary email address (verified or waiting for it)."""
    user = get_user_model().objects.create_user(username=username, email=email, password=password)
    EmailAddress.objects.create(user=user, email=email, primary=True, verified=verified)
    return user


# Names and profile -----------------------------------------------------------------------


def name_check(name: str, *, user_id: int | None, field: str) -> str:
    """The name's key if nobody else (by username or display name) has one like it."""
    key = name_key(name)
    if len(key) > NAME_KEY_LENGTH:
        raise AccountError("That name is too long.", code="too_long", field=field)
    if key in RESERVED_KEYS or selectors.name_taken(key, exclude_user_id=user_id):
        raise AccountError(
            "That name is taken, or looks too much like someone else's. Please choose another.",
            code="name_taken",
            field=field,
        )
    return key


def display_name_validate(*, user, display_name: str) -> str:
    """The cleaned display name ("" to show the username), or AccountError saying why not."""
    if not display_name.strip():
        return ""
    try:
        name = rendering.clean_name(display_name, max_length=DISPLAY_NAME_MAX_LENGTH)
    except rendering.BodyError as exc:
        raise AccountError(exc.message, code=exc.code, field="display_name") from exc
    name_check(name, user_id=user.pk, field="display_name")
    return name


def bio_validate(bio: str) -> str:
    """The cleaned bio (plain text, line breaks kept), or AccountError if it is too long."""
    text = rendering.clean_text(bio)
    if len(text) > BIO_MAX_LENGTH:
        raise AccountError(
            f"The bio can be at most {BIO_MAX_LENGTH} characters; this one has {len(text):,}.",
            code="too_long",
            field="bio",
        )
    return text


def profile_update(*, user, display_name: str, bio: str):
    """Change the public display name and bio; cached threads then show the new name."""
    new_name = display_name_validate(user=user, display_name=display_name)
    new_bio = bio_validate(bio)
    old_name, old_bio = user.display_name, user.bio
    if (new_name, new_bio) == (old_name, old_bio):
        return user
    user.display_name, user.bio = new_name, new_bio
    try:
        with transaction.atomic():
            user.save(update_fields=["display_name", "bio"])
            if new_name != old_name:
                discussion.author_threads_refresh(user_id=user.pk)
    except IntegrityError:
        # Someone took a look-alike of the name between the check and the write.
        user.display_name, user.bio = old_name, old_bio
        raise AccountError(
            "That name is taken, or looks too much like someone else's. Please choose another.",
            code="name_taken",
            field="display_name",
        ) from None
    return user


# Avatar ----------------------------------------------------------------------------------


def avatar_set(*, user, upload):
    """Replace the avatar with a clean 256 x 256 copy of an uploaded image."""
    data, extension = avatars.avatar_image(avatars.read_upload(upload))
    old = user.avatar.name if user.avatar else ""
    stored = default_storage.save(
        user.avatar.field.generate_filename(user, avatars.file_name(data, extension)),
        ContentFile(data),
    )
    try:
        with transaction.atomic():
            user.avatar.name = stored
            user.save(update_fields=["avatar"])
            discussion.author_threads_refresh(user_id=user.pk)
    except Exception:
        default_storage.delete(stored)
        user.avatar.name = old
        raise
    if old and old != stored:
        transaction.on_commit(lambda: default_storage.delete(old))
    return user


def avatar_clear(*, user):
    """Go back to the identicon, deleting the uploaded picture."""
    old = user.avatar.name if user.avatar else ""
    if not old:
        return user
    with transaction.atomic():
        user.avatar.name = ""
        user.save(update_fields=["avatar"])
        discussion.author_threads_refresh(user_id=user.pk)
        transaction.on_commit(lambda: default_storage.delete(old))
    return user


# Commenting state (decided by moderation, stored here) -----------------------------------

COMMENTING_STATE = ("banned", "suspended_until", "always_premoderate", "shadow_banned")


def commenting_state_set(*, user, **state) -> None:
    """Store a person's commenting state (ban, suspension, pre-moderation, shadow ban)."""
    unknown = set(state) - set(COMMENTING_STATE)
    if unknown:
        raise AccountError(f"Not commenting state: {', '.join(sorted(unknown))}.")
    for name, value in state.items():
        setattr(user, name, value)
    user.save(update_fields=list(state))


# The reader's own data -------------------------------------------------------------------


def account_export(*, user) -> dict:
    """Everything the site holds about an account, as one JSON-ready document."""
    from allauth.socialaccount.models import SocialAccount

    from parley.moderation import selectors as moderation_selectors

    return {
        "format": "parley-account-export/1",
        "exported_at": timezone.now(),
        "profile": {
            "username": user.get_username(),
            "display_name": user.display_name,
            "bio": user.bio,
            "avatar_url": selectors.avatar_url(user),
            "date_joined": user.date_joined,
            "last_login": user.last_login,
            "first_name": user.first_name,
            "last_name": user.last_name,
        },
        "email_addresses": [
            {"email": e.email, "verified": e.verified, "primary": e.primary}
            for e in EmailAddress.objects.filter(user=user).order_by("-primary", "email")
        ],
        "connected_accounts": [
            {"provider": s.provider, "uid": s.uid, "date_joined": s.date_joined}
            for s in SocialAccount.objects.filter(user=user).order_by("provider")
        ],
        "commenting": {
            "banned": user.banned,
            "suspended_until": user.suspended_until,
            "always_premoderated": user.always_premoderate,
        },
        "comments": discussion_selectors.author_comments_for_export(author_id=user.pk),
        "likes": discussion_selectors.user_likes_for_export(user_id=user.pk),
        "reports": moderation_selectors.reports_by_reader(user_id=user.pk),
        "reports_note": "The comments you reported to the moderators; reports about your "
        "comments are not shown, to protect the people who made them.",
    }


def sessions_end(*, user_id: int) -> int:
    """End every signed-in session of an account (the database session store is scanned)."""
    # Through the configured store, so a cached copy (cached_db) goes with the row.
    store = import_module(settings.SESSION_ENGINE).SessionStore
    ended = 0
    sessions = Session.objects.filter(expire_date__gt=timezone.now())
    for session in sessions.iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user_id):
            store(session.session_key).delete()
            ended += 1
    return ended


def account_delete(*, user, comments: Literal["remove", "keep"]) -> None:
    """Erase an account: its comments removed or kept as "deleted user", nothing else left."""
    if comments not in COMMENT_CHOICES:
        raise AccountError(
            "Choose whether to remove your comments or keep them.", code="invalid", field="comments"
        )
    avatar = user.avatar.name if user.avatar else ""
    user_id = user.pk
    with transaction.atomic():
        if comments == "remove":
            discussion.comments_of_author_remove(user_id=user_id)
        discussion.comments_of_author_detach(user_id=user_id)
        discussion.likes_of_user_remove(user_id=user_id)
        # Email addresses, social accounts, Wagtail's profile and the like go with the row.
        user.delete()
        if avatar:
            transaction.on_commit(lambda: default_storage.delete(avatar))
    if settings.SESSION_ENGINE in DATABASE_SESSION_ENGINES:
        sessions_end(user_id=user_id)
    log.info("account %s deleted (comments: %s)", user_id, comments)
