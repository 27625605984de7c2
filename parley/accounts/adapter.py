"""Site policy for django-allauth's accounts: one place, as allauth intends."""

from allauth.account.adapter import DefaultAccountAdapter
from django.core.exceptions import ValidationError

from parley.accounts import services
from parley.accounts.errors import AccountError


class AccountAdapter(DefaultAccountAdapter):
    def clean_username(self, username: str, shallow: bool = False) -> str:
        """allauth's checks, then one namespace with display names, look-alikes included.

        The key check runs for generated usernames too (``shallow``), so a social sign-in
        is given a free username rather than one that cannot be saved.
        """
        username = super().clean_username(username, shallow=shallow)
        try:
            services.name_check(username, user_id=None, field="username")
        except AccountError as exc:
            raise ValidationError(exc.message, code=exc.code) from None
        return username
