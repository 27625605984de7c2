"""Fan-out inside one server process: the streams its SSE clients follow.

One hub per event loop. Wake-ups (from this process's commits, from Redis, or from the
hub's own poll of the log) mark a stream dirty; the pump reads the stream's new events
from the log once and hands the same bytes to every client following it. A client's
queue is bounded: a client too slow to keep up is disconnected and, reconnecting with
Last-Event-ID, replays what it missed from the log instead of growing our memory.
"""

import asyncio
import contextlib
import json
import logging
from concurrent.futures import ThreadPoolExecutor

from django.conf import settings
from django.db import close_old_connections, connection

from parley.live import selectors

logger = logging.getLogger("parley.live")

QUEUE_SIZE = 64
FAST_POLL = 0.25  # seconds, without Redis (or while it is down)
SLOW_POLL = 2.0  # with Redis up: a safety net only
POLL_LOOKBACK = 1000

hubs: list["Hub"] = []
_db_pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="parley-live-db")


def frame(seq: int, kind: str, data: dict) -> bytes:
    """One server-sent event."""
    payload = json.dumps(data, separators=(",", ":"))
    return f"id: {seq}\nevent: {kind}\ndata: {payload}\n\n".encode()


def run_db(fn, *args, **kwargs):
    """Run a read of the log on the hub's own threads, with a usable connection."""

    def call():
        close_old_connections()
        try:
            return fn(*args, **kwargs)
        except Exception:
            connection.close()
            raise

    return asyncio.get_running_loop().run_in_executor(_db_pool, call)


class Client:
    """One SSE connection: its queue of frames and the newest seq it has been sent."""

    __slots__ = ("dropped", "last", "queue")

    def __init__(self, last: int):
        self.last = last
        self.queue: asyncio.Queue = asyncio.Queue(QUEUE_SIZE)
        self.dropped = False

    def offer(self, seq: int, data: bytes) -> None:
        if self.dropped or seq <= self.last:
            return
        try:
            self.queue.put_nowait((seq, data))
        except asyncio.QueueFull:
            self.drop()

    def drop(self) -> None:
        """Too slow: empty the queue and tell the writer to close the connection."""
        self.dropped = True
        while not self.queue.empty():
            self.queue.get_nowait()
        self.queue.put_nowait(None)


class Hub:
    """The clients of one event loop, by stream, and the tasks that feed them."""

    def __init__(self, loop: asyncio.AbstractEventLoop):
        self.loop = loop
        self.clients: dict[str, set[Client]] = {}
        self.delivered: dict[str, int] = {}
        self.dirty: set[str] = set()
        self.wakeup = asyncio.Event()
        self.poll_now = asyncio.Event()
        self.redis_up = False
        self.cursor: int | None = None
        self.tasks = [loop.create_task(self.pump()), loop.create_task(self.poll())]
        if settings.REDIS_URL:
            self.tasks.append(loop.create_task(self.listen()))

    # Clients

    def subscribe(self, stream: str, client: Client) -> None:
        self.clients.setdefault(stream, set()).add(client)

    def unsubscribe(self, stream: str, client: Client) -> None:
        followers = self.clients.get(stream)
        if followers is not None:
            followers.discard(client)
            if not followers:
                del self.clients[stream]
                self.delivered.pop(stream, None)

    def client_count(self) -> int:
        return sum(len(c) for c in self.clients.values())

    # Wake-ups

    def wake(self, stream: str) -> None:
        if stream in self.clients:
            self.dirty.add(stream)
            self.wakeup.set()

    def wake_threadsafe(self, stream: str) -> None:
        # A closed loop raises RuntimeError: that hub is gone, nothing to wake.
        with contextlib.suppress(RuntimeError):
            self.loop.call_soon_threadsafe(self.wake, stream)

    # Tasks

    async def pump(self) -> None:
        while True:
            await self.wakeup.wait()
            self.wakeup.clear()
            streams, self.dirty = self.dirty, set()
            for stream in streams:
                try:
                    await self.deliver(stream)
                except Exception:
                    logger.exception("live: reading stream %s failed; the poll retries", stream)

    async def deliver(self, stream: str) -> None:
        followers = self.clients.get(stream)
        if not followers:
            return
        floor = self.delivered.get(stream)
        if floor is None:
            floor = min(client.last for client in followers)
        try:
            events = await run_db(selectors.events_after, stream=stream, after=floor)
        except selectors.Pruned:
            # The log no longer reaches back that far: every follower reconnects and resets.
            for client in list(followers):
                client.drop()
            self.delivered.pop(stream, None)
            return
        for event in events:
            data = frame(event["seq"], event["kind"], event["data"])
            for client in list(self.clients.get(stream, ())):
                client.offer(event["seq"], data)
            floor = event["seq"]
        if stream in self.clients:
            self.delivered[stream] = max(floor, self.delivered.get(stream, floor))
        if len(events) == selectors.REPLAY_LIMIT:
            self.wake(stream)  # more to read

    async def poll(self) -> None:
        """Find events committed by other processes (all of them, without Redis)."""
        while True:
            interval = SLOW_POLL if self.redis_up else FAST_POLL
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.poll_now.wait(), timeout=interval)
            self.poll_now.clear()
            if not self.clients:
                self.cursor = None  # start from the newest event when someone follows
                continue
            try:
                if self.cursor is None:
                    self.cursor = await run_db(selectors.newest_id)
                    for stream in self.clients:
                        self.wake(stream)
                    continue
                heads, self.cursor = await run_db(
                    selectors.changed_streams, after_id=self.cursor, lookback=POLL_LOOKBACK
                )
            except Exception:
                logger.exception("live: polling the event log failed; retrying")
                continue
            for stream, top in heads.items():
                if stream in self.clients and top > self.delivered.get(stream, -1):
                    self.wake(stream)

    async def listen(self) -> None:
        """Redis pub/sub: wake-ups from every process on every host, as they commit."""
        import redis.asyncio as aioredis

        from parley.live.broker import CHANNEL

        backoff, first = 0.25, True
        while True:
            client = aioredis.Redis.from_url(
                settings.REDIS_URL, socket_connect_timeout=1, health_check_interval=5
            )
            try:
                pubsub = client.pubsub()
                await pubsub.subscribe(CHANNEL)
                if backoff > 0.25 or not first:
                    logger.warning("live: Redis pub/sub resumed")
                self.redis_up, backoff, first = True, 0.25, False
                # Whatever was announced while we were away: the poll finds it now.
                self.poll_now.set()
                async for message in pubsub.listen():
                    if message.get("type") == "message":
                        self.wake(message["data"].decode())
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                if self.redis_up or first:
                    logger.warning("live: Redis unreachable (%s); polling the log", exc)
                self.redis_up, first = False, False
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, 5.0)
            finally:
                self.redis_up = False
                # Closing a dead connection may fail too.
                with contextlib.suppress(Exception):
                    await client.aclose()


def current() -> Hub:
    """The hub of the running event loop, started on first use."""
    loop = asyncio.get_running_loop()
    for hub in hubs:
        if hub.loop is loop:
            return hub
    hub = Hub(loop)
    hubs.append(hub)
    return hub
