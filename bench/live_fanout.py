"""Benchmark live updates: 1,000, 5,000 and 10,000 SSE clients on one `parley serve` worker.

    .venv/bin/python bench/live_fanout.py                  # 1,000, then 5,000, then 10,000
    LEVELS=10000 RATE=5 DURATION=20 .venv/bin/python bench/live_fanout.py
    SERVER=uvicorn .venv/bin/python bench/live_fanout.py

It builds a throw-away Parley in a temporary folder (`parley migrate`, then a `parley shell`
script creating one thread and a signed-in reader's session) and, for each level, starts a
fresh `parley serve --workers 1 --no-scheduler --no-worker` (granian by default), so that
every level starts from the same memory. Then, per level:

  baseline  one SSE client and two comments warm the server up; the client leaves and the
            server's resident memory (whole process tree) is read: RSS_0;
  connect   N clients, BATCH at a time, each one TCP connection from this process's asyncio
            loop (uvloop when installed), GET /live/threads/<id>, from the source addresses
            127.0.0.1..127.0.0.SOURCES so the ephemeral port range is never the limit; a
            failed connect is retried (RETRIES times) and counted. A client counts as
            connected once the stream's opening `retry:` line arrived (it is subscribed by
            then). RSS_N is read SETTLE seconds later; KB per client = (RSS_N - RSS_0) / N;
  posting   a separate poster process posts RATE comments/s for DURATION seconds through the
            real API (POST /api/v1/threads/<id>/comments, session cookie + X-CSRFToken), each
            POST on its own connection and thread so a slow answer does not slow the rate,
            and notes when each 201 arrived (CLOCK_MONOTONIC, which both processes share);
  delivery  every client reads its stream with minimal parsing (lines, `id: N` only) and
            notes when each id arrived. Latency = arrival - that comment's 201 (negative
            when the event beat the 201 back, counted as "before 201"). The bench waits up
            to GRACE seconds after the last 201 for the slowest client, then counts events
            some connected client never got (lost, must be 0) and ids not strictly
            increasing on a connection (duplicates or disorder, must be 0). A client the
            server drops reconnects with Last-Event-ID, as EventSource does (counted).

It prints, per level: clients connected/failed, events posted, deliveries expected/received/
lost, p50/p99/max latency, server RSS before and with clients, KB per client, CPU of the server
and of the load generator (this process plus the poster) over the posting window, then PASS/
FAIL for the targets of issue #5 (10,000 clients on one worker, p99 < 1 s, < 50 KB per client,
nothing lost), and saves the table to bench/results/live_fanout-<date>.txt. The load average
at the start is printed too: the load generator shares the machine with the server. Every
process it starts runs in a process group of its own and is stopped on exit, and the
temporary folder (and database, with BENCH_DATABASE_URL) is removed.

The file-descriptor limit is raised to what the largest level needs (the hard limit too when
run as root) and handed to the server.

Settings (environment): LEVELS=1000,5000,10000  RATE=2 (comments/s)  DURATION=10 (s of
posting per level)  GRACE=10 (s)  BATCH=250  RETRIES=5  SETTLE=3 (s)  SOURCES=4
SERVER=granian|uvicorn  LOOP=uvloop|asyncio (the generator's)  READY_TIMEOUT=90
BENCH_DATABASE_URL=postgres://user:pw@host/any (a database of its own is created there and
dropped after)  BENCH_REDIS_URL=redis://host:6379/0 (Redis pub/sub between processes)
"""

from __future__ import annotations

import argparse
import asyncio
import concurrent.futures
import contextlib
import http.client
import json
import math
import os
import platform
import re
import resource
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from common import (
    BenchError,
    Processes,
    free_port,
    loadavg,
    say,
    tail,
    tree_pids,
    tree_rss,
)

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
BIN = ROOT / ".venv" / "bin"

LEVELS = [int(n) for n in os.environ.get("LEVELS", "1000,5000,10000").split(",") if n.strip()]
RATE = float(os.environ.get("RATE", "2"))
DURATION = float(os.environ.get("DURATION", "10"))
GRACE = float(os.environ.get("GRACE", "10"))
BATCH = int(os.environ.get("BATCH", "250"))
RETRIES = int(os.environ.get("RETRIES", "5"))
SETTLE = float(os.environ.get("SETTLE", "3"))
SOURCES = int(os.environ.get("SOURCES", "4"))
SERVER = os.environ.get("SERVER", "granian")
LOOP = os.environ.get("LOOP", "uvloop")
READY_TIMEOUT = float(os.environ.get("READY_TIMEOUT", "90"))
DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "").strip()
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "").strip()
CONNECT_TIMEOUT = 15.0

