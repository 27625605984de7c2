"""Django behind the ASGI edge, run synchronously on a fixed pool of threads.

Django's own ASGIHandler runs every request in a ThreadSensitiveContext: the first sync
call of each request starts a new thread (and the request's end joins it), and the
middleware chain hops between the event loop and that thread several times because some
middleware is sync-only. Our views, middleware, ORM and SQLite are all synchronous, so those
hops buy nothing. This handler keeps the ASGI server (the live stream and the edge cache
stay on the event loop) and hands each request whole to one of a fixed set of threads, where
Django runs its sync handler exactly as under a WSGI server: one hop in, one hop out.

One thread per worker process is the default (`parley serve --threads`, PARLEY_THREADS).
Django's work is CPU-bound Python, and threads of one process take turns on the GIL: with
several, the one holding the SQLite writer lock waits for the GIL behind the others, every
writer in every process queues behind it, and the handovers cost CPU of their own. Posting
with 8 writers (bench/thread_read.py's harness, 2 cores): 2 workers x 16 threads 125-155
comments/s, 2 x 2 about 155, 2 x 1 195-210, 4 x 1 229; CPU inside the writer lock 4.4 ms a
comment with 16 threads, 3.4 ms with one. What a single thread gives up is overlap of
waits: a request waiting on the writer lock or on an outside service (a remote toxicity
scorer, an OpenID provider's token endpoint) holds its worker meanwhile. Cached pages and
live streams are answered on the event loop and never wait for it; add workers for more
parallel waiting, or threads where the waits are long.
"""

import asyncio
import os
from concurrent.futures import ThreadPoolExecutor

from django.core import signals
from django.core.exceptions import RequestAborted
from django.core.handlers.asgi import ASGIHandler, get_script_prefix
from django.http import FileResponse
from django.urls import set_script_prefix

_DONE = object()


def pool_size() -> int:
    """Threads per process: requests blocked on I/O (a write waiting for SQLite) hold one."""
    return max(1, int(os.environ.get("PARLEY_THREADS", "1")))


class PooledDjango(ASGIHandler):
    """An ASGI application running Django's sync handler on a fixed thread pool."""

    def __init__(self, threads: int | None = None):
        # Not ASGIHandler.__init__: that loads the middleware for async use.
        super(ASGIHandler, self).__init__()
        self.load_middleware(is_async=False)
        self.pool = ThreadPoolExecutor(threads or pool_size(), thread_name_prefix="django")

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            raise ValueError(f"Django can only handle ASGI/HTTP connections, not {scope['type']}.")
        try:
            body_file = await self.read_body(receive)
        except RequestAborted:
            return
        loop = asyncio.get_running_loop()
        try:
            response = await loop.run_in_executor(self.pool, self.respond, scope, body_file)
            try:
                await self.send(response, send, loop)
            finally:
                # Fires request_finished (database connections go back) in a pool thread.
                await loop.run_in_executor(self.pool, response.close)
        finally:
            body_file.close()

    def respond(self, scope, body_file):
        """Build the request and run the middleware and view (in a pool thread)."""
        set_script_prefix(get_script_prefix(scope))
        signals.request_started.send(sender=self.__class__, scope=scope)
        request, error_response = self.create_request(scope, body_file)
        if request is None:
            return error_response
        response = self.get_response(request)
        response._handler_class = self.__class__
        if isinstance(response, FileResponse):
            response.block_size = self.chunk_size
        return response

    async def send(self, response, send, loop):
        """Send the response; a sync streaming body is read chunk by chunk in a pool thread
        (handed to Django's sender as an async iterator, so it never runs on the loop)."""
        if response.streaming and not response.is_async:
            parts = iter(response.streaming_content)

            async def pulled():
                while (
                    part := await loop.run_in_executor(self.pool, next, parts, _DONE)
                ) is not _DONE:
                    yield part

            response.streaming_content = pulled()
        await self.send_response(response, send)
