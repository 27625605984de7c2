from django.apps import AppConfig


class OIDCNonceConfig(AppConfig):
    name = "parley.accounts.providers.oidc_nonce"
    label = "parley_oidc"
    verbose_name = "OpenID Connect (with nonce)"

    def ready(self):
        from parley.accounts.providers.oidc_nonce import checks  # noqa: F401
