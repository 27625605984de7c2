"""Refuse to run OpenID Connect sign-in that skips the nonce check."""

from django.conf import settings
from django.core.checks import Error, register

PLAIN_OIDC_APP = "allauth.socialaccount.providers.openid_connect"


@register()
def check_no_plain_openid_connect(app_configs=None, **kwargs):
    """allauth's own openid_connect provider would accept ID tokens without a nonce."""
    if PLAIN_OIDC_APP not in settings.INSTALLED_APPS:
        return []
    return [
        Error(
            f"{PLAIN_OIDC_APP} is installed next to parley.accounts.providers.oidc_nonce.",
            hint="Remove it from INSTALLED_APPS: its sign-ins send no nonce and its URLs "
            "overlap the plug-in's. Configure OpenID Connect apps with provider 'parley_oidc'.",
            id="parley_oidc.E001",
        )
    ]
