from django.urls import include, path

from parley.accounts.providers.oidc_nonce import views

# /accounts/oidc/<provider_id>/login/ and .../login/callback/ (the redirect URI to register
# with the provider). allauth's own openid_connect app, which used these paths, is not installed.
urlpatterns = [
    path(
        "oidc/<str:provider_id>/",
        include(
            [
                path("login/", views.login, name="parley_oidc_login"),
                path("login/callback/", views.callback, name="parley_oidc_callback"),
            ]
        ),
    )
]
