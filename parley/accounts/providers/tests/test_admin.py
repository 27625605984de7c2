"""Sign-in providers can be added in the Wagtail admin (Settings → Sign-in providers)."""

import pytest
from allauth.socialaccount.models import SocialApp
from django.contrib.auth.models import Permission

URL = "/admin/sign_in_providers/"
OIDC = {
    "provider": "parley_oidc",
    "provider_id": "newsroom-sso",
    "name": "Newsroom SSO",
    "client_id": "parley",
    "secret": "s3cret",
    "issuer": "https://login.example.org/realms/news/",
    "settings": "{}",
}


@pytest.fixture
def admin_client(client, django_user_model):
    admin = django_user_model.objects.create_superuser("admin", "admin@example.org", "pw")
    client.force_login(admin)
    return client


def test_an_openid_connect_provider_is_added_with_its_issuer(admin_client):
    response = admin_client.post(f"{URL}new/", OIDC)

    assert response.status_code == 302, response.content[:2000]
    app = SocialApp.objects.get()
    assert (app.provider, app.provider_id, app.name) == (
        "parley_oidc",
        "newsroom-sso",
        "Newsroom SSO",
    )
    assert app.settings == {"server_url": "https://login.example.org/realms/news"}
    assert b"s3cret" not in admin_client.get(URL).content
    edit = f"{URL}edit/{app.pk}/"
    assert b"s3cret" not in admin_client.get(edit).content
    assert admin_client.post(edit, {**OIDC, "secret": "", "name": "SSO"}).status_code == 302
    assert SocialApp.objects.get().secret == "s3cret"  # left empty: kept


@pytest.mark.parametrize(
    ("change", "error"),
    [({"issuer": ""}, b"needs its issuer URL"), ({"provider_id": "google"}, b"lower-case letters")],
)
def test_an_openid_connect_provider_needs_an_issuer_and_its_own_id(admin_client, change, error):
    response = admin_client.post(f"{URL}new/", {**OIDC, **change})

    assert response.status_code == 200
    assert error in response.content
    assert not SocialApp.objects.exists()


def test_editors_without_the_permission_cannot_see_provider_secrets(client, django_user_model):
    editor = django_user_model.objects.create_user("editor", password="pw")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)

    assert client.get(URL).status_code in (302, 403)


def test_a_provider_configured_in_the_environment_is_not_added_twice(admin_client, settings):
    settings.SOCIALACCOUNT_PROVIDERS = {"google": {"APPS": [{"client_id": "g", "secret": "g"}]}}
    google = {**OIDC, "provider": "google", "provider_id": "", "issuer": ""}

    response = admin_client.post(f"{URL}new/", google)

    assert response.status_code == 200
    assert b"already configured" in response.content
    assert not SocialApp.objects.exists()
