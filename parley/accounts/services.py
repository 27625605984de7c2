"""Write paths for accounts."""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import transaction


@transaction.atomic
def account_create(*, username: str, email: str, password: str, verified: bool = False):
    """Create an account with its primary email address (verified or waiting for it)."""
    user = get_user_model().objects.create_user(username=username, email=email, password=password)
    EmailAddress.objects.create(user=user, email=email, primary=True, verified=verified)
    return user
