from django.apps import AppConfig
from wagtail.users.apps import WagtailUsersAppConfig


class AccountsConfig(AppConfig):
    name = "parley.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self):
        from parley.accounts import checks  # noqa: F401  (registers the system checks)


class UsersAdminConfig(WagtailUsersAppConfig):
    """Wagtail's users app, with a user admin that shows the profile and commenting state."""

    user_viewset = "parley.accounts.admin.UserViewSet"
