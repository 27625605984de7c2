"""The ways a reader can sign in, as the discussion offers them."""

from urllib.parse import quote

from allauth.socialaccount.adapter import get_adapter
from django.conf import settings

# Facebook and Google first, as readers of a news site expect; other providers follow in the
# order they are configured; Parley's own account is always last.
LEADING = ("facebook", "google")


def sign_in_choices(*, next_url: str) -> list[tuple[str, str]]:
    """("Comment via <provider>", URL) for each configured provider, then "Comment via Parley".

    Needs no request (the anonymous discussion fragment is rendered without one), so each link
    is a plain GET to allauth's provider login page, whose own form (with its CSRF token)
    starts the sign-in. `next_url` is checked by allauth when it is used.
    """
    next_query = "?next=" + quote(next_url, safe="/")
    providers = [
        provider
        for provider in get_adapter().list_providers(None)
        if provider.supports_redirect and not (provider.app and provider.app.settings.get("hidden"))
    ]
    providers.sort(key=lambda p: LEADING.index(p.id) if p.id in LEADING else len(LEADING))
    choices, seen = [], set()
    for provider in providers:
        url = provider.get_login_url(None) + next_query
        if url not in seen:
            seen.add(url)
            choices.append((f"Comment via {provider.name}", url))
    choices.append(("Comment via Parley", settings.LOGIN_URL + next_query))
    return choices