# Only the scratch site: never a database, cache or key from the caller's environment.
DROPPED_ENV = (
    "DATABASE_URL",
    "REDIS_URL",
    "SECRET_KEY",
    "DEBUG",
    "ALLOWED_HOSTS",
    "PARLEY_MEDIA_ROOT",
    "PARLEY_DATA_DIR",
    "DJANGO_SETTINGS_MODULE",
)

SETUP = """
import json
from django.contrib.auth import get_user_model
from django.contrib.sessions.backends.db import SessionStore
from parley.discussion import services
thread = services.thread_for_key(
    site="bench", key="fanout", url="https://elsewhere.example/fanout/", title="Fan-out"
)
user = get_user_model().objects.create_user("fanout-reader", password="x")
s = SessionStore()
s["_auth_user_id"] = str(user.pk)
s["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
s["_auth_user_hash"] = user.get_session_auth_hash()
s.create()
print("SETUP" + json.dumps({"thread": thread.pk, "session": s.session_key}))
"""


def fmt(value: float | None, digits: int = 1) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "n/a"
    return f"{value:,.{digits}f}"


def others(statuses: dict) -> str:
    return ",".join(f"{k}:{v}" for k, v in statuses.items()) or "0"


def percentile(ordered: list[float], q: float) -> float:
    if not ordered:
        return math.nan
    return ordered[min(len(ordered) - 1, max(0, math.ceil(q * len(ordered)) - 1))]


# File descriptors --------------------------------------------------------------------------


def raise_nofile(want: int) -> int:
    """Raise RLIMIT_NOFILE to `want` (the hard limit too when root); the soft limit we got."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard != resource.RLIM_INFINITY and hard < want and os.geteuid() == 0:
        ceiling = int(Path("/proc/sys/fs/nr_open").read_text())
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (min(want, ceiling),) * 2)
        except (ValueError, OSError) as exc:
            # A container without CAP_SYS_RESOURCE: root, but the hard limit is fixed.
            say(f"could not raise the hard limit {hard} to {want} ({exc})")
        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = want if hard == resource.RLIM_INFINITY else min(want, hard)
    if soft < target:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


def nofile_preexec(limit: int):
    """In the server's process, before exec: the same limit, whatever the shell's."""

    def preexec() -> None:
        _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        resource.setrlimit(resource.RLIMIT_NOFILE, (limit, max(limit, hard)))

    return preexec


# Processes ---------------------------------------------------------------------------------


TICK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time of these processes so far (seconds)."""
    total = 0
    for pid in pids:
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / TICK


# HTTP (blocking, for set-up and the poster) ------------------------------------------------


def get_json(port: int, path: str, timeout: float = 30) -> tuple[int, dict]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        body = response.read()
        return response.status, json.loads(body) if body else {}
    finally:
        conn.close()


def post_comment(port: int, thread: int, session: str, body: str) -> tuple[int, dict, float]:
    """POST one comment as the signed-in reader: (status, answer, monotonic time of the answer)."""
    token = secrets.token_hex(16)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request(
            "POST",
            f"/api/v1/threads/{thread}/comments",
            body=json.dumps({"body": body, "parent_id": None}),
            headers={
                "Content-Type": "application/json",
                "Cookie": f"sessionid={session}; csrftoken={token}",
                "X-CSRFToken": token,
            },
        )
        response = conn.getresponse()
        data = response.read()
        answered = time.monotonic()
        try:
            answer = json.loads(data) if data else {}
        except ValueError:
            answer = {"raw": data[:200].decode(errors="replace")}
        return response.status, answer, answered
    finally:
        conn.close()


def poster_main(port: int, thread: int, session: str, rate: float, duration: float) -> int:
    """The poster process: RATE comments/s for DURATION s; one JSON line per POST on stdout."""
    count = max(1, round(rate * duration))
    lock = threading.Lock()

    def one(n: int) -> None:
        sent = time.monotonic()
        body = f"Fan-out comment {n} ({uuid.uuid4().hex[:8]}): the council meets on Tuesday."
        try:
            status, answer, answered = post_comment(port, thread, session, body)
        except OSError as exc:
            status, answer, answered = 0, {"error": str(exc)}, time.monotonic()
        line = json.dumps(
            {"n": n, "status": status, "id": answer.get("id"), "sent": sent, "t": answered}
            | ({} if status in (201, 202) else {"answer": answer})
        )
        with lock:
            print(line, flush=True)

    start = time.monotonic() + 0.1
    with concurrent.futures.ThreadPoolExecutor(max_workers=16) as pool:
        for n in range(count):
            delay = start + n / rate - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            pool.submit(one, n)
    return 0


