"""Writing to the event log. Only other apps' services call this, inside their transaction."""

from parley.core.db import after_commit
from parley.live import broker
from parley.live.models import Event


def event_append(*, stream: str, seq: int, kind: str, data: dict) -> Event:
    """Log an event in the caller's transaction and announce it to every process on commit.

    `seq` must grow with every event of the stream and be assigned under the caller's
    lock on what the stream reports (a thread's version), so that commit order is `seq`
    order. The announcement is only a wake-up: readers take the event from the log.
    """
    event = Event.objects.create(stream=stream, seq=seq, kind=kind, data=data)
    after_commit(lambda: broker.publish(stream, seq))
    return event
