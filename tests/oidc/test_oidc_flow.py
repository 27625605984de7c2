"""The whole OpenID Connect sign-in against a real provider on loopback (npm oidc-provider).

Parley is the live server; tests/oidc/browser.py plays the reader's browser and follows every
redirect between the two, so `state`, PKCE and `nonce` are checked by the real code paths.
"""

import time
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import pytest
from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount
from django.contrib.auth import get_user_model
from django.contrib.sessions.backends.db import SessionStore

from tests.oidc.browser import Browser, Response

User = get_user_model()
EXPIRED_STATE = "This sign-in attempt has expired or was not started in this browser."
CODE_REFUSED = "did not accept this sign-in&#x27;s code"


def query(url: str) -> dict[str, str]:
    return dict(parse_qsl(urlsplit(url).query))


def with_query(url: str, **changes: str | None) -> str:
    """The URL with some query parameters replaced (None removes one)."""
    params = {**query(url), **changes}
    parts = urlsplit(url)
    kept = {k: v for k, v in params.items() if v is not None}
    return urlunsplit(parts._replace(query=urlencode(kept)))


def start(browser: Browser, site, provider_id: str = "loopback", **params: str) -> str:
    """Open the provider's "Sign in via" page and press Continue: the authorization URL."""
    url = f"{site.url}/accounts/oidc/{provider_id}/login/?{urlencode(params)}"
    page = browser.get(url)
    assert page.status == 200 and "Continue" in page.body
    response = browser.post(url, {"csrfmiddlewaretoken": page.form_token()})
    assert response.status == 302, response.body[:500]
    return response.location


def at_provider(browser: Browser, authorize_url: str, site) -> str:
    """Let the provider sign the reader in: its redirect back to Parley's callback."""
    return browser.follow(authorize_url, until=site.url)


def session_of(browser: Browser, site) -> SessionStore:
    origin = f"{urlsplit(site.url).hostname}:{urlsplit(site.url).port}"
    return SessionStore(browser.cookies[origin]["sessionid"])


def sign_in(site, **params: str) -> tuple[Browser, Response]:
    browser = Browser()
    response = browser.get(at_provider(browser, start(browser, site, **params), site))
    return browser, response


def assert_refused(page, reason: str) -> None:
    assert page.status in (400, 401), page.status
    assert "Sign-in failed" in page.body
    assert reason in page.body


def test_first_sign_in_creates_the_account_and_the_next_finds_the_same(oidc_site, openid_provider):
    browser = Browser()
    authorize = start(browser, oidc_site, next="/world/story/#discussion")
    params = query(authorize)
    assert authorize.startswith(f"{openid_provider.issuer}/auth?")
    assert params["client_id"] == "parley"
    assert params["redirect_uri"] == f"{oidc_site.url}/accounts/oidc/loopback/login/callback/"
    assert {"openid", "email"} <= set(params["scope"].split())
    assert params["code_challenge_method"] == "S256"
    assert len(params["code_challenge"]) == 43  # base64url of a SHA-256 digest
    assert len(params["state"]) >= 16
    assert len(params["nonce"]) >= 32 and params["nonce"] != params["state"]
    # The nonce and the PKCE verifier stay on the server, in allauth's state for this attempt.
    stashed = session_of(browser, oidc_site)["socialaccount_states"][params["state"]][0]
    assert stashed["nonce"] == params["nonce"]
    assert stashed["pkce_code_verifier"]

    callback = at_provider(browser, authorize, oidc_site)
    assert query(callback)["state"] == params["state"] and query(callback)["code"]
    done = browser.get(callback)

    assert done.status == 302
    assert done.location == f"{oidc_site.url}/world/story/#discussion"
    user = User.objects.get()
    assert user.email == "reader@example.org"
    assert EmailAddress.objects.get(user=user).verified  # the provider said so
    account = SocialAccount.objects.get()
    assert (account.user, account.provider, account.uid) == (user, "loopback", "reader-1")
    assert account.extra_data["id_token"]["nonce"] == params["nonce"]
    assert session_of(browser, oidc_site)["_auth_user_id"] == str(user.pk)

    again, done = sign_in(oidc_site)  # another browser, another provider session

    assert done.status == 302
    assert User.objects.count() == 1 and SocialAccount.objects.count() == 1
    assert session_of(again, oidc_site)["_auth_user_id"] == str(user.pk)