# Load generator ----------------------------------------------------------------------------


@dataclass
class Client:
    """One SSE connection's record: ids in the order they came, and when."""

    index: int
    seqs: list[int] = field(default_factory=list)
    times: list[float] = field(default_factory=list)
    last: int = -1
    disorder: int = 0
    connected: bool = False
    failures: int = 0
    reconnects: int = 0
    closed_by_server: int = 0


class Generator:
    """N clients in this process's event loop."""

    def __init__(self, port: int, thread: int) -> None:
        self.port = port
        self.path = f"/live/threads/{thread}"
        self.clients: list[Client] = []
        self.tasks: list[asyncio.Task] = []
        self.stopping = False
        self.sources = [f"127.0.0.{n}" for n in range(1, max(1, SOURCES) + 1)]
        self.errors: dict[str, int] = {}
        self.gave_up: int | None = None

    def request(self, last_event_id: int | None) -> bytes:
        extra = f"Last-Event-ID: {last_event_id}\r\n" if last_event_id is not None else ""
        return (
            f"GET {self.path} HTTP/1.1\r\nHost: 127.0.0.1:{self.port}\r\n"
            f"Accept: text/event-stream\r\n{extra}\r\n"
        ).encode()

    async def open(self, source: str):
        loop = asyncio.get_running_loop()
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            sock.setblocking(False)
            if source != "127.0.0.1":
                # Pick the port at connect(), per destination, not at bind().
                sock.setsockopt(socket.IPPROTO_IP, 24, 1)  # IP_BIND_ADDRESS_NO_PORT
                sock.bind((source, 0))
            await loop.sock_connect(sock, ("127.0.0.1", self.port))
        except BaseException:
            sock.close()
            raise
        return await asyncio.open_connection(sock=sock, limit=1 << 20)

    async def follow(self, client: Client, ready: asyncio.Future) -> None:
        source = self.sources[client.index % len(self.sources)]
        while not self.stopping:
            writer = None
            try:
                reader, writer = await asyncio.wait_for(self.open(source), CONNECT_TIMEOUT)
                writer.write(self.request(client.last if client.connected else None))
                head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), CONNECT_TIMEOUT)
                status = head.split(b" ", 2)[1]
                if status != b"200":
                    raise ConnectionError(f"status {status.decode()}")
                buffer = b""
                while True:
                    data = await reader.read(65536)
                    if not data:
                        break
                    now = time.monotonic()
                    buffer += data
                    lines = buffer.split(b"\n")
                    buffer = lines.pop()
                    for line in lines:
                        if line.startswith(b"id: "):
                            seq = int(line[4:])
                            if seq <= client.last:
                                client.disorder += 1
                            else:
                                client.last = seq
                            client.seqs.append(seq)
                            client.times.append(now)
                        elif line.startswith(b"retry:") and not ready.done():
                            client.connected = True
                            ready.set_result(True)
                if not self.stopping:
                    client.closed_by_server += 1
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                if self.stopping:
                    return
                key = type(exc).__name__ + (f" {exc.errno}" if getattr(exc, "errno", None) else "")
                self.errors[key] = self.errors.get(key, 0) + 1
            finally:
                if writer is not None:
                    writer.close()
            if self.stopping:
                return
            if not client.connected:
                client.failures += 1
                if client.failures > RETRIES:
                    if not ready.done():
                        ready.set_result(False)
                    return
                await asyncio.sleep(0.2 * client.failures)
            else:
                client.reconnects += 1
                await asyncio.sleep(0.5)  # EventSource would wait `retry:`; be quicker

    async def connect(self, count: int) -> float:
        """Open `count` clients, BATCH at a time; the seconds it took."""
        started = time.monotonic()
        loop = asyncio.get_running_loop()
        for first in range(0, count, BATCH):
            batch = []
            for index in range(first, min(count, first + BATCH)):
                client = Client(index)
                ready = loop.create_future()
                self.clients.append(client)
                self.tasks.append(loop.create_task(self.follow(client, ready)))
                batch.append(ready)
            if not any(await asyncio.gather(*batch)):
                say(f"none of clients {first + 1}-{first + len(batch)} connected: giving up")
                self.gave_up = first
                break
        return time.monotonic() - started

    async def close(self) -> None:
        self.stopping = True
        for task in self.tasks:
            task.cancel()
        await asyncio.gather(*self.tasks, return_exceptions=True)


