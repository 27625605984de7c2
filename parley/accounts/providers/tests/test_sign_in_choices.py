"""The discussion offers only the sign-in providers that are configured."""

import json

import pytest
from allauth.socialaccount.models import SocialApp
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from parley.accounts.providers.config import social_providers_from_env
from parley.accounts.social import sign_in_choices
from parley.discussion import services
from parley.discussion.fragments import thread_html

NEXT = "/world/story/#discussion"
QUERY = "?next=/world/story/%23discussion"
SSO = {"id": "sso", "name": "Newsroom SSO", "issuer": "https://login.example.org"}


@pytest.fixture
def configured(settings):
    settings.SOCIALACCOUNT_PROVIDERS = social_providers_from_env(
        {
            "PARLEY_GOOGLE_CLIENT_ID": "g",
            "PARLEY_GOOGLE_SECRET": "g",
            "PARLEY_FACEBOOK_CLIENT_ID": "f",
            "PARLEY_FACEBOOK_SECRET": "f",
            "PARLEY_OIDC_PROVIDERS": json.dumps([{**SSO, "client_id": "c", "secret": "s"}]),
        }
    )


def test_only_parley_when_no_provider_is_configured(db):
    assert sign_in_choices(next_url=NEXT) == [("Comment via Parley", f"/accounts/login/{QUERY}")]


def test_facebook_google_then_openid_connect_then_parley(db, configured):
    assert sign_in_choices(next_url=NEXT) == [
        ("Comment via Facebook", f"/accounts/facebook/login/{QUERY}"),
        ("Comment via Google", f"/accounts/google/login/{QUERY}"),
        ("Comment via Newsroom SSO", f"/accounts/oidc/sso/login/{QUERY}"),
        ("Comment via Parley", f"/accounts/login/{QUERY}"),
    ]


def test_apps_added_in_the_admin_are_offered_unless_hidden(db):
    SocialApp.objects.create(
        provider="parley_oidc",
        provider_id="staff",
        name="Staff login",
        client_id="c",
        settings={"server_url": "https://staff.example.org"},
    )
    SocialApp.objects.create(
        provider="parley_oidc",
        provider_id="old",
        name="Old login",
        client_id="c",
        settings={"server_url": "https://old.example.org", "hidden": True},
    )
    labels = [label for label, _ in sign_in_choices(next_url=NEXT)]
    assert labels == ["Comment via Staff login", "Comment via Parley"]


def test_the_shared_anonymous_discussion_links_to_each_provider(db, configured):
    """Plain links (no form, no token): allauth's own page asks to continue, with its token."""
    thread = services.thread_for_key(
        site="example", key="story", url="https://example.org/story", title="Story"
    )
    request = RequestFactory().get("/world/story/")
    request.user = AnonymousUser()

    html = thread_html(request, thread, standards_url=None)

    assert "<form" not in html and "csrfmiddlewaretoken" not in html
    for label, url in [
        ("Comment via Facebook", "/accounts/facebook/login/"),
        ("Comment via Google", "/accounts/google/login/"),
        ("Comment via Newsroom SSO", "/accounts/oidc/sso/login/"),
        ("Comment via Parley", "/accounts/login/"),
    ]:
        assert f'<a class="button" href="{url}{QUERY}">{label}</a>' in html


def test_a_provider_login_link_shows_allauths_confirmation_and_keeps_next(db, configured, client):
    page = client.get(f"/accounts/google/login/{QUERY}")
    assert page.status_code == 200
    assert b"Continue" in page.content and b"csrfmiddlewaretoken" in page.content
