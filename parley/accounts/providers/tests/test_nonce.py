"""The nonce: sent with every authorization request, kept in allauth's state, checked on return."""

import json
import time
from urllib.parse import parse_qsl, urlsplit

import jwt
import pytest
from allauth.socialaccount.internal import statekit
from allauth.socialaccount.models import SocialToken
from django.contrib.sessions.backends.db import SessionStore
from django.test import RequestFactory

from parley.accounts.providers.config import social_providers_from_env
from parley.accounts.providers.errors import NonceMismatch
from parley.accounts.providers.oidc_nonce.provider import NonceOIDCProvider
from parley.accounts.providers.oidc_nonce.views import NonceOIDCAdapter, verify_nonce

ISSUER = "https://login.example.org"
DISCOVERY = {
    "issuer": ISSUER,
    "authorization_endpoint": f"{ISSUER}/auth",
    "token_endpoint": f"{ISSUER}/token",
    "userinfo_endpoint": f"{ISSUER}/me",
    "jwks_uri": f"{ISSUER}/jwks",
    "token_endpoint_auth_methods_supported": ["client_secret_post"],
}


@pytest.fixture
def oidc_app(settings, monkeypatch):
    entry = {"id": "sso", "name": "SSO", "issuer": ISSUER, "client_id": "parley", "secret": "x"}
    providers = social_providers_from_env({"PARLEY_OIDC_PROVIDERS": json.dumps([entry])})
    providers["parley_oidc"]["APPS"][0]["settings"]["fetch_userinfo"] = False
    settings.SOCIALACCOUNT_PROVIDERS = providers
    # No network: the discovery document is the one above.
    monkeypatch.setattr(NonceOIDCAdapter, "_openid_config", DISCOVERY, raising=False)


@pytest.fixture
def request_(db):
    request = RequestFactory().get("/accounts/oidc/sso/login/")
    request.session = SessionStore()
    return request


def id_token(**claims) -> str:
    now = int(time.time())
    base = {"iss": ISSUER, "aud": "parley", "sub": "u-1", "iat": now, "exp": now + 60}
    # Unsigned as far as this test goes: allauth skips the signature for a token it fetched
    # itself from the token endpoint (OpenID Connect Core 3.1.3.7), as in this flow.
    return jwt.encode({**base, **claims}, "test-key-" + "k" * 32, algorithm="HS256")


def complete_login(request, *, expected, token):
    adapter = NonceOIDCAdapter(request, "sso")
    adapter.did_fetch_access_token = True
    adapter.expected_nonce = expected
    app = adapter.get_provider().app
    return adapter.complete_login(
        request, app, SocialToken(token="at"), response={"id_token": token}
    )


def test_the_redirect_sends_a_fresh_nonce_and_keeps_it_in_allauths_state(oidc_app, request_):
    provider = NonceOIDCProvider(request_, app=NonceOIDCAdapter(request_, "sso").get_provider().app)
    nonces = []
    for _ in range(2):
        response = provider.redirect(request_, "login", next_url="/story/")
        params = dict(parse_qsl(urlsplit(response["Location"]).query))
        state = statekit.get_states(request_)[params["state"]][0]
        assert state["nonce"] == params["nonce"]
        assert params["code_challenge_method"] == "S256"
        nonces.append(params["nonce"])
    assert nonces[0] != nonces[1] and len(nonces[0]) >= 32


def test_a_sign_in_link_cannot_choose_the_nonce_or_the_redirect(oidc_app, request_):
    request = RequestFactory().get(
        "/accounts/oidc/sso/login/",
        {"auth_params": "nonce=mine&state=mine&redirect_uri=https://evil.example/&login_hint=rita"},
    )
    request.session = request_.session
    provider = NonceOIDCAdapter(request, "sso").get_provider()

    response = provider.redirect_from_request(request)

    params = dict(parse_qsl(urlsplit(response["Location"]).query))
    assert params["login_hint"] == "rita"
    assert "mine" not in (params["nonce"], params["state"])
    assert params["redirect_uri"] == "http://testserver/accounts/oidc/sso/login/callback/"


def test_an_id_token_with_our_nonce_signs_in(oidc_app, request_):
    login = complete_login(request_, expected="n-123", token=id_token(nonce="n-123"))
    assert login.account.uid == "u-1"


@pytest.mark.parametrize(
    ("claims", "expected"),
    [({"nonce": "n-other"}, "n-123"), ({}, "n-123"), ({"nonce": "n-123"}, None)],
    ids=["different", "missing", "none-on-record"],
)
def test_an_id_token_without_our_nonce_is_refused(oidc_app, request_, claims, expected):
    with pytest.raises(NonceMismatch):
        complete_login(request_, expected=expected, token=id_token(**claims))


@pytest.mark.parametrize(
    ("claims", "expected"),
    [
        (None, "n"),
        ({"nonce": ""}, "n"),
        ({"nonce": 123}, "123"),
        ({"nonce": "n"}, ""),
        ({"nonce": "n "}, "n"),
    ],
)
def test_verify_nonce_accepts_only_the_exact_nonce(claims, expected):
    with pytest.raises(NonceMismatch):
        verify_nonce(claims, expected=expected)
    verify_nonce({"nonce": "n"}, expected="n")


@pytest.mark.parametrize(
    "discovery",
    [{**DISCOVERY, "issuer": "https://impostor.example"}, ConnectionError("provider down")],
    ids=["another-issuer", "unreachable"],
)
def test_a_provider_that_cannot_be_trusted_or_reached_gets_an_error_page(
    oidc_app, db, client, monkeypatch, discovery
):
    if isinstance(discovery, Exception):

        def fetch(self):
            raise discovery

        monkeypatch.setattr(NonceOIDCAdapter, "openid_config", property(fetch))
    else:
        monkeypatch.setattr(NonceOIDCAdapter, "_openid_config", discovery, raising=False)

    response = client.post("/accounts/oidc/sso/login/")

    assert response.status_code == 401
    assert b"Sign-in failed" in response.content