# The benchmark -----------------------------------------------------------------------------


@dataclass
class Level:
    clients: int
    connected: int = 0
    failed: int = 0
    connect_retries: int = 0
    connect_s: float = 0.0
    posted: int = 0
    post_other: dict = field(default_factory=dict)
    post_p50: float = math.nan
    post_p99: float = math.nan
    events: int = 0
    expected: int = 0
    received: int = 0
    lost: int = 0
    disorder: int = 0
    reconnects: int = 0
    closed_by_server: int = 0
    lat_p50: float = math.nan
    lat_p99: float = math.nan
    lat_max: float = math.nan
    sent_p50: float = math.nan
    sent_p99: float = math.nan
    before_201: int = 0
    waited_s: float = 0.0
    rss0: float = 0.0
    rss_n: float = 0.0
    rss_after: float = 0.0
    processes: int = 0
    server_cpu: float = math.nan
    gen_cpu: float = math.nan
    probe_ms: float = math.nan
    errors: dict = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    @property
    def kb_per_client(self) -> float:
        return (self.rss_n - self.rss0) * 1024 / self.connected if self.connected else math.nan


class Bench:
    def __init__(self) -> None:
        self.procs = Processes()
        self.scratch = Path(tempfile.mkdtemp(prefix="parley-fanout-bench."))
        self.load_before = loadavg()
        self.started = time.monotonic()
        self.levels: list[Level] = []
        self.notes: list[str] = []
        self.secret_key = secrets.token_urlsafe(50)
        self.database = ""  # the PostgreSQL database created here, to drop
        self.nofile = 0
        self.thread = 0
        self.session = ""

    def note(self, message: str) -> None:
        self.notes.append(message)
        say(message)

    def env(self, port: int = 8000) -> dict:
        env = {k: v for k, v in os.environ.items() if k not in DROPPED_ENV}
        env.update(
            PARLEY_DATA_DIR=str(self.scratch / "site"),
            SECRET_KEY=self.secret_key,
            DJANGO_SETTINGS_MODULE="parley.settings",
            ALLOWED_HOSTS="127.0.0.1,localhost",
            PARLEY_BASE_URL=f"http://127.0.0.1:{port}",
            # One reader posting from 127.0.0.1 faster than a person would.
            PARLEY_COMMENT_RATE_BURST="0",
            PARLEY_COMMENT_RATE_IP_BURST="0",
            PARLEY_MODERATION_DUPLICATE_SECONDS="0",
            LOG_LEVEL="WARNING",
            PYTHONUNBUFFERED="1",
        )
        if self.database:
            env["DATABASE_URL"] = DATABASE_URL.rsplit("/", 1)[0] + f"/{self.database}"
        if REDIS_URL:
            env["REDIS_URL"] = REDIS_URL
        return env

    # Set-up

    def check(self) -> None:
        if SERVER not in ("uvicorn", "granian"):
            raise BenchError(f"SERVER must be uvicorn or granian (got {SERVER!r})")
        if not LEVELS or min(LEVELS) < 1:
            raise BenchError("LEVELS must list client counts, e.g. 1000,5000,10000")
        for tool in (BIN / "parley", BIN / "python"):
            if not os.access(tool, os.X_OK):
                raise BenchError(f"{tool} not found: create .venv first (make demo or make test)")

    def system_notes(self) -> None:
        want = max(LEVELS) * 2 + 4096
        self.nofile = raise_nofile(want)
        somaxconn = Path("/proc/sys/net/core/somaxconn").read_text().strip()
        ports = Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()
        span = int(ports[1]) - int(ports[0]) + 1
        self.note(
            f"file descriptors: limit {self.nofile} here and for the server (wanted {want}"
            f"{'' if self.nofile >= want else ', the hard limit'}); "
            f"net.core.somaxconn {somaxconn}; ephemeral ports {ports[0]}-{ports[1]} "
            f"({span:,} per source address, {len(range(max(1, SOURCES)))} source addresses)"
        )
        if self.nofile < max(LEVELS) + 1024:
            self.note(f"WARNING: {self.nofile} file descriptors cannot hold {max(LEVELS)} clients")
        if float(self.load_before.split()[0]) > (os.cpu_count() or 1) / 2:
            self.note(
                f"WARNING: load average {self.load_before.split()[0]} on {os.cpu_count()} CPUs "
                "at the start: other work is running, expect noisy numbers"
            )

    def create_database(self) -> None:
        if not DATABASE_URL:
            return
        import psycopg

        name = f"parley_fanout_{uuid.uuid4().hex[:10]}"
        admin = DATABASE_URL.rsplit("/", 1)[0] + "/postgres"
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        self.database = name

    def drop_database(self) -> None:
        if not self.database:
            return
        import psycopg

        admin = DATABASE_URL.rsplit("/", 1)[0] + "/postgres"
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')
        self.database = ""

    def set_up(self) -> None:
        (self.scratch / "site").mkdir()
        self.create_database()
        say(f"setting up the site in {self.scratch}: migrate, one thread, one reader")
        log = self.scratch / "setup.log"
        env = self.env()
        self.procs.run(
            "parley migrate", [BIN / "parley", "migrate", "-v0"], env=env, log=log, timeout=600
        )
        out = self.scratch / "setup.out"
        with open(out, "wb") as stdout:
            proc = self.procs.start(
                "parley shell", [BIN / "parley", "shell", "-c", SETUP], env=env, log=log,
                stdout=stdout,
            )  # fmt: skip
            code = proc.wait(timeout=300)
            self.procs.stop(proc)
        text = out.read_text()
        if code != 0 or "SETUP" not in text:
            raise BenchError(f"parley shell set-up failed ({code})\n{text}\n{tail(log)}")
        setup = json.loads(text.split("SETUP", 1)[1])
        self.thread, self.session = setup["thread"], setup["session"]

    def start_server(self, port: int) -> subprocess.Popen:
        log = self.scratch / f"serve-{port}.log"
        proc = self.procs.start(
            f"parley serve :{port}",
            [
                BIN / "parley",
                "serve",
                *("--host", "127.0.0.1", "--port", port),
                *("--workers", "1", "--server", SERVER),
                "--no-scheduler",
                "--no-worker",
            ],
            env=self.env(port),
            log=log,
            preexec=nofile_preexec(self.nofile),
        )
        started = time.monotonic()
        last = "no answer"
        path = f"/live/threads/{self.thread}/events"
        while time.monotonic() - started < READY_TIMEOUT:
            if proc.poll() is not None:
                raise BenchError(f"parley serve exited before answering\n{tail(log)}")
            try:
                status, _ = get_json(port, path, timeout=5)
                if status == 200:
                    return proc
                last = f"status {status}"
            except OSError as exc:
                last = str(exc)
            time.sleep(0.25)
        raise BenchError(f"parley serve: no 200 from {path} ({last})\n{tail(log)}")

    # One level

    async def run_level(self, count: int) -> Level:
        level = Level(count)
        port = free_port()
        say(f"{count:,} clients: starting parley serve --server {SERVER} on port {port}")
        server = await asyncio.to_thread(self.start_server, port)
        log = self.scratch / f"serve-{port}.log"
        try:
            await self.measure(level, port, server)
        finally:
            await asyncio.to_thread(self.procs.stop, server)
        for line in tail(log, 400).splitlines():
            if re.search(r"Traceback|ERROR|Error:|Too many open files", line):
                level.notes.append(f"server log: {line.strip()[:160]}")
        level.notes = level.notes[:8]
        return level

    async def measure(self, level: Level, port: int, server: subprocess.Popen) -> None:
        count = level.clients
        # Warm up: one follower, two comments, so that the first client and post of the
        # level do not pay for imports and connections; then the baseline.
        warm = Generator(port, self.thread)
        await warm.connect(1)
        for n in range(2):
            status, answer, _ = await asyncio.to_thread(
                post_comment, port, self.thread, self.session, f"Warm-up {n} {uuid.uuid4().hex}"
            )
            if status not in (201, 202):
                raise BenchError(f"warm-up POST answered {status}: {answer}")
        await asyncio.sleep(0.5)
        await warm.close()
        await asyncio.sleep(SETTLE)
        level.rss0, _ = tree_rss(server.pid)

        gen = Generator(port, self.thread)
        try:
            say(f"{count:,} clients: connecting, {BATCH} at a time")
            level.connect_s = await gen.connect(count)
            level.connected = sum(c.connected for c in gen.clients)
            level.failed = count - level.connected
            if gen.gave_up is not None:
                level.notes.append(
                    f"the server stopped accepting after {level.connected:,} clients: "
                    f"connecting stopped at client {gen.gave_up + 1:,}"
                )
            level.connect_retries = sum(c.failures for c in gen.clients)
            say(
                f"{count:,} clients: {level.connected:,} connected in {level.connect_s:.1f}s "
                f"({level.failed} failed, {level.connect_retries} retries)"
            )
            await asyncio.sleep(SETTLE)
            level.rss_n, level.processes = tree_rss(server.pid)
            # Does the worker still answer an ordinary request (Django) while it holds them?
            probe = f"/api/v1/threads/{self.thread}/comments"
            started = time.monotonic()
            try:
                status, _ = await asyncio.to_thread(get_json, port, probe, 10)
                level.probe_ms = (time.monotonic() - started) * 1000
                if status != 200:
                    level.notes.append(f"GET {probe} answered {status} with clients held")
            except OSError as exc:
                level.notes.append(f"GET {probe} with clients held: no answer in 10 s ({exc})")
            status, head = await asyncio.to_thread(
                get_json, port, f"/live/threads/{self.thread}/events"
            )
            head_before = head["head"]
            pids = tree_pids(server.pid)
            server_cpu0, gen_cpu0, wall0 = cpu_seconds(pids), time.process_time(), time.monotonic()

            say(f"{count:,} clients: posting {RATE:g}/s for {DURATION:g}s")
            posts = await self.post(port)
            poster_cpu = posts.pop()  # its own CPU seconds, the last item
            answered = {p["id"]: p["t"] for p in posts if p["status"] == 201 and p.get("id")}
            posted_at = {p["id"]: p["sent"] for p in posts if p["status"] == 201 and p.get("id")}
            level.posted = len(answered)
            for p in posts:
                if p["status"] != 201:
                    key = str(p["status"])
                    level.post_other[key] = level.post_other.get(key, 0) + 1
                    if len(level.notes) < 3:
                        level.notes.append(f"POST {p['status']}: {p.get('answer')}")
            post_ms = sorted((p["t"] - p["sent"]) * 1000 for p in posts if p["status"] == 201)
            level.post_p50, level.post_p99 = percentile(post_ms, 0.5), percentile(post_ms, 0.99)

            # Which seq each posted comment got: from the stream's own log.
            status, log = await asyncio.to_thread(
                get_json, port, f"/live/threads/{self.thread}/events?after={head_before}"
            )
            sent_at: dict[int, float] = {}  # seq -> when its 201 arrived
            posted: dict[int, float] = {}  # seq -> when its POST was sent
            for event in log.get("events", []):
                ids = event["data"].get("ids") or []
                if event["kind"] == "comment.created" and ids and ids[0] in answered:
                    sent_at[event["id"]] = answered[ids[0]]
                    posted[event["id"]] = posted_at[ids[0]]
            level.events = len(sent_at)
            if level.events != level.posted:
                level.notes.append(
                    f"{level.posted} comments got a 201 but the log holds {level.events} "
                    "comment.created events for them"
                )
            top = max(sent_at, default=head_before)
            last_answer = max(sent_at.values(), default=time.monotonic())
            following = [c for c in gen.clients if c.connected]
            while time.monotonic() < last_answer + GRACE:
                if all(c.last >= top for c in following):
                    break
                await asyncio.sleep(0.1)
            level.waited_s = max(0.0, time.monotonic() - last_answer)
            wall = time.monotonic() - wall0
            level.server_cpu = (cpu_seconds(tree_pids(server.pid)) - server_cpu0) / wall * 100
            level.gen_cpu = (time.process_time() - gen_cpu0 + poster_cpu) / wall * 100
            level.rss_after, _ = tree_rss(server.pid)

            latencies: list[float] = []
            from_post: list[float] = []
            for client in following:
                seen = set()
                for seq, at in zip(client.seqs, client.times, strict=True):
                    if seq in sent_at and seq not in seen:
                        seen.add(seq)
                        latencies.append((at - sent_at[seq]) * 1000)
                        from_post.append((at - posted[seq]) * 1000)
                level.lost += len(sent_at) - len(seen)
                level.disorder += client.disorder
                level.reconnects += client.reconnects
                level.closed_by_server += client.closed_by_server
            level.expected = len(following) * len(sent_at)
            level.received = len(latencies)
            level.before_201 = sum(1 for ms in latencies if ms < 0)
            latencies.sort()
            level.lat_p50 = percentile(latencies, 0.5)
            level.lat_p99 = percentile(latencies, 0.99)
            level.lat_max = latencies[-1] if latencies else math.nan
            from_post.sort()
            level.sent_p50 = percentile(from_post, 0.5)
            level.sent_p99 = percentile(from_post, 0.99)
            level.errors = dict(gen.errors)
        finally:
            await gen.close()

    async def post(self, port: int) -> list:
        """Run the poster process; its answers, then its CPU seconds."""
        out = self.scratch / f"posts-{port}.jsonl"
        with open(out, "wb") as stdout:
            proc = self.procs.start(
                "poster",
                [
                    BIN / "python",
                    Path(__file__).resolve(),
                    "--poster",
                    *(port, self.thread, self.session, RATE, DURATION),
                ],
                env=self.env(port),
                log=self.scratch / "poster.log",
                stdout=stdout,
            )
        cpu = 0.0
        deadline = time.monotonic() + DURATION + 120
        while proc.poll() is None and time.monotonic() < deadline:
            cpu = cpu_seconds([proc.pid]) or cpu
            await asyncio.sleep(0.1)
        await asyncio.to_thread(self.procs.stop, proc)
        if proc.returncode != 0:
            log = tail(self.scratch / "poster.log")
            raise BenchError(f"the poster failed ({proc.returncode})\n{log}")
        posts = [json.loads(line) for line in out.read_text().splitlines() if line.strip()]
        return [*posts, cpu]

    # The whole run

    async def run_levels(self) -> None:
        for count in LEVELS:
            level = await self.run_level(count)
            self.levels.append(level)
            say(
                f"{count:,} clients: lost {level.lost}, p99 {fmt(level.lat_p99)} ms, "
                f"{fmt(level.kb_per_client)} KB per client"
            )

    def run(self) -> Path:
        self.check()
        self.system_notes()
        self.set_up()
        self.note(f"set-up done after {time.monotonic() - self.started:.0f}s")
        loop_name = "asyncio"
        if LOOP == "uvloop":
            try:
                import uvloop

                loop_name = f"uvloop {version('uvloop')}"
                runner = uvloop.run
            except ImportError:
                runner = asyncio.run
        else:
            runner = asyncio.run
        self.loop_name = loop_name
        runner(self.run_levels())
        self.note(f"whole run: {time.monotonic() - self.started:.0f}s")
        text = self.report()
        out = BENCH / "results" / f"live_fanout-{datetime.now():%Y%m%d-%H%M%S}.txt"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text)
        print(text)
        say(f"saved to {out.relative_to(ROOT)}")
        return out

    def cleanup(self) -> None:
        self.procs.stop_all()
        with contextlib.suppress(Exception):
            self.drop_database()
        shutil.rmtree(self.scratch, ignore_errors=True)

    # Report

    def report(self) -> str:
        lines = []
        add = lines.append
        add(f"Parley live fan-out benchmark, {datetime.now().astimezone():%Y-%m-%d %H:%M:%S %z}")
        add(self.commit())
        add(self.versions())
        cpu = "unknown CPU"
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        add(f"{os.cpu_count()} CPUs ({cpu}); the load generator shares them with the server")
        add(f"load average at the start / end: {self.load_before} / {loadavg()}")
        database = "PostgreSQL" if self.database or DATABASE_URL else "SQLite"
        add(
            f"parley serve --server {SERVER} --workers 1 --no-scheduler --no-worker, {database}"
            + (", Redis pub/sub" if REDIS_URL else ", no Redis (in-process fan-out)")
        )
        add(
            f"posting {RATE:g} comments/s for {DURATION:g} s per level (signed-in reader, real "
            f"API, default moderation incl. the profanity scorer); clients on {self.loop_name}, "
            f"{BATCH} connects at a time, {SOURCES} source addresses; grace {GRACE:g} s"
        )
        add("")
        width = 15
        add(f"{'clients':34}" + "".join(f"{lv.clients:>{width},}" for lv in self.levels))
        rows = [
            ("connected", lambda lv: f"{lv.connected:,}"),
            ("failed (after retries)", lambda lv: f"{lv.failed:,}"),
            ("connect retries", lambda lv: f"{lv.connect_retries:,}"),
            ("time to connect all (s)", lambda lv: fmt(lv.connect_s)),
            ("GET thread API, clients held (ms)", lambda lv: fmt(lv.probe_ms)),
            ("comments posted (201)", lambda lv: f"{lv.posted}"),
            ("  other answers", lambda lv: others(lv.post_other)),
            ("  POST p50 / p99 (ms)", lambda lv: f"{fmt(lv.post_p50, 0)} / {fmt(lv.post_p99, 0)}"),
            ("events (comment.created)", lambda lv: f"{lv.events}"),
            ("deliveries expected", lambda lv: f"{lv.expected:,}"),
            ("deliveries received", lambda lv: f"{lv.received:,}"),
            ("LOST", lambda lv: f"{lv.lost:,}"),
            ("ids not increasing", lambda lv: f"{lv.disorder:,}"),
            ("closed by server / reconnects", lambda lv: f"{lv.closed_by_server}/{lv.reconnects}"),
            ("latency p50 (ms)", lambda lv: fmt(lv.lat_p50)),
            ("latency p99 (ms)", lambda lv: fmt(lv.lat_p99)),
            ("latency max (ms)", lambda lv: fmt(lv.lat_max)),
            ("  arrived before the 201", lambda lv: f"{lv.before_201:,}"),
            ("from POST sent p50 (ms)", lambda lv: fmt(lv.sent_p50)),
            ("from POST sent p99 (ms)", lambda lv: fmt(lv.sent_p99)),
            ("  waited after last 201 (s)", lambda lv: fmt(lv.waited_s)),
            ("server RSS baseline (MB)", lambda lv: fmt(lv.rss0)),
            ("server RSS with clients (MB)", lambda lv: fmt(lv.rss_n)),
            ("server RSS after posting (MB)", lambda lv: fmt(lv.rss_after)),
            ("KB per client", lambda lv: fmt(lv.kb_per_client)),
            ("server processes", lambda lv: f"{lv.processes}"),
            ("server CPU, posting (% of 1 core)", lambda lv: fmt(lv.server_cpu, 0)),
            ("generator CPU, posting (%)", lambda lv: fmt(lv.gen_cpu, 0)),
        ]
        for name, cell in rows:
            add(f"{name:34}" + "".join(f"{cell(lv):>{width}}" for lv in self.levels))
        add("")
        add("  (CPU: user+system over the posting window and the wait for the last delivery;")
        add("   generator = this process's clients plus the poster process.)")
        add("")
        add("Targets (issue #5)")
        biggest = max(self.levels, key=lambda lv: lv.clients, default=None)
        if biggest:
            ok = biggest.clients >= 10000 and biggest.connected >= 10000
            add(
                f"  {'PASS' if ok else 'FAIL'}  10,000 clients on one worker: "
                f"{biggest.connected:,} of {biggest.clients:,} connected"
            )
            ok = biggest.lat_p99 < 1000
            add(
                f"  {'PASS' if ok else 'FAIL'}  p99 delivery < 1 s at {biggest.clients:,}: "
                f"{fmt(biggest.lat_p99)} ms"
            )
            ok = biggest.kb_per_client < 50
            add(
                f"  {'PASS' if ok else 'FAIL'}  < 50 KB of server memory per client at "
                f"{biggest.clients:,}: {fmt(biggest.kb_per_client)} KB"
            )
            lost = sum(lv.lost for lv in self.levels)
            disorder = sum(lv.disorder for lv in self.levels)
            ok = lost == 0 and disorder == 0 and all(lv.connected for lv in self.levels)
            add(
                f"  {'PASS' if ok else 'FAIL'}  nothing lost, ids strictly increasing: "
                f"{lost} lost, {disorder} out of order, all levels"
            )
        add("")
        add("Checks and notes")
        for note in self.notes:
            add(f"  {note}")
        for lv in self.levels:
            if lv.errors:
                add(f"  {lv.clients:,}: client errors {lv.errors}")
            for note in lv.notes:
                add(f"  {lv.clients:,}: {note}")
        return "\n".join(lines) + "\n"

    def commit(self) -> str:
        def git(*args):
            return subprocess.run(
                ["git", *args], cwd=ROOT, capture_output=True, text=True, check=False
            )

        head = git("rev-parse", "--short", "HEAD").stdout.strip() or "unknown"
        dirty = git("diff", "--quiet", "HEAD", "--", "parley").returncode != 0
        return f"commit {head}" + (" (+ uncommitted changes in parley/)" if dirty else "")

    def versions(self) -> str:
        found = []
        for name in ("django", "granian", "uvicorn", "uvloop", "httptools"):
            with contextlib.suppress(PackageNotFoundError):
                found.append(f"{name} {version(name)}")
        return f"Python {platform.python_version()}, " + ", ".join(found)


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--poster":
        port, thread, session, rate, duration = sys.argv[2:7]
        return poster_main(int(port), int(thread), session, float(rate), float(duration))
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.parse_args()

    def stop(signum, frame):
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGHUP, stop)
    bench = Bench()
    try:
        bench.run()
    except BenchError as exc:
        print(f"live_fanout.py: {exc}", file=sys.stderr)
        return 1
    finally:
        bench.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
