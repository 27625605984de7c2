from django.apps import AppConfig


class PreviewsConfig(AppConfig):
    name = "parley.previews"
    label = "previews"
    verbose_name = "Link previews"

    def ready(self) -> None:
        from parley.previews import checks  # noqa: F401  (registers the system check)
