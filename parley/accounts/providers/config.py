"""SOCIALACCOUNT_PROVIDERS built from the environment (read once, by parley/settings.py).

Pure Python on purpose: the settings module imports it before Django is set up.
"""

import json
import re
from collections.abc import Mapping

from django.core.exceptions import ImproperlyConfigured

# The allauth provider id of the OpenID Connect plug-in (parley/accounts/providers/oidc_nonce).
OIDC_PROVIDER = "parley_oidc"
# A sub-provider id becomes part of URLs and of SocialAccount.provider; it must not shadow a
# provider class id, or allauth could not tell the two apart.
RESERVED_IDS = {"facebook", "google", "openid_connect", OIDC_PROVIDER}
PROVIDER_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")
OIDC_FIELDS = ("id", "name", "issuer", "client_id", "secret")


def social_providers_from_env(environ: Mapping[str, str]) -> dict:
    """Facebook, Google and OpenID Connect apps configured by PARLEY_* variables."""
    providers: dict = {
        "facebook": {"METHOD": "oauth2", "SCOPE": ["email", "public_profile"]},
        "google": {"SCOPE": ["openid", "profile", "email"], "OAUTH_PKCE_ENABLED": True},
        OIDC_PROVIDER: {"OAUTH_PKCE_ENABLED": True},
    }
    for provider, prefix in (("facebook", "PARLEY_FACEBOOK"), ("google", "PARLEY_GOOGLE")):
        app = _client_app(environ, prefix)
        if app:
            providers[provider]["APPS"] = [app]
    oidc_apps = _oidc_apps(environ.get("PARLEY_OIDC_PROVIDERS", ""))
    if oidc_apps:
        providers[OIDC_PROVIDER]["APPS"] = oidc_apps
    return providers


def _client_app(environ: Mapping[str, str], prefix: str) -> dict | None:
    client_id = environ.get(f"{prefix}_CLIENT_ID", "").strip()
    secret = environ.get(f"{prefix}_SECRET", "").strip()
    if not client_id and not secret:
        return None
    if not (client_id and secret):
        raise ImproperlyConfigured(f"Set both {prefix}_CLIENT_ID and {prefix}_SECRET, or neither.")
    return {"client_id": client_id, "secret": secret}


def _oidc_apps(raw: str) -> list[dict]:
    if not raw.strip():
        return []
    try:
        entries = json.loads(raw)
    except json.JSONDecodeError as error:
        raise ImproperlyConfigured(f"PARLEY_OIDC_PROVIDERS is not valid JSON: {error}") from None
    if not isinstance(entries, list):
        raise ImproperlyConfigured("PARLEY_OIDC_PROVIDERS must be a JSON list of objects.")
    apps, seen = [], set()
    for position, entry in enumerate(entries, start=1):
        where = f"PARLEY_OIDC_PROVIDERS item {position}"
        if not isinstance(entry, dict):
            raise ImproperlyConfigured(f"{where} is not an object.")
        missing = [k for k in OIDC_FIELDS if not isinstance(entry.get(k), str) or not entry[k]]
        if missing:
            raise ImproperlyConfigured(
                f"{where} needs non-empty strings for: {', '.join(missing)}."
            )
        provider_id = entry["id"]
        if not PROVIDER_ID.match(provider_id) or provider_id in RESERVED_IDS:
            raise ImproperlyConfigured(
                f"{where}: id {provider_id!r} must be lower-case letters, digits, - or _ "
                f"(at most 40) and not one of {sorted(RESERVED_IDS)}."
            )
        if provider_id in seen:
            raise ImproperlyConfigured(f"{where}: id {provider_id!r} is used twice.")
        seen.add(provider_id)
        if not entry["issuer"].startswith(("https://", "http://")):
            raise ImproperlyConfigured(f"{where}: issuer must be an http(s) URL.")
        apps.append(
            {
                "provider_id": provider_id,
                "name": entry["name"][:40],
                "client_id": entry["client_id"],
                "secret": entry["secret"],
                "settings": {"server_url": entry["issuer"].rstrip("/")},
            }
        )
    return apps
