"""Reading the event log."""

from django.db.models import Max

from parley.live.models import Event

REPLAY_LIMIT = 500


# Marks how far a stream was pruned: a client resuming from before it must reset.
PRUNED = "pruned"


class Pruned(Exception):
    """The events after that id were pruned from the log: the client must reset."""


def events_after(*, stream: str, after: int, limit: int = REPLAY_LIMIT) -> list[dict]:
    """The stream's events with seq > after, oldest first, as plain dicts.

    Raises Pruned when some of them are gone (see services.events_prune).
    """
    rows = list(
        Event.objects.filter(stream=stream, seq__gte=after)
        .order_by("seq")
        .values("seq", "kind", "data")[: limit + 1]
    )
    if rows and rows[0]["kind"] == PRUNED and rows[0]["seq"] > after:
        raise Pruned(stream)
    return [row for row in rows if row["seq"] > after and row["kind"] != PRUNED][:limit]


def changed_streams(*, after_id: int, lookback: int) -> tuple[dict[str, int], int]:
    """Streams with events among the newest ids, with their newest seq; and the newest id.

    Ids are handed out before commit, so on PostgreSQL a transaction can commit an id
    lower than one already seen: the poll looks `lookback` ids behind what it has seen,
    and readers fetch by seq per stream, which is never out of order.
    """
    rows = (
        Event.objects.filter(id__gt=max(after_id - lookback, 0))
        .values("stream")
        .annotate(top=Max("seq"), top_id=Max("id"))
    )
    heads, newest = {}, after_id
    for row in rows:
        heads[row["stream"]] = row["top"]
        newest = max(newest, row["top_id"])
    return heads, newest


def newest_id() -> int:
    """The highest event id so far (where a new poller starts)."""
    return Event.objects.aggregate(top=Max("id"))["top"] or 0
