"""The SSE endpoint, `/live/<prefix>/<id>`, answered at the ASGI edge.

It sits in front of Django (parley/asgi.py) rather than behind it: a connection that
stays open for hours should cost a coroutine and a small queue, not a request object,
a middleware stack and a thread hop each (see bench/live_fanout.py for the figures).

    GET /live/threads/12            text/event-stream; Last-Event-ID or ?after=N to resume
    GET /live/threads/12/events     JSON {"events": [...], "head": N, "reset": bool},
                                    ?after=N: the fallback when a stream cannot be held

A client that resumes from an id we cannot serve (not a number, beyond the stream's
head, or too far behind to replay) gets a "reset" event carrying the head: it reloads
the thread and follows on from there, instead of retrying into the same error.
"""

import asyncio
import json
import re
from urllib.parse import parse_qs

from parley.core.edge_cache import header
from parley.live import hub as hubs
from parley.live import selectors, streams

PATH = re.compile(r"^/live/([a-z]+)/(\d{1,18})(/events)?/?$")
HEARTBEAT = 15.0
RETRY_MS = 3000


def resume_point(scope) -> str:
    """Last-Event-ID (sent by a reconnecting EventSource) wins over ?after=."""
    last = header(scope, b"last-event-id").strip()
    if last:
        return last
    query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
    return (query.get("after") or [""])[0].strip()


def parse_after(raw: str, head: int) -> int | None:
    """The seq to resume after, or None when the client must reset."""
    if not raw:
        return head
    if not raw.isdigit() or len(raw) > 18:
        return None
    after = int(raw)
    return after if after <= head else None


async def send_json(send, status: int, data: dict) -> None:
    body = json.dumps(data, separators=(",", ":")).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"cache-control", b"no-store"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class LiveEdge:
    """ASGI middleware: `/live/` here, everything else to the wrapped application."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or not scope["path"].startswith("/live/"):
            await self.app(scope, receive, send)
            return
        match = PATH.match(scope["path"])
        if scope["method"] not in ("GET", "HEAD"):
            await send_json(send, 405, {"code": "method", "message": "Use GET."})
            return
        if not match:
            await send_json(send, 404, {"code": "not_found", "message": "No such stream."})
            return
        prefix, ident, as_json = match[1], int(match[2]), bool(match[3])
        stream = await hubs.run_db(streams.resolve, prefix, ident)
        if stream is None:
            await send_json(
                send, 404, {"code": "not_found", "message": "There are no updates to follow."}
            )
            return
        after = parse_after(resume_point(scope), stream.head)
        if as_json:
            await self.poll(send, stream, after)
        else:
            await self.follow(scope, receive, send, stream, after)

    async def poll(self, send, stream, after) -> None:
        reset, events = after is None, []
        if not reset:
            try:
                events = await hubs.run_db(selectors.events_after, stream=stream.name, after=after)
            except selectors.Pruned:
                reset = True
        if len(events) >= selectors.REPLAY_LIMIT:
            reset, events = True, []
        await send_json(
            send,
            200,
            {
                "events": [{"id": e["seq"], "kind": e["kind"], "data": e["data"]} for e in events],
                "head": stream.head if reset or not events else events[-1]["seq"],
                "reset": reset,
            },
        )

    async def follow(self, scope, receive, send, stream, after) -> None:
        hub = hubs.current()
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [
                    (b"content-type", b"text/event-stream; charset=utf-8"),
                    (b"cache-control", b"no-store"),
                    (b"x-accel-buffering", b"no"),  # nginx: do not hold events back
                ],
            }
        )
        opening = f"retry: {RETRY_MS}\n\n".encode()
        client = hubs.Client(stream.head if after is None else after)
        hub.subscribe(stream.name, client)
        closed = asyncio.Event()
        watcher = asyncio.get_running_loop().create_task(self.watch(receive, closed, client))
        try:
            if after is None:
                opening += hubs.frame(stream.head, "reset", {"head": stream.head})
            else:
                try:
                    replay = await hubs.run_db(
                        selectors.events_after, stream=stream.name, after=after
                    )
                except selectors.Pruned:
                    replay = None
                if replay is None or len(replay) >= selectors.REPLAY_LIMIT:
                    # Too far behind to replay, or pruned: start again from the head.
                    client.last = stream.head
                    opening += hubs.frame(stream.head, "reset", {"head": stream.head})
                else:
                    for event in replay:
                        opening += hubs.frame(event["seq"], event["kind"], event["data"])
                        client.last = event["seq"]
            await send({"type": "http.response.body", "body": opening, "more_body": True})
            await self.stream(send, client, closed)
        except OSError:
            pass  # the client went away while we wrote
        finally:
            hub.unsubscribe(stream.name, client)
            watcher.cancel()

    async def stream(self, send, client, closed) -> None:
        while not closed.is_set():
            # A timer, not wait_for(): on Python 3.11 wait_for wraps each get() in a task of
            # its own, which was most of a worker's CPU when an event went to 10,000 clients.
            try:
                async with asyncio.timeout(HEARTBEAT):
                    item = await client.queue.get()
            except TimeoutError:
                await send({"type": "http.response.body", "body": b": ping\n\n", "more_body": True})
                continue
            if item is None:  # dropped as too slow, or gone
                break
            seq, data = item
            if seq <= client.last:
                continue
            client.last = seq
            await send({"type": "http.response.body", "body": data, "more_body": True})
        if not closed.is_set():
            await send({"type": "http.response.body", "body": b"", "more_body": False})

    async def watch(self, receive, closed, client) -> None:
        """Notice the client leaving, so its writer stops at once."""
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                closed.set()
                client.drop()
                return
