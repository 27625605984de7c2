import hmac

from allauth.account.internal.decorators import login_not_required
from allauth.socialaccount.helpers import render_authentication_error
from allauth.socialaccount.models import SocialApp
from allauth.socialaccount.providers.oauth2.client import OAuth2Error
from allauth.socialaccount.providers.oauth2.views import OAuth2CallbackView, OAuth2LoginView
from allauth.socialaccount.providers.openid_connect.views import OpenIDConnectOAuth2Adapter
from allauth.utils import build_absolute_uri
from django.http import Http404
from django.urls import reverse

from parley.accounts.providers.errors import CodeRefused, NonceMismatch


def verify_nonce(claims: dict | None, *, expected: str | None) -> None:
    """Raise NonceMismatch unless the ID token's `nonce` claim is the one we sent."""
    if not expected:
        raise NonceMismatch("This sign-in attempt has no nonce on record.")
    if claims is None:
        raise NonceMismatch("The provider sent no ID token, so the sign-in cannot be checked.")
    nonce = claims.get("nonce")
    if not isinstance(nonce, str) or not nonce:
        raise NonceMismatch(
            "The provider's answer carries no nonce, so it cannot be matched to this sign-in."
        )
    if not hmac.compare_digest(nonce.encode(), expected.encode()):
        raise NonceMismatch(
            "The provider's answer belongs to a different sign-in attempt (its nonce does not "
            "match), so it was refused."
        )


class NonceOIDCAdapter(OpenIDConnectOAuth2Adapter):
    # Set by the callback view from this attempt's state before the code is exchanged.
    expected_nonce: str | None = None

    _issuer_checked = False

    @property
    def openid_config(self):
        """The discovery document, refused unless it names the issuer we were configured with."""
        config = super().openid_config
        if not self._issuer_checked:
            server_url = self.get_provider().app.settings["server_url"]
            expected = server_url.split("/.well-known/", 1)[0].rstrip("/")
            if str(config.get("issuer", "")).rstrip("/") != expected:
                self.__dict__.pop("_openid_config", None)  # every later use fails the same way
                raise OAuth2Error(
                    f"Discovery names issuer {config.get('issuer')!r}, not {expected!r}"
                )
            self._issuer_checked = True
        return config

    def get_callback_url(self, request, app):
        url = reverse("parley_oidc_callback", kwargs={"provider_id": self.provider_id})
        return build_absolute_uri(request, url, self.redirect_uri_protocol)

    def get_access_token_data(self, request, app, client, pkce_code_verifier=None):
        try:
            return super().get_access_token_data(
                request, app, client, pkce_code_verifier=pkce_code_verifier
            )
        except OAuth2Error as error:
            raise CodeRefused(
                "The provider did not accept this sign-in's code: it may have expired or "
                "been used already."
            ) from error

    def complete_login(self, request, app, token, **kwargs):
        """allauth's login (ID token signature, iss, aud, exp), then the nonce."""
        login = super().complete_login(request, app, token, **kwargs)
        claims = (
            login.account.extra_data.get("id_token") if kwargs["response"].get("id_token") else None
        )
        verify_nonce(claims, expected=self.expected_nonce)
        return login


class NonceCallbackView(OAuth2CallbackView):
    def _get_state(self, request, provider):
        # allauth consumes the state here; keep its nonce for complete_login().
        state, response = super()._get_state(request, provider)
        self.adapter.expected_nonce = (state or {}).get("nonce")
        return state, response


def _run(view_class, request, provider_id):
    adapter = NonceOIDCAdapter(request, provider_id)
    try:
        return view_class.adapter_view(adapter)(request)
    except SocialApp.DoesNotExist:
        raise Http404 from None
    except (OAuth2Error, OSError) as error:
        # allauth reads the discovery document outside its own error handling: a provider
        # that is down (requests' errors are OSErrors) or untrustworthy gets an error page.
        return render_authentication_error(request, adapter.get_provider(), exception=error)


@login_not_required
def login(request, provider_id):
    """Start a sign-in (a GET shows allauth's confirmation page; its POST redirects)."""
    return _run(OAuth2LoginView, request, provider_id)


@login_not_required
def callback(request, provider_id):
    """The provider's redirect back to us, with `code` and `state`."""
    return _run(NonceCallbackView, request, provider_id)