def test_a_tampered_state_is_refused(oidc_site):
    browser = Browser()
    callback = at_provider(browser, start(browser, oidc_site), oidc_site)

    page = browser.get(with_query(callback, state="A" * 16))

    assert_refused(page, EXPIRED_STATE)
    assert not User.objects.exists()


def test_a_spent_callback_and_a_replayed_code_are_refused(oidc_site):
    browser = Browser()
    first = at_provider(browser, start(browser, oidc_site), oidc_site)
    assert browser.get(first).status == 302

    # The same callback again: its state was used up by the first.
    assert_refused(browser.get(first), EXPIRED_STATE)
    # The used code under a fresh, valid state: the provider will not exchange it twice.
    fresh = at_provider(browser, start(browser, oidc_site), oidc_site)
    assert_refused(browser.get(with_query(fresh, code=query(first)["code"])), CODE_REFUSED)


def test_an_expired_code_is_refused(oidc_site):
    browser = Browser()
    callback = at_provider(browser, start(browser, oidc_site, "loopback-short"), oidc_site)
    time.sleep(2.1)  # that app's codes live one second

    assert_refused(browser.get(callback), CODE_REFUSED)
    assert not User.objects.exists()


@pytest.mark.parametrize(
    ("nonce", "reason"),
    [
        ("someone-elses-nonce-0123456789abcdef", "belongs to a different sign-in attempt"),
        (None, "carries no nonce"),
    ],
)
def test_an_id_token_without_our_nonce_is_refused(oidc_site, nonce, reason):
    """The request is altered on its way to the provider, which echoes what it was sent."""
    browser = Browser()
    authorize = with_query(start(browser, oidc_site), nonce=nonce)

    page = browser.get(at_provider(browser, authorize, oidc_site))

    assert_refused(page, reason)
    assert not User.objects.exists() and not SocialAccount.objects.exists()


def test_an_existing_accounts_email_is_linked_only_by_its_signed_in_owner(oidc_site, mailoutbox):
    owner = User.objects.create_user("tom", email="taken@example.org", password="A-long-pass-42")
    EmailAddress.objects.create(user=owner, email="taken@example.org", primary=True, verified=True)

    # Someone signs in with a provider account claiming the same, verified, address.
    stranger, page = sign_in(oidc_site, auth_params="login_hint=taken")

    assert page.status == 302 and page.location.endswith("/accounts/confirm-email/")
    assert User.objects.count() == 1 and not SocialAccount.objects.exists()
    assert "_auth_user_id" not in session_of(stranger, oidc_site)
    assert [m.to for m in mailoutbox] == [["taken@example.org"]]  # the owner hears of it

    # The owner signs in with their password, then connects the provider account.
    browser = Browser()
    login = f"{oidc_site.url}/accounts/login/"
    form = {"login": "taken@example.org", "password": "A-long-pass-42"}
    form["csrfmiddlewaretoken"] = browser.get(login).form_token()
    assert browser.post(login, form).status == 302
    authorize = start(browser, oidc_site, process="connect", auth_params="login_hint=taken")
    assert browser.get(at_provider(browser, authorize, oidc_site)).status == 302

    assert SocialAccount.objects.get().user == owner
    assert User.objects.count() == 1


def test_an_unverified_provider_email_is_verified_here_first(oidc_site, mailoutbox):
    browser, page = sign_in(oidc_site, auth_params="login_hint=unverified")

    assert page.status == 302 and page.location.endswith("/accounts/confirm-email/")
    address = EmailAddress.objects.get(email="unverified@example.org")
    assert not address.verified
    assert "_auth_user_id" not in session_of(browser, oidc_site)
    assert [m.to for m in mailoutbox] == [["unverified@example.org"]]


@pytest.mark.parametrize(
    "next_url", ["https://evil.example/", "//evil.example/", "/\\evil.example"]
)
def test_after_sign_in_next_only_leads_to_this_site(oidc_site, next_url):
    _, done = sign_in(oidc_site, next=next_url)

    assert done.status == 302
    assert done.location == f"{oidc_site.url}/"
