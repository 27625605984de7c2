"""OpenID Connect with a `nonce`: django-allauth's provider, plus the check it does not make.

allauth 65's openid_connect provider sends `state` and PKCE but no `nonce`, and never looks at
the `nonce` claim of the ID token. This plug-in (provider id "parley_oidc") puts a random nonce
in every authorization request, keeps it in allauth's server-side state for that request, and
refuses an ID token whose `nonce` is missing or different. Signature, `iss`, `aud` and `exp`
stay allauth's own checks.
"""
