"""Why an outside sign-in was refused, in words a reader may be shown."""

from allauth.socialaccount.providers.base import ProviderException


class SignInRefused(ProviderException):
    """A sign-in stopped for a reason the reader may read (the message is shown to them)."""


class NonceMismatch(SignInRefused):
    """The ID token does not answer the authorization request this browser made."""


class CodeRefused(SignInRefused):
    """The provider would not exchange the authorization code (expired, used, or not ours)."""
