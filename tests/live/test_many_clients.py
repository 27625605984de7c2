"""One worker holds more SSE clients than granian's default backpressure (1,024 requests)."""

import contextlib
import http.client
import resource
import socket

import pytest

from conftest import require
from parley.core.management.commands.serve import connection_limit

CLIENTS = 1100  # past granian's default of backlog / workers = 1,024 requests in progress


def test_connection_limit_raises_the_soft_file_limit_to_the_hard_one():
    before = resource.getrlimit(resource.RLIMIT_NOFILE)
    try:
        limit = connection_limit()
        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        assert soft == hard or hard == resource.RLIM_INFINITY
        assert limit >= 1024
        assert limit == max(1024, soft - 256)
    finally:
        resource.setrlimit(resource.RLIMIT_NOFILE, before)


@pytest.mark.processes
def test_a_worker_full_of_readers_still_answers_everyone(sqlite_site):
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    require(hard == resource.RLIM_INFINITY or hard >= 2 * CLIENTS + 256, "too few descriptors")
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, 2 * CLIENTS + 256), hard))
    server = sqlite_site.serve()
    request = (
        f"GET /live/threads/{sqlite_site.thread} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        "Accept: text/event-stream\r\n\r\n"
    ).encode()
    readers = []
    try:
        for _ in range(CLIENTS):
            sock = socket.create_connection(("127.0.0.1", server.port), timeout=10)
            sock.sendall(request)
            readers.append(sock)
        # Every reader gets its stream, the last ones too ...
        for sock in readers[-20:]:
            assert sock.recv(4096).startswith(b"HTTP/1.1 200")
        # ... and the worker still answers an ordinary request at once.
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
        conn.request("GET", f"/live/threads/{sqlite_site.thread}/events")
        assert conn.getresponse().status == 200
        conn.close()
    finally:
        for sock in readers:
            with contextlib.suppress(OSError):
                sock.close()
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
