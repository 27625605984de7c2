from types import SimpleNamespace

from parley.accounts.providers.oidc_nonce import checks


def test_allauths_plain_openid_connect_next_to_the_plugin_is_an_error(monkeypatch):
    installed = ["allauth.socialaccount", checks.PLAIN_OIDC_APP]
    monkeypatch.setattr(checks, "settings", SimpleNamespace(INSTALLED_APPS=installed))

    assert [e.id for e in checks.check_no_plain_openid_connect()] == ["parley_oidc.E001"]


def test_the_projects_settings_pass():
    assert checks.check_no_plain_openid_connect() == []
