"""The scheduler's housekeeping: finished background tasks do not pile up forever."""

from datetime import timedelta

import pytest
from django.utils import timezone

from parley.core.management.commands.scheduler import prune_task_results


@pytest.mark.django_db
def test_finished_tasks_older_than_a_week_are_pruned(settings):
    """A week-old finished preview job goes; yesterday's stays."""
    from django_tasks_db.models import DBTaskResult

    from parley.discussion.tasks import comment_previews

    settings.TASKS = {
        **settings.TASKS,
        "background": {"BACKEND": "django_tasks_db.DatabaseBackend"},
    }
    old, recent = comment_previews.enqueue(1), comment_previews.enqueue(2)
    DBTaskResult.objects.filter(id=old.id).update(
        status="SUCCESSFUL", finished_at=timezone.now() - timedelta(days=8)
    )
    DBTaskResult.objects.filter(id=recent.id).update(
        status="SUCCESSFUL", finished_at=timezone.now() - timedelta(days=1)
    )
    prune_task_results()
    assert [str(pk) for pk in DBTaskResult.objects.values_list("id", flat=True)] == [recent.id]
