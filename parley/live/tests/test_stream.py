"""The writer of one SSE connection: what it sends, and what each event costs it."""

import asyncio

from parley.live import hub, sse


async def follow(client, closed):
    """Run LiveEdge.stream for `client`; the bodies it sends, and the task it runs in."""
    sent = []

    async def send(message):
        sent.append(message.get("body", b""))

    task = asyncio.get_running_loop().create_task(sse.LiveEdge(None).stream(send, client, closed))
    return sent, task


def test_events_are_written_in_order_without_a_task_per_event():
    """One event to many clients is one queue hand-off each: no task, no wait_for, per event."""

    async def scenario():
        loop = asyncio.get_running_loop()
        created = []
        factory = loop.get_task_factory()

        def counting(loop, coro, **kwargs):
            created.append(coro)
            return (
                asyncio.Task(coro, loop=loop, **kwargs)
                if factory is None
                else factory(loop, coro, **kwargs)
            )

        client, closed = hub.Client(last=0), asyncio.Event()
        sent, task = await follow(client, closed)
        await asyncio.sleep(0)
        loop.set_task_factory(counting)
        for seq in range(1, 201):
            client.offer(seq, hub.frame(seq, "comment.created", {"ids": [seq]}))
            await asyncio.sleep(0)
        await asyncio.sleep(0.01)
        loop.set_task_factory(factory)
        assert created == []
        assert [body.split(b"\n", 1)[0] for body in sent] == [
            f"id: {seq}".encode() for seq in range(1, 201)
        ]
        client.drop()
        await asyncio.wait_for(task, 1)
        assert sent[-1] == b""  # the stream is ended when the client is dropped

    asyncio.run(scenario())


def test_an_idle_stream_gets_heartbeats(monkeypatch):
    monkeypatch.setattr(sse, "HEARTBEAT", 0.05)

    async def scenario():
        client, closed = hub.Client(last=0), asyncio.Event()
        sent, task = await follow(client, closed)
        await asyncio.sleep(0.18)
        client.offer(1, b"id: 1\n\n")
        await asyncio.sleep(0.01)
        closed.set()
        client.drop()
        await asyncio.wait_for(task, 1)
        assert sent.count(b": ping\n\n") >= 2
        assert b"id: 1\n\n" in sent

    asyncio.run(scenario())


def test_the_server_does_not_collect_garbage_in_the_middle_of_a_fan_out():
    """An event to 10,000 clients must not set off the cyclic collector (see parley/asgi.py)."""
    import gc

    import parley.asgi  # noqa: F401  (the module `parley serve` runs)

    assert gc.get_threshold()[0] >= 100_000
