"""Writing to the event log. Only other apps' services call this, inside their transaction."""

from datetime import datetime

from django.db import transaction
from django.db.models import Max

from parley.core.db import after_commit, serialized_writes
from parley.live import broker
from parley.live.models import Event
from parley.live.selectors import PRUNED


def event_append(*, stream: str, seq: int, kind: str, data: dict) -> Event:
    """Log an event in the caller's transaction and announce it to every process on commit.

    `seq` must grow with every event of the stream and be assigned under the caller's
    lock on what the stream reports (a thread's version), so that commit order is `seq`
    order. The announcement is only a wake-up: readers take the event from the log.
    """
    event = Event.objects.create(stream=stream, seq=seq, kind=kind, data=data)
    after_commit(lambda: broker.publish(stream, seq))
    return event


def events_prune(*, before: datetime) -> int:
    """Delete events older than `before`; returns how many.

    Each pruned stream keeps its newest pruned event, turned into a "pruned" marker, so a
    client resuming from an id before it is told to reset instead of silently missing
    what was deleted. Readers never see the marker.
    """
    old = Event.objects.filter(created_at__lt=before)
    with serialized_writes(), transaction.atomic():
        floors = dict(old.values("stream").annotate(top=Max("seq")).values_list("stream", "top"))
        deleted = 0
        for stream, top in floors.items():
            deleted += old.filter(stream=stream, seq__lt=top).delete()[0]
            Event.objects.filter(stream=stream, seq=top).exclude(kind=PRUNED).update(
                kind=PRUNED, data={}
            )
    return deleted
