from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "parley.core"
    label = "core"
    verbose_name = "Parley core"

    def ready(self):
        from parley.core import checks  # noqa: F401  (registers the system checks)
