from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "parley.moderation"
    label = "moderation"
    verbose_name = "Moderation"

    def ready(self):
        from parley.moderation import checks  # noqa: F401  (registers the system checks)
