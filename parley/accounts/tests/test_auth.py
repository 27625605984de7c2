"""Signing up and in through allauth: redirects, sessions, cookies, lock-out, bad input."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core import mail

from parley.accounts import services
from parley.accounts.tests.conftest import PASSWORD

User = get_user_model()
LOGIN = "/accounts/login/"
SIGNUP = "/accounts/signup/"
REPO = Path(__file__).resolve().parents[3]


def sign_up(client, **fields):
    data = {
        "email": "new.reader@readers.example",
        "username": "newreader",
        "password1": PASSWORD,
        "password2": PASSWORD,
        **fields,
    }
    return client.post(SIGNUP, data)


# Redirects after sign-in --------------------------------------------------------------------


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example/",
        "https:/evil.example/",
        "javascript:alert(1)",
    ],
)
def test_no_open_redirect_after_login(client, alice, target):
    """`next` may only lead back to this site; anything else goes to the front page."""
    for data, query in [({"next": target}, ""), ({}, f"?next={target}")]:
        client.logout()
        response = client.post(LOGIN + query, {"login": "alice", "password": PASSWORD, **data})
        assert response.status_code == 302
        assert response["Location"] == "/"


def test_next_on_this_site_is_followed(client, alice):
    response = client.post(
        LOGIN, {"login": "alice", "password": PASSWORD, "next": "/people/alice/#latest"}
    )
    assert response["Location"] == "/people/alice/#latest"


# Sessions -------------------------------------------------------------------------------------


def test_session_key_changes_at_login(client, alice):
    """A session fixed before sign-in (say, by an attacker) is not the signed-in session."""
    client.get(LOGIN)
    session = client.session
    session["before"] = "login"
    session.save()
    before = session.session_key
    client.cookies[settings.SESSION_COOKIE_NAME] = before
    response = client.post(LOGIN, {"login": "alice", "password": PASSWORD})
    assert response.status_code == 302
    after = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert after and after != before
    assert not Session.objects.filter(session_key=before).exists()
    assert client.session["_auth_user_id"] == str(alice.pk)


def test_production_settings_mark_cookies_secure(tmp_path):
    """Served over HTTPS, the session and CSRF cookies are Secure (and the session HttpOnly)."""
    env = {
        k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="parley.settings",
        PARLEY_BASE_URL="https://news.example",
        SECRET_KEY="x" * 60,
        PARLEY_DATA_DIR=str(tmp_path),
    )
    script = (
        "import json; from django.conf import settings as s; print(json.dumps(["
        "s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, "
        "s.SESSION_COOKIE_SAMESITE]))"
    )
    flags = lambda base: json.loads(  # noqa: E731
        subprocess.run(
            [sys.executable, "-c", script],
            env={**env, "PARLEY_BASE_URL": base},
            cwd=REPO,
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        ).stdout
    )
    assert flags("https://news.example") == [True, True, True, "Lax"]
    assert flags("http://127.0.0.1:8000") == [False, False, True, "Lax"]


# Lock-out -------------------------------------------------------------------------------------


def test_repeated_wrong_passwords_lock_the_account_out(client, alice):
    """Five wrong passwords for one account; the sixth attempt is refused, even a right one."""
    for _ in range(5):
        response = client.post(LOGIN, {"login": "alice", "password": "wrong password"})
        assert response.status_code == 200
        assert "Too many failed login attempts" not in response.content.decode()
    response = client.post(LOGIN, {"login": "alice", "password": "wrong password"})
    assert "Too many failed login attempts. Try again later." in response.content.decode()
    response = client.post(LOGIN, {"login": "alice", "password": PASSWORD})
    assert response.status_code == 200
    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


# Signing up -----------------------------------------------------------------------------------


def test_sign_up_sends_a_link_that_verifies_the_address(client, db):
    response = sign_up(client)
    assert response.status_code == 302
    user = User.objects.get(username="newreader")
    assert not EmailAddress.objects.get(user=user).verified
    [message] = mail.outbox
    assert message.to == ["new.reader@readers.example"]
    link = re.search(r"http://testserver(/accounts/confirm-email/[^/\s]+/)", message.body)
    assert link, message.body
    page = client.get(link.group(1))
    assert page.status_code == 200
    response = client.post(link.group(1))
    assert response.status_code == 302
    assert EmailAddress.objects.get(user=user).verified
    assert client.session["_auth_user_id"] == str(user.pk)  # signed in on confirmation


def test_an_unverified_address_cannot_sign_in(client, make_user):
    make_user("pending", verified=False)
    response = client.post(LOGIN, {"login": "pending", "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert response.status_code == 302 and "confirm-email" in response["Location"]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"email": "not-an-email"}, "Enter a valid email address."),
        ({"email": "reader@localhost-no-dot"}, "Enter a valid email address."),
        ({"email": "two@@signs.example"}, "Enter a valid email address."),
        ({"email": "a@b.example\nBcc: victim@else.example"}, "Enter a valid email address."),
        ({"email": ""}, "This field is required."),
        ({"username": "u" * 151}, "at most 150 characters"),
        ({"username": "\u200b\u200b\u200b"}, "Enter a valid username"),
        ({"username": "ab\u202ecd"}, "Enter a valid username"),
        ({"username": "x\x00y"}, "Null characters are not allowed."),
        ({"username": "v\u0435ndor"}, "looks too much like someone else"),  # Cyrillic e
        ({"username": "VENDOR"}, "already"),
    ],
    ids=[
        "not-email", "no-tld", "two-ats", "header-injection", "empty-email", "overlong-name",
        "invisible-name", "bidi-name", "nul-name", "look-alike", "case-variant",
    ],
)  # fmt: skip
def test_bad_sign_up_input_gets_a_clear_error_and_nothing_is_stored(
    client, make_user, fields, message
):
    make_user("vendor")
    users = User.objects.count()
    response = sign_up(client, **fields)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert User.objects.count() == users
    assert mail.outbox == []


def test_a_display_name_is_not_a_free_username(client, alice):
    services.profile_update(user=alice, display_name="Newsreader", bio="")
    response = sign_up(client, username="newsreader")
    assert "looks too much like someone else" in response.content.decode()
    assert not User.objects.filter(username="newsreader").exists()


def test_plain_http_oidc_issuer_is_refused_in_production(settings):
    """Tokens from an http issuer could be forged in transit; loopback stays allowed for tests."""
    from parley.accounts.checks import check_oidc_issuers_use_https
    from parley.accounts.providers.config import OIDC_PROVIDER

    settings.DEBUG = False

    def app(issuer):
        return {"provider_id": "corp", "settings": {"server_url": issuer}}

    settings.SOCIALACCOUNT_PROVIDERS = {OIDC_PROVIDER: {"APPS": [app("http://sso.example.com")]}}
    assert [p.id for p in check_oidc_issuers_use_https()] == ["parley.accounts.E002"]
    settings.SOCIALACCOUNT_PROVIDERS = {OIDC_PROVIDER: {"APPS": [app("https://sso.example.com")]}}
    assert check_oidc_issuers_use_https() == []
    settings.SOCIALACCOUNT_PROVIDERS = {OIDC_PROVIDER: {"APPS": [app("http://127.0.0.1:9000")]}}
    assert check_oidc_issuers_use_https() == []
