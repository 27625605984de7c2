from django.contrib.auth.models import AbstractUser


class User(AbstractUser):
    """A reader or a member of staff; the accounts issue adds the public profile."""

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
