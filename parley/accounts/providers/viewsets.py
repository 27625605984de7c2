"""Sign-in providers (allauth's SocialApp) in the Wagtail admin, under Settings.

Apps configured here add to those from the environment (parley/accounts/providers/config.py).
"""

from allauth.socialaccount import providers
from allauth.socialaccount.adapter import get_adapter
from allauth.socialaccount.models import SocialApp
from django import forms
from wagtail.admin.viewsets.model import ModelViewSet

from parley.accounts.providers.config import OIDC_PROVIDER, PROVIDER_ID, RESERVED_IDS


class SocialAppForm(forms.ModelForm):
    """A provider app; OpenID Connect ones name their issuer, kept in settings["server_url"]."""

    issuer = forms.URLField(
        required=False,
        assume_scheme="https",
        help_text="OpenID Connect only: the issuer URL, e.g. https://login.example.org/realms/news",
    )

    class Meta:
        model = SocialApp
        fields = ["provider", "provider_id", "name", "client_id", "secret", "issuer", "settings"]
        # Never sent back to the browser; an empty field on edit keeps the stored secret.
        widgets = {"secret": forms.PasswordInput(render_value=False)}
        help_texts = {
            "provider_id": "OpenID Connect only: a short id used in the sign-in URLs, e.g. "
            '"newsroom-sso" gives /accounts/oidc/newsroom-sso/login/callback/ as the redirect URI.',
            "name": 'Shown to readers as "Comment via <name>".',
            "secret": "When editing, leave empty to keep the stored secret.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provider"] = forms.ChoiceField(choices=list(providers.registry.as_choices()))
        self.fields["settings"].required = False
        if self.instance.pk:
            self.fields["issuer"].initial = self.instance.settings.get("server_url", "")

    def clean(self):
        data = super().clean()
        data["settings"] = data.get("settings") or {}
        if not data.get("secret") and self.instance.pk:
            data["secret"] = self.instance.secret
        provider, provider_id = data.get("provider"), data.get("provider_id", "")
        # allauth cannot choose between two apps for one provider (or one OIDC id) at sign-in.
        others = [
            app
            for app in get_adapter().list_apps(None, provider=provider_id or provider)
            if app.pk is None or app.pk != self.instance.pk
        ]
        if provider and others:
            self.add_error(None, "That provider is already configured, here or in the environment.")
        if provider != OIDC_PROVIDER:
            return data
        if not PROVIDER_ID.match(provider_id) or provider_id in RESERVED_IDS:
            self.add_error(
                "provider_id", "Use lower-case letters, digits, - or _, not a provider's own name."
            )
        if not data.get("issuer"):
            self.add_error("issuer", "An OpenID Connect provider needs its issuer URL.")
        else:
            data["settings"] = {**data["settings"], "server_url": data["issuer"].rstrip("/")}
        return data


class SocialAppViewSet(ModelViewSet):
    model = SocialApp
    name = "sign_in_providers"
    icon = "key"
    menu_label = "Sign-in providers"
    add_to_settings_menu = True
    list_display = ["name", "provider", "provider_id"]
    copy_view_enabled = False  # a copy would duplicate the client secret
    add_to_reference_index = False

    def get_form_class(self, for_update=False):
        return SocialAppForm


social_app_viewset = SocialAppViewSet()
