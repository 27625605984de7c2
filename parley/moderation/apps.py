from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "parley.moderation"
    label = "moderation"
    verbose_name = "Moderation"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from parley.moderation import (
            checks,  # noqa: F401  (registers the system checks)
            lists,
        )
        from parley.moderation.models import BlockedDomain, ModeratedTerm, SectionPolicy

        # Not a domain side effect: the screening's cached copy of the lists goes stale.
        for model in (ModeratedTerm, BlockedDomain, SectionPolicy):
            post_save.connect(lists.changed, sender=model, dispatch_uid=f"lists-{model.__name__}")
            post_delete.connect(
                lists.changed, sender=model, dispatch_uid=f"lists-del-{model.__name__}"
            )
