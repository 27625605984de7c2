"""Reading the event log."""

from django.db.models import Max

from parley.live.models import Event

REPLAY_LIMIT = 500


def events_after(*, stream: str, after: int, limit: int = REPLAY_LIMIT) -> list[dict]:
    """The stream's events with seq > after, oldest first, as plain dicts."""
    rows = (
        Event.objects.filter(stream=stream, seq__gt=after)
        .order_by("seq")
        .values("seq", "kind", "data")[:limit]
    )
    return list(rows)


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
