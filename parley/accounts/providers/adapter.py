"""Site policy for outside sign-in (SOCIALACCOUNT_ADAPTER)."""

import logging

from allauth.socialaccount.adapter import DefaultSocialAccountAdapter

from parley.accounts.providers.errors import SignInRefused

logger = logging.getLogger(__name__)


def failure_reason(*, provider, error, exception, extra_context: dict) -> str:
    """One sentence telling the reader why an outside sign-in failed."""
    name = getattr(provider, "name", "the provider")
    if isinstance(exception, SignInRefused):
        return str(exception)
    if "callback_view" in extra_context and "state" not in extra_context:
        # The callback's `state` matched nothing this browser started (tampered, replayed,
        # expired after ten minutes, or opened in another browser).
        return "This sign-in attempt has expired or was not started in this browser."
    if exception is not None:
        return f"{name} did not complete the sign-in."
    return f"{name} reported that the sign-in did not succeed."


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    """Email linking stays allauth's (settings turn automatic linking off); errors get a reason."""

    def on_authentication_error(
        self, request, provider, error=None, exception=None, extra_context=None
    ):
        super().on_authentication_error(
            request, provider, error=error, exception=exception, extra_context=extra_context
        )
        logger.warning(
            "Outside sign-in with %s failed: %s",
            getattr(provider, "sub_id", provider),
            repr(exception) if exception is not None else error,
        )
        if extra_context is not None:
            extra_context["failure_reason"] = failure_reason(
                provider=provider, error=error, exception=exception, extra_context=extra_context
            )
