from django.apps import AppConfig


class ShortlinksConfig(AppConfig):
    name = "parley.shortlinks"
    label = "shortlinks"
    verbose_name = "Short links"
