from django.apps import AppConfig
from django.db.models.signals import post_migrate


class NewsroomConfig(AppConfig):
    name = "parley.newsroom"
    label = "newsroom"
    verbose_name = "Newsroom"

    def ready(self):
        from parley.newsroom import publishing

        publishing.connect()
        # Staff groups need the permission rows Django creates after migrating.
        post_migrate.connect(create_staff_groups, dispatch_uid="parley-staff-groups")


def create_staff_groups(sender, app_config=None, **kwargs):
    """After the last app migrated (so every permission row exists), ensure staff groups."""
    from django.apps import apps

    from parley.newsroom import roles

    with_models = [config for config in apps.get_app_configs() if config.models_module]
    if sender is with_models[-1]:
        roles.ensure_groups()
