from wagtail import hooks

from parley.accounts.providers.viewsets import social_app_viewset


@hooks.register("register_admin_viewset")
def register_sign_in_providers():
    """Facebook, Google and OpenID Connect apps, editable under Settings."""
    return social_app_viewset
