import secrets
from urllib.parse import parse_qsl

from allauth.socialaccount.providers.openid_connect.provider import OpenIDConnectProvider

from parley.accounts.providers.config import OIDC_PROVIDER
from parley.accounts.providers.oidc_nonce.views import NonceOIDCAdapter


class NonceOIDCProvider(OpenIDConnectProvider):
    """allauth's OpenID Connect provider, with a nonce in every authorization request."""

    id = OIDC_PROVIDER
    name = "OpenID Connect"
    oauth2_adapter_class = NonceOIDCAdapter
    pkce_enabled_default = True
    # An ID token posted to us directly (allauth headless) answers no request of ours, so
    # there is no nonce to compare it with.
    supports_token_authentication = False
    # What a sign-in link may add to the authorization request (allauth passes `auth_params`
    # from the query string through); never state, nonce, redirect_uri or the like.
    request_auth_params = frozenset({"login_hint", "prompt", "max_age", "ui_locales", "acr_values"})

    def get_auth_params_from_request(self, request, action):
        """Configured auth_params, plus the harmless hints a sign-in link may carry."""
        params = self.get_auth_params()
        for key, value in parse_qsl(request.GET.get("auth_params", "")):
            if key in self.request_auth_params:
                params[key] = value
        return params

    def redirect(self, request, process, next_url=None, data=None, **kwargs):
        """Send the reader to the provider with a fresh nonce, kept in this attempt's state."""
        nonce = secrets.token_urlsafe(32)
        auth_params = kwargs.pop("auth_params", None)
        if auth_params is None:
            auth_params = self.get_auth_params()
        # Ours last: a nonce passed in the request's auth_params must not replace it.
        auth_params = {**auth_params, "nonce": nonce}
        # Keyword arguments the base class does not consume are stored in allauth's state.
        return super().redirect(
            request, process, next_url, data, auth_params=auth_params, nonce=nonce, **kwargs
        )


provider_classes = [NonceOIDCProvider]
