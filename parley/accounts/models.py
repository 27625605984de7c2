from django.contrib.auth.models import AbstractUser
from django.db import models

from parley.accounts.names import name_key

NAME_KEY_LENGTH = 255


class User(AbstractUser):
    """A reader or a member of staff, with the public profile shown beside their comments."""

    display_name = models.CharField(
        max_length=50,
        blank=True,
        help_text="Shown instead of the username beside comments; blank shows the username.",
    )
    # Keys of the display name and of the username (parley.accounts.names): usernames and
    # display names share one namespace, so "v\u0435ndor" (Cyrillic e) cannot pose as "vendor".
    name_key = models.CharField(
        max_length=NAME_KEY_LENGTH, unique=True, null=True, blank=True, editable=False
    )
    username_key = models.CharField(
        max_length=NAME_KEY_LENGTH, unique=True, null=True, blank=True, editable=False
    )
    avatar = models.ImageField(upload_to="avatars/", blank=True)
    bio = models.TextField(max_length=500, blank=True)

    # Comment-related state: the moderation app decides and sets these; accounts stores them.
    banned = models.BooleanField(default=False, help_text="May not comment at all.")
    suspended_until = models.DateTimeField(
        null=True, blank=True, help_text="May not comment until this time."
    )
    always_premoderate = models.BooleanField(
        default=False, help_text="Every comment waits for a moderator before it appears."
    )
    shadow_banned = models.BooleanField(
        default=False, help_text="Comments are visible to their author only."
    )

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"

    def save(self, *args, **kwargs):
        # The keys are derived from the names, so every way of creating or renaming an
        # account (sign-up, social sign-in, the admin, createsuperuser) keeps them in step.
        # Whether a name is free is checked before this, where the error can be shown.
        self.username_key = name_key(self.get_username()) or None
        self.name_key = name_key(self.display_name) if self.display_name else None
        for key in (self.username_key, self.name_key):
            if key and len(key) > NAME_KEY_LENGTH:
                raise ValueError("This name is too long once normalised.")
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            derived = {"username": "username_key", "display_name": "name_key"}
            kwargs["update_fields"] = set(update_fields) | {
                derived[f] for f in update_fields if f in derived
            }
        super().save(*args, **kwargs)
