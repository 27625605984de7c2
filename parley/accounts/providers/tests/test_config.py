import json

import pytest
from django.core.exceptions import ImproperlyConfigured

from parley.accounts.providers.config import social_providers_from_env

KEYCLOAK = {
    "id": "newsroom-sso",
    "name": "Newsroom SSO",
    "issuer": "https://login.example.org/realms/news/",
    "client_id": "parley",
    "secret": "s3cret",
}


def test_nothing_set_configures_no_app():
    providers = social_providers_from_env({})
    assert all("APPS" not in provider for provider in providers.values())


def test_facebook_google_and_openid_connect_apps_come_from_the_environment():
    providers = social_providers_from_env(
        {
            "PARLEY_FACEBOOK_CLIENT_ID": "fb-id",
            "PARLEY_FACEBOOK_SECRET": "fb-secret",
            "PARLEY_GOOGLE_CLIENT_ID": "g-id",
            "PARLEY_GOOGLE_SECRET": "g-secret",
            "PARLEY_OIDC_PROVIDERS": json.dumps([KEYCLOAK]),
        }
    )
    assert providers["facebook"]["APPS"] == [{"client_id": "fb-id", "secret": "fb-secret"}]
    assert providers["google"]["APPS"] == [{"client_id": "g-id", "secret": "g-secret"}]
    assert providers["parley_oidc"]["APPS"] == [
        {
            "provider_id": "newsroom-sso",
            "name": "Newsroom SSO",
            "client_id": "parley",
            "secret": "s3cret",
            "settings": {"server_url": "https://login.example.org/realms/news"},
        }
    ]


def test_pkce_is_on_for_google_and_openid_connect():
    providers = social_providers_from_env({})
    assert providers["google"]["OAUTH_PKCE_ENABLED"] is True
    assert providers["parley_oidc"]["OAUTH_PKCE_ENABLED"] is True


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"PARLEY_FACEBOOK_CLIENT_ID": "only-the-id"}, "PARLEY_FACEBOOK_SECRET"),
        ({"PARLEY_OIDC_PROVIDERS": "[{"}, "not valid JSON"),
        ({"PARLEY_OIDC_PROVIDERS": json.dumps(KEYCLOAK)}, "JSON list"),
        ({"PARLEY_OIDC_PROVIDERS": json.dumps([{**KEYCLOAK, "secret": ""}])}, "secret"),
        ({"PARLEY_OIDC_PROVIDERS": json.dumps([{**KEYCLOAK, "id": "google"}])}, "google"),
        ({"PARLEY_OIDC_PROVIDERS": json.dumps([{**KEYCLOAK, "id": "Has Space"}])}, "lower-case"),
        ({"PARLEY_OIDC_PROVIDERS": json.dumps([KEYCLOAK, KEYCLOAK])}, "used twice"),
        ({"PARLEY_OIDC_PROVIDERS": json.dumps([{**KEYCLOAK, "issuer": "login"}])}, "http(s) URL"),
    ],
)
def test_a_provider_setting_that_cannot_work_stops_the_start(env, message):
    with pytest.raises(ImproperlyConfigured, match=message.replace("(", r"\(").replace(")", r"\)")):
        social_providers_from_env(env)
