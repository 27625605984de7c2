"""Outside sign-in providers: configuration from the environment, site policy, admin screens.

The OpenID Connect plug-in with `nonce` lives in `oidc_nonce/`, an app of its own because that
is how django-allauth discovers providers.
"""
