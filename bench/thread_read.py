"""Benchmark reading and posting discussion threads against a bare ASGI floor and Isso.

    .venv/bin/python bench/thread_read.py                  # everything, 10 s per measurement
    DURATION=5s .venv/bin/python bench/thread_read.py --no-article

It builds a throw-away Parley (its own SQLite database and cache file in a temporary folder:
`parley migrate`, `collectstatic` for the sign-in page, then bench/thread_seed.py posting
through the services) with three threads of 10, 200 and 2,000 comments: 60% top-level, the
rest replies up to depth 4, Markdown bodies of 100-400 characters with emphasis and a link,
by 50 users. Isso (bench/.isso-venv, installed on first use) gets the same comments through
its API. Then, with wrk on loopback:

  reads   for each thread, (a) the first page: GET /api/v1/threads/{id}/comments, anonymous,
          so from Parley's cache (X-Cache and ETag are checked and noted), and (b) everything
          one response can hold: ?limit=200&replies=200 (measured once when its bytes are
          those of (a)), each against
            - `parley serve --server $SERVER --workers 2 --no-scheduler` (granian by default),
            - bench/bare_json_asgi.py replaying Parley's exact response under the same server
              with the same number of workers (the floor),
            - Isso under gunicorn (-w 2, sync, as ISSO.md says): GET /?uri=<thread> for (a),
              which is what its widget loads (the whole thread), and
              GET /?uri=<thread>&limit=200&nested_limit=200 for (b);
  posting WRITERS (8) signed-in writers, one connection each, on SQLite: Parley's
          POST /api/v1/threads/{id}/comments with a session cookie and X-CSRFToken, and Isso's
          POST /new?uri=…, with the CPU time each server's processes spent per comment; then
          every acknowledged Parley comment is looked up in the database;
  article (unless --no-article) `parley demo --no-serve` in a second data folder (set up in the
          background while the rest is prepared), then the long-thread article warm (page
          cache HIT) and rendered (a session cookie skips the page cache).

It prints req/s, p50 and p99 latency, the ratios Parley/bare and Parley/Isso, the resident
memory of each server's process tree after its reads, and PASS/FAIL for the targets, and saves
the table to bench/results/thread_read-<date>.txt. Every process it starts runs in a process
group of its own and is stopped on exit, and the temporary folder is removed.

A slow server (Isso on big threads) is measured with fewer connections than CONNECTIONS when
CONNECTIONS requests queued behind its workers would wait longer than half the duration (wrk
would otherwise time out or count nothing); the table shows the connections used.

Settings (environment): DURATION=10s  CONNECTIONS=32  THREADS=2  WORKERS=2  WARMUP=1s
WRITERS=8  ARTICLE=/middle-east/ceasefire-talks-resume-in-geneva/  READY_TIMEOUT=90
SERVER=granian|uvicorn (both Parley and the bare app run under it; granian, `parley serve`'s
default, was the faster of the two in bench/article_page.sh)
"""

from __future__ import annotations

import argparse
import concurrent.futures
import contextlib
import http.client
import json
import math
import os
import platform
import random
import re
import secrets
import shlex
import shutil
import signal
import string
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from urllib.parse import quote, urlencode

from common import (
    BenchError,
    Processes,
    free_port,
    loadavg,
    say,
    tail,
    tree_cpu,
    tree_rss,
)

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
BIN = ROOT / ".venv" / "bin"
ISSO_VENV = BENCH / ".isso-venv"
POST_SCRIPT = BENCH / "thread_post.lua"
SEED_SCRIPT = BENCH / "thread_seed.py"

DURATION = os.environ.get("DURATION", "10s")
CONNECTIONS = int(os.environ.get("CONNECTIONS", "32"))
THREADS = int(os.environ.get("THREADS", "2"))
WORKERS = int(os.environ.get("WORKERS", "2"))
WARMUP = os.environ.get("WARMUP", "1s")
WRITERS = int(os.environ.get("WRITERS", "8"))
SERVER = os.environ.get("SERVER", "granian")
ARTICLE = os.environ.get("ARTICLE", "/middle-east/ceasefire-talks-resume-in-geneva/")
READY_TIMEOUT = float(os.environ.get("READY_TIMEOUT", "90"))

SIZES = (10, 200, 2000)
AUTHORS = 50
POST_SIZE = 200  # the thread both posting tests write to
SEED = 20261127
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
    "ISSO_SETTINGS",
)
# Headers of Parley's response that the bare app must not replay as they are.
UNREPLAYED = {"date", "server", "content-length", "connection", "transfer-encoding"}


def seconds(duration: str) -> float:
    """wrk's duration syntax (10, 10s, 2m, 1h) in seconds."""
    match = re.fullmatch(r"(\d+(?:\.\d+)?)([smh]?)", duration.strip())
    if not match:
        raise BenchError(f"DURATION must look like 10s, 2m or 10 (got {duration!r})")
    return float(match[1]) * {"": 1, "s": 1, "m": 60, "h": 3600}[match[2]]


# Comment texts -----------------------------------------------------------------------------

VOCABULARY = (
    "the council said its vote on the budget would come after a review of the transport plan "
    "ministers want more detail on costs while residents asked why the station closed early "
    "critics point to the report from last year which found delays on every line and warned "
    "that fares could rise again unless the new contract is signed before winter many readers "
    "wrote that local schools and clinics matter more than a faster road to the airport and "
    "others argued the opposite because jobs depend on it the mayor promised an answer soon"
)
WORDS = VOCABULARY.split()
LINK_TEXTS = ("the report", "this analysis", "the council minutes", "a similar story", "source")


def sentence(rng: random.Random, *, emphasis: bool = False) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(6, 14))]
    if emphasis or rng.random() < 0.4:
        i = rng.randrange(len(words))
        words[i] = f"*{words[i]}*"
    if rng.random() < 0.2:
        i = rng.randrange(len(words))
        words[i] = f"**{words[i]}**"
    text = " ".join(words)
    return text[0].upper() + text[1:] + rng.choice(".....?!")


def comment_text(rng: random.Random) -> str:
    """100-400 characters of Markdown: sentences, some emphasis, one link."""
    target = rng.randint(100, 400)
    slug = "-".join(rng.choice(WORDS) for _ in range(3))
    parts = [f"See [{rng.choice(LINK_TEXTS)}](https://news.example.org/{slug}/)."]
    while True:
        next_sentence = sentence(rng, emphasis=len(parts) == 1)
        length = len(" ".join(parts))
        if length >= 100 and length + 1 + len(next_sentence) > target:
            break
        parts.insert(rng.randrange(len(parts) + 1), next_sentence)
    text = " ".join(parts)
    if len(parts) > 2 and len(text) < 400 and rng.random() < 0.4:
        cut = rng.randrange(1, len(parts))
        text = " ".join(parts[:cut]) + "\n\n" + " ".join(parts[cut:])
    return text


def thread_comments(rng: random.Random, size: int) -> list[dict]:
    """`size` comments in posting order: 60% top-level first, then replies, each to a random
    earlier comment of depth below 4 (so up to depth 4), by AUTHORS users.

    Top-level comments come first so that the newest ones (Parley's first page) have as many
    replies as the others; posted as they come, the newest would have almost none.
    """
    tops = round(size * 0.6)
    items: list[dict] = []
    open_parents: list[int] = []
    for index in range(size):
        parent, depth = None, 0
        if index >= tops:
            parent = rng.choice(open_parents)
            depth = items[parent]["depth"] + 1
        items.append(
            {
                "parent": parent,
                "depth": depth,
                "author": rng.randrange(AUTHORS),
                "body": comment_text(rng),
            }
        )
        if depth < 4:
            open_parents.append(index)
    return items


def make_spec() -> dict:
    rng = random.Random(SEED)
    return {
        "password": secrets.token_urlsafe(12),
        "users": [f"bench{n:02d}" for n in range(1, AUTHORS + 1)],
        "threads": [
            {
                "key": f"t{size}",
                "url": f"https://elsewhere.example/bench/t{size}/",
                "title": f"Benchmark thread with {size} comments",
                "size": size,
                "comments": thread_comments(rng, size),
            }
            for size in SIZES
        ],
        "post_bodies": [comment_text(rng) for _ in range(64)],
    }


# Processes ---------------------------------------------------------------------------------


# HTTP --------------------------------------------------------------------------------------


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    header_list: list[tuple[str, str]]
    cookies: dict[str, str]
    body: bytes
    ms: float


def fetch(port: int, path: str, *, method="GET", headers=None, body=None, timeout=60) -> Reply:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        started = time.perf_counter()
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        data = response.read()
        elapsed = (time.perf_counter() - started) * 1000
        cookies = {}
        for item in response.msg.get_all("Set-Cookie") or []:
            name, _, rest = item.partition("=")
            cookies[name.strip()] = rest.split(";", 1)[0]
        header_list = list(response.getheaders())
        return Reply(
            status=response.status,
            headers={k.lower(): v for k, v in header_list},
            header_list=header_list,
            cookies=cookies,
            body=data,
            ms=elapsed,
        )
    finally:
        conn.close()


def wait_ready(port: int, path: str, proc: subprocess.Popen, log: Path, what: str) -> float:
    started = time.monotonic()
    last = "no answer"
    while time.monotonic() - started < READY_TIMEOUT:
        if proc.poll() is not None:
            raise BenchError(f"{what} exited before answering {path}\n{tail(log)}")
        try:
            reply = fetch(port, path, timeout=10)
            if reply.status == 200:
                return time.monotonic() - started
            last = f"status {reply.status}"
        except OSError as exc:
            last = str(exc)
        time.sleep(0.25)
    raise BenchError(f"{what}: no 200 from {path} after {READY_TIMEOUT:.0f}s ({last})\n{tail(log)}")


def sample(port: int, path: str, headers=None) -> tuple[Reply, float]:
    """One GET, and two more if it was quick: the reply and the best time alone (ms)."""
    reply = fetch(port, path, headers=headers, timeout=120)
    best = reply.ms
    if reply.ms < 500:
        for _ in range(2):
            again = fetch(port, path, headers=headers, timeout=120)
            best = min(best, again.ms)
    return reply, best


# wrk ---------------------------------------------------------------------------------------


@dataclass
class Run:
    rps: float = 0.0
    p50: float = math.nan
    p99: float = math.nan
    requests: int = 0
    non2xx: int = 0
    sockerr: int = 0
    timeouts: int = 0
    connections: int = 0
    statuses: dict[int, int] = field(default_factory=dict)
    cpu_s: float = math.nan  # CPU seconds the server's processes used during the run
    duration_s: float = 0.0
    output: str = ""


def to_ms(value: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value)
    if not match:
        return math.nan
    number = float(match[1])
    return number * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[match[2]]


def parse_wrk(text: str, connections: int) -> Run:
    run = Run(connections=connections, output=text)
    for line in text.splitlines():
        line = line.strip()
        if m := re.match(r"50%\s+(\S+)", line):
            run.p50 = to_ms(m[1])
        elif m := re.match(r"99%\s+(\S+)", line):
            run.p99 = to_ms(m[1])
        elif m := re.match(r"(\d+) requests in ([\d.]+)(\w+)", line):
            run.requests = int(m[1])
        elif m := re.match(r"Requests/sec:\s+([\d.]+)", line):
            run.rps = float(m[1])
        elif m := re.match(r"Non-2xx or 3xx responses:\s+(\d+)", line):
            run.non2xx = int(m[1])
        elif m := re.match(
            r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", line
        ):
            run.sockerr = sum(int(x) for x in m.groups()[:3])
            run.timeouts = int(m[4])
        elif m := re.match(r"STATUS (\d+) (\d+)", line):
            run.statuses[int(m[1])] = int(m[2])
        elif m := re.match(r"DURATION_US (\d+)", line):
            run.duration_s = int(m[1]) / 1e6
    return run


def wrk(
    url: str,
    *,
    connections: int,
    threads: int,
    duration: str,
    headers=(),
    script: Path | None = None,
    env: dict | None = None,
) -> Run:
    argv = ["wrk", "--latency", "-t", str(threads), "-c", str(connections), "-d", duration]
    argv += ["--timeout", "10s"]
    for header in headers:
        argv += ["-H", header]
    if script:
        argv += ["-s", str(script)]
    argv.append(url)
    done = subprocess.run(
        argv,
        capture_output=True,
        text=True,
        timeout=seconds(duration) + 60,
        env=env,
        check=False,
    )
    if done.returncode != 0:
        raise BenchError(f"wrk failed ({done.returncode}): {done.stderr.strip()}")
    return parse_wrk(done.stdout, connections)


# Results -----------------------------------------------------------------------------------


@dataclass
class Row:
    group: str  # "t10", "t200", "t2000", "article", "post"
    case: str
    server: str  # parley, bare, isso
    run: Run | None
    bytes: int = 0
    note: str = ""
    alone_ms: float = 0.0  # one request on an idle server


def fmt(value: float, digits: int = 1) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "n/a"
    return f"{value:.{digits}f}"


def ratio(a: float | None, b: float | None) -> float:
    if not a or not b:
        return math.nan
    return a / b


def count_parley(page: dict) -> tuple[int, int]:
    """(top-level, all) comments in a Parley page."""

    def walk(items):
        return sum(1 + walk(c["replies"]) for c in items)

    return len(page["comments"]), walk(page["comments"])


def count_isso(page: dict) -> tuple[int, int]:
    def walk(items):
        return sum(1 + walk(c.get("replies", [])) for c in items)

    return len(page["replies"]), walk(page["replies"])


# The benchmark -----------------------------------------------------------------------------


class Bench:
    def __init__(self, with_article: bool) -> None:
        self.with_article = with_article
        self.procs = Processes()
        self.scratch = Path(tempfile.mkdtemp(prefix="parley-thread-bench."))
        self.rows: list[Row] = []
        self.notes: list[str] = []
        self.rss: list[tuple[str, float, int]] = []
        self.duration_s = seconds(DURATION)
        self.started = time.monotonic()
        self.load_before = loadavg()
        self.spec: dict = {}
        self.seeded: dict = {}
        self.isso_ids: dict[str, list[int]] = {}
        self.parley_bodies: dict[tuple[int, str], bytes] = {}
        self.parley_paths: dict[tuple[int, str], str] = {}
        self.bare_manifest: dict[str, dict] = {}
        self.post_checks: list[str] = []
        self.demo_proc: subprocess.Popen | None = None
        self.demo_port = free_port()
        self.secret_key = "".join(
            secrets.choice(string.ascii_letters + string.digits + "-_!@#%^*+=") for _ in range(50)
        )

    def note(self, message: str) -> None:
        self.notes.append(message)
        say(message)

    # Environments

    def parley_env(self, data_dir: Path, port: int) -> dict:
        env = {k: v for k, v in os.environ.items() if k not in DROPPED_ENV}
        env.update(
            PARLEY_DATA_DIR=str(data_dir),
            SECRET_KEY=self.secret_key,
            DJANGO_SETTINGS_MODULE="parley.settings",
            PARLEY_COMMENT_RATE_BURST="0",
            PARLEY_COMMENT_RATE_IP_BURST="0",
            PARLEY_MODERATION_DUPLICATE_SECONDS="0",
            PARLEY_BASE_URL=f"http://127.0.0.1:{port}",
            LOG_LEVEL="WARNING",
        )
        return env

    # Set-up

    def check_tools(self) -> None:
        if SERVER not in ("uvicorn", "granian"):
            raise BenchError(f"SERVER must be uvicorn or granian (got {SERVER!r})")
        for tool in (BIN / "parley", BIN / "python", BIN / SERVER):
            if not os.access(tool, os.X_OK):
                raise BenchError(f"{tool} not found: create .venv first (make demo or make test)")
        if not shutil.which("wrk"):
            raise BenchError("wrk not found: apt-get install wrk")

    def start_demo(self) -> None:
        data = self.scratch / "demo"
        say(f"starting `parley demo --no-serve` in {data} (in the background)")
        self.demo_proc = self.procs.start(
            "parley demo",
            [BIN / "parley", "demo", "--no-serve"],
            env=self.parley_env(data, self.demo_port),
            log=self.scratch / "demo.log",
        )
        self.demo_started = time.monotonic()

    def start_parley_setup(self) -> subprocess.Popen:
        data = self.scratch / "parley"
        say(f"setting up the thread site in {data}: migrate, collectstatic, seed")
        parley = shlex.quote(str(BIN / "parley"))
        script = " && ".join(
            [
                f"{parley} migrate -v0",
                f"{parley} collectstatic --noinput -v0",
                f"{shlex.quote(str(BIN / 'python'))} {shlex.quote(str(SEED_SCRIPT))} "
                f"{shlex.quote(str(self.scratch / 'spec.json'))} "
                f"{shlex.quote(str(self.scratch / 'seeded.json'))}",
            ]
        )
        self.setup_started = time.monotonic()
        return self.procs.start(
            "parley set-up",
            ["/bin/sh", "-c", script],
            env=self.parley_env(data, 8000),
            log=self.scratch / "setup.log",
        )

    def ensure_isso(self) -> None:
        gunicorn = ISSO_VENV / "bin" / "gunicorn"
        if os.access(gunicorn, os.X_OK) and (ISSO_VENV / "bin" / "python").exists():
            probe = subprocess.run(
                [ISSO_VENV / "bin" / "python", "-c", "import isso, gunicorn"],
                capture_output=True,
                check=False,
            )
            if probe.returncode == 0:
                return
        say(f"installing isso and gunicorn into {ISSO_VENV} (first run only)")
        log = self.scratch / "isso-install.log"
        env = dict(os.environ)
        self.procs.run(
            "python -m venv",
            [sys.executable, "-m", "venv", "--clear", ISSO_VENV],
            env=env,
            log=log,
            timeout=120,
        )
        self.procs.run(
            "pip install isso gunicorn",
            [ISSO_VENV / "bin" / "pip", "install", "--quiet", "isso", "gunicorn"],
            env=env,
            log=log,
            timeout=300,
        )

    def isso_config(self, port: int) -> Path:
        cfg = self.scratch / "isso.cfg"
        cfg.write_text(
            f"""[general]
dbpath = {self.scratch / "isso" / "comments.db"}
host = https://elsewhere.example/
max-age = 15m
notify = stdout
gravatar = false
latest-enabled = false

[admin]
enabled = false

[moderation]
enabled = false

[server]
listen = http://127.0.0.1:{port}
trusted-proxies = 127.0.0.1

[guard]
enabled = true
ratelimit = 1000000
direct-reply = 1000000
reply-to-self = true
require-author = false
require-email = false
"""
        )
        (self.scratch / "isso").mkdir(exist_ok=True)
        return cfg

    def start_isso(self) -> tuple[subprocess.Popen, int]:
        port = free_port()
        cfg = self.isso_config(port)
        env = {k: v for k, v in os.environ.items() if k not in DROPPED_ENV}
        env["ISSO_SETTINGS"] = str(cfg)
        log = self.scratch / "isso.log"
        proc = self.procs.start(
            "isso (gunicorn)",
            [
                ISSO_VENV / "bin" / "gunicorn",
                "-b",
                f"127.0.0.1:{port}",
                "-w",
                str(WORKERS),
                "--preload",
                "isso.run",
            ],
            env=env,
            log=log,
        )
        wait_ready(port, "/config", proc, log, "isso")
        return proc, port

    def isso_post(self, port: int, uri: str, payload: dict, address: str) -> int:
        reply = fetch(
            port,
            f"/new?uri={quote(uri)}",
            method="POST",
            body=json.dumps(payload).encode(),
            headers={"Content-Type": "application/json", "X-Forwarded-For": address},
        )
        if reply.status != 201:
            raise BenchError(
                f"isso POST /new?uri={uri} answered {reply.status}: {reply.body[:200]!r}\n"
                f"{tail(self.scratch / 'isso.log')}"
            )
        return json.loads(reply.body)["id"]

    def load_isso(self, port: int) -> None:
        """Post every thread's comments to Isso, parents first (by depth, 8 at a time)."""
        started = time.monotonic()
        # Not a with-block: on an error or a signal, queued posts are dropped, not run.
        pool = concurrent.futures.ThreadPoolExecutor(8)
        try:
            for thread in self.spec["threads"]:
                uri = f"/bench/{thread['key']}"
                comments = thread["comments"]
                ids: list[int | None] = [None] * len(comments)
                for depth in range(5):
                    batch = [i for i, c in enumerate(comments) if c["depth"] == depth]

                    def post(i, uri=uri, comments=comments, ids=ids, title=thread["title"]):
                        c = comments[i]
                        payload = {
                            "text": c["body"],
                            "author": self.spec["users"][c["author"]],
                            "title": title,
                            "parent": ids[c["parent"]] if c["parent"] is not None else None,
                        }
                        return i, self.isso_post(port, uri, payload, f"10.66.{c['author']}.1")

                    if depth == 0:
                        # The first comment creates the thread: two workers doing that at
                        # once would both insert it (Isso's lock is per process).
                        ids[batch[0]] = post(batch[0])[1]
                        batch = batch[1:]
                    for i, isso_id in pool.map(post, batch):
                        ids[i] = isso_id
                self.isso_ids[thread["key"]] = ids  # type: ignore[assignment]
        finally:
            pool.shutdown(wait=False, cancel_futures=True)
        counts = self.isso_counts(port)
        self.note(
            f"isso: loaded {sum(counts)} comments in {time.monotonic() - started:.0f}s "
            f"(counts {counts}, expected {list(SIZES)})"
        )
        if counts != list(SIZES):
            raise BenchError(f"isso holds {counts} comments, not {list(SIZES)}")

    def isso_counts(self, port: int, keys=None) -> list[int]:
        keys = keys or [f"t{size}" for size in SIZES]
        reply = fetch(
            port,
            "/count",
            method="POST",
            body=json.dumps([f"/bench/{k}" for k in keys]).encode(),
            headers={"Content-Type": "application/json"},
        )
        return json.loads(reply.body)

    # Measurements

    def connections_for(self, single_ms: float) -> int:
        """CONNECTIONS, or fewer if that many queued requests would wait over half the run."""
        wait_s = single_ms / 1000 * CONNECTIONS / WORKERS
        if wait_s <= self.duration_s / 2:
            return CONNECTIONS
        return max(WORKERS, int(self.duration_s / 2 * WORKERS / (single_ms / 1000)))

    def drain(self, port: int, path: str) -> None:
        """Wait until requests that wrk left queued at the end of a run have been served."""
        try:
            fetch(port, path, timeout=120)
        except OSError as exc:
            self.note(f"WARNING: drain request to :{port}{path} failed: {exc}")

    def measure(self, port: int, path: str, *, headers=(), single_ms=0.0, drain=None) -> Run:
        url = f"http://127.0.0.1:{port}{path}"
        connections = self.connections_for(single_ms)
        if connections == CONNECTIONS:
            wrk(url, connections=connections, threads=THREADS, duration=WARMUP, headers=headers)
            self.drain(port, drain or path)
        say(f"wrk -t{THREADS} -c{connections} -d{DURATION} {' '.join(headers)} {url}")
        run = wrk(
            url,
            connections=connections,
            threads=min(THREADS, connections),
            duration=DURATION,
            headers=headers,
        )
        self.drain(port, drain or path)
        say(f"  {run.rps:.1f} req/s, p50 {fmt(run.p50, 2)} ms, p99 {fmt(run.p99, 2)} ms")
        return run

    def record_rss(self, name: str, proc: subprocess.Popen) -> None:
        mb, count = tree_rss(proc.pid)
        self.rss.append((name, mb, count))

    # Parley

    def bench_parley(self) -> None:
        port = free_port()
        env = self.parley_env(self.scratch / "parley", port)
        log = self.scratch / "serve.log"
        first = self.seeded["threads"]["t10"]["id"]
        say(f"parley: starting parley serve --server {SERVER} --workers {WORKERS}, port {port}")
        proc = self.procs.start(
            "parley serve",
            [
                BIN / "parley",
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                port,
                "--workers",
                WORKERS,
                "--no-scheduler",
                "--server",
                SERVER,
            ],
            env=env,
            log=log,
        )
        # A thread lookup is never cached, so the pages below start cold.
        probe = "/api/v1/threads/lookup?site=bench&key=t10"
        ready = wait_ready(port, probe, proc, log, "parley serve")
        self.note(f"parley: answered after {ready:.0f}s")
        cheap = f"/api/v1/threads/{first}/comments"
        for size in SIZES:
            tid = self.seeded["threads"][f"t{size}"]["id"]
            for case, query in (("a", ""), ("b", "?limit=200&replies=200")):
                path = f"/api/v1/threads/{tid}/comments{query}"
                cold = fetch(port, path)
                warm, alone = sample(port, path)
                if cold.status != 200 or warm.status != 200:
                    raise BenchError(f"parley {path}: {cold.status}/{warm.status}\n{tail(log)}")
                if warm.body != cold.body:
                    self.note(f"WARNING: parley {path}: the second GET differs from the first")
                etag = warm.headers.get("etag", "")
                conditional = fetch(port, path, headers={"If-None-Match": etag}) if etag else None
                page = json.loads(warm.body)
                tops, total = count_parley(page)
                self.note(
                    f"parley t{size} {case}) {path}: first GET {cold.ms:.0f} ms "
                    f"(X-Cache {cold.headers.get('x-cache', 'none')}), then {alone:.1f} ms "
                    f"(best of 3, X-Cache {warm.headers.get('x-cache', 'none')}), "
                    f"ETag {etag or 'MISSING'}, "
                    f"If-None-Match -> {conditional.status if conditional else 'n/a'}, "
                    f"{len(warm.body)} bytes, {tops} top-level / {total} of {size} comments"
                )
                if not etag:
                    self.note(f"WARNING: parley {path}: no ETag on the second GET")
                self.parley_bodies[(size, case)] = warm.body
                self.parley_paths[(size, case)] = path
                name = f"t{size}-{case}.body"
                (self.scratch / "bare").mkdir(exist_ok=True)
                (self.scratch / "bare" / name).write_bytes(warm.body)
                self.bare_manifest[path] = {
                    "file": name,
                    "headers": [[k, v] for k, v in warm.header_list if k.lower() not in UNREPLAYED],
                }
                label = self.case_label(size, case, tops, total)
                if case == "b" and warm.body == self.parley_bodies[(size, "a")]:
                    self.rows.append(
                        Row(
                            f"t{size}",
                            label,
                            "parley",
                            self.same_as(f"t{size}", "parley"),
                            len(warm.body),
                            "same bytes as a): not measured again",
                        )
                    )
                    continue
                run = self.measure(port, path, single_ms=alone, drain=cheap)
                self.rows.append(Row(f"t{size}", label, "parley", run, len(warm.body)))
        self.record_rss("parley serve (after reads)", proc)
        self.post_parley(port, log, proc)
        self.procs.stop(proc)

    def case_label(self, size: int, case: str, tops: int, total: int) -> str:
        if case == "a":
            return f"a) first page ({tops} top, {total} shown)"
        return f"b) limit=200 ({tops} top, {total} shown)"

    def same_as(self, group: str, server: str) -> Run | None:
        for row in self.rows:
            if row.group == group and row.server == server and row.case.startswith("a)"):
                return row.run
        return None

    def login(self, port: int, username: str) -> dict:
        page = fetch(port, "/accounts/login/")
        token = page.cookies.get("csrftoken")
        match = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page.body)
        if page.status != 200 or not token or not match:
            raise BenchError(f"GET /accounts/login/ answered {page.status} without a CSRF token")
        form = urlencode(
            {
                "login": username,  # django-allauth's form
                "username": username,  # Django's own LoginView
                "password": self.spec["password"],
                "csrfmiddlewaretoken": match[1].decode(),
                "next": "/",
            }
        )
        reply = fetch(
            port,
            "/accounts/login/",
            method="POST",
            body=form.encode(),
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": f"csrftoken={token}",
                "Referer": f"http://127.0.0.1:{port}/accounts/login/",
            },
        )
        session = reply.cookies.get("sessionid")
        if reply.status != 302 or not session:
            errors = re.findall(rb'class="[^"]*error[^"]*"[^>]*>([^<]{0,200})', reply.body)
            raise BenchError(
                f"signing in {username} answered {reply.status} without a session: "
                f"{[e.decode(errors='replace').strip() for e in errors][:3]}"
            )
        token = reply.cookies.get("csrftoken", token)  # rotated on sign-in
        return {
            "name": username,
            "cookie": f"csrftoken={token}; sessionid={session}",
            "token": token,
        }

    def post_config(self, mode: str, path: str, writers: list[dict], parents, ids_out: Path):
        def lua(value: str) -> str:
            escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
            return f'"{escaped}"'

        bodies = [json.dumps(b)[1:-1] for b in self.spec["post_bodies"]]
        writer_items = ", ".join(
            "{ "
            + ", ".join(f"{k} = {lua(w.get(k, ''))}" for k in ("name", "cookie", "token"))
            + " }"
            for w in writers
        )
        text = (
            "return {\n"
            f"  mode = {lua(mode)},\n"
            f"  path = {lua(path)},\n"
            f"  title = {lua('Benchmark thread with 200 comments')},\n"
            f"  ids_out = {lua(str(ids_out))},\n"
            f"  writers = {{ {writer_items} }},\n"
            f"  parents = {{ {', '.join(str(p) for p in parents)} }},\n"
            f"  bodies = {{ {', '.join(lua(b) for b in bodies)} }},\n"
            "}\n"
        )
        cfg = self.scratch / f"post-{mode}.lua"
        cfg.write_text(text)
        return cfg

    def run_posting(
        self, port: int, cfg: Path, drain: str, server: subprocess.Popen, writers: int = WRITERS
    ) -> Run:
        env = dict(os.environ, POST_CONFIG=str(cfg))
        url = f"http://127.0.0.1:{port}/"
        say(f"wrk -t{writers} -c{writers} -d{DURATION} -s {POST_SCRIPT.name} {url}")
        cpu_before = tree_cpu(server.pid)
        run = wrk(
            url,
            connections=writers,
            threads=writers,
            duration=DURATION,
            script=POST_SCRIPT,
            env=env,
        )
        run.cpu_s = tree_cpu(server.pid) - cpu_before
        self.drain(port, drain)
        ok = sum(n for s, n in run.statuses.items() if 200 <= s < 300)
        say(f"  {ok} acknowledged, statuses {run.statuses}, p99 {fmt(run.p99, 2)} ms")
        return run

    def parley_shell(self, code: str) -> dict:
        env = self.parley_env(self.scratch / "parley", 8000)
        done = subprocess.run(
            [BIN / "parley", "shell", "-c", code],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        for line in done.stdout.splitlines():
            if line.startswith("RESULT "):
                return json.loads(line[7:])
        raise BenchError(f"parley shell -c failed:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")

    def post_parley(self, port: int, log: Path, server: subprocess.Popen) -> None:
        thread = self.seeded["threads"][f"t{POST_SIZE}"]
        spec = next(t for t in self.spec["threads"] if t["size"] == POST_SIZE)
        tops = [
            cid
            for cid, c in zip(thread["comment_ids"], spec["comments"], strict=True)
            if c["parent"] is None
        ]
        started = time.monotonic()
        users = self.spec["users"][:WRITERS]
        with concurrent.futures.ThreadPoolExecutor(WRITERS) as pool:
            writers = list(pool.map(lambda u: self.login(port, u), users))
        self.note(f"parley: signed in {len(writers)} writers in {time.monotonic() - started:.1f}s")
        ids_out = self.scratch / "parley-posted.txt"
        path = f"/api/v1/threads/{thread['id']}/comments"
        cfg = self.post_config("parley", path, writers, tops, ids_out)
        run = self.run_posting(
            port, cfg, f"/api/v1/threads/{self.seeded['threads']['t10']['id']}/comments", server
        )
        acknowledged = [int(x) for x in ids_out.read_text().split()] if ids_out.exists() else []
        ok = sum(n for s, n in run.statuses.items() if 200 <= s < 300)
        check = self.parley_shell(
            "import json\n"
            "from parley.discussion.models import Comment, Thread\n"
            f"acked = {{int(x) for x in open({str(ids_out)!r}).read().split()}}\n"
            f"rows = Comment.objects.filter(thread_id={thread['id']})\n"
            "stored = set(rows.filter(status='published').values_list('id', flat=True))\n"
            f"t = Thread.objects.get(pk={thread['id']})\n"
            "print('RESULT ' + json.dumps({'rows': rows.count(), 'published': len(stored), "
            "'missing': sorted(acked - stored)[:20], 'missing_count': len(acked - stored), "
            "'comment_count': t.comment_count}))\n"
        )
        extra = check["rows"] - POST_SIZE - len(acknowledged)
        verdict = "PASS" if check["missing_count"] == 0 and len(acknowledged) == ok else "FAIL"
        self.post_checks.append(
            f"{verdict}: parley: {ok} comments acknowledged (2xx) by wrk, {len(acknowledged)} ids "
            f"read from the responses, {check['missing_count']} of them missing from the "
            f"database; the thread has {check['rows']} rows = {POST_SIZE} seeded + "
            f"{check['rows'] - POST_SIZE} posted ({extra} more than acknowledged: requests "
            f"still in flight when wrk stopped, or refused ones); Thread.comment_count "
            f"{check['comment_count']}"
        )
        if check["missing"]:
            self.post_checks.append(f"  missing ids (first 20): {check['missing']}")
        self.rows.append(Row("post", f"POST comment (c={WRITERS})", "parley", run))
        drain = f"/api/v1/threads/{self.seeded['threads']['t10']['id']}/comments"
        alone = self.run_posting(port, cfg, drain, server, writers=1)
        self.rows.append(Row("post1", "POST comment (c=1)", "parley", alone))

    # Bare

    def bench_bare(self) -> None:
        manifest = self.scratch / "bare" / "manifest.json"
        manifest.write_text(json.dumps(self.bare_manifest))
        port = free_port()
        log = self.scratch / "bare.log"
        say(
            f"bare: starting bench/bare_json_asgi.py under {SERVER}, {WORKERS} workers, port {port}"
        )
        env = dict(os.environ, BARE_JSON_MANIFEST=str(manifest))
        argv = [BIN / SERVER, "bench.bare_json_asgi:app", "--host", "127.0.0.1", "--port", port]
        if SERVER == "granian":
            argv += ["--interface", "asginl"]
        argv += ["--workers", WORKERS, "--no-access-log", "--log-level", "warning"]
        proc = self.procs.start("bare asgi", argv, env=env, log=log)
        first = self.parley_paths[(SIZES[0], "a")]
        wait_ready(port, first, proc, log, "bare asgi")
        for size in SIZES:
            for case in ("a", "b"):
                path = self.parley_paths[(size, case)]
                reply, alone = sample(port, path)
                if reply.body != self.parley_bodies[(size, case)]:
                    raise BenchError(f"bare_json_asgi.py does not send Parley's bytes for {path}")
                label = next(
                    r.case
                    for r in self.rows
                    if r.group == f"t{size}" and r.server == "parley" and r.case[0] == case
                )
                if case == "b" and reply.body == self.parley_bodies[(size, "a")]:
                    self.rows.append(
                        Row(
                            f"t{size}",
                            label,
                            "bare",
                            self.same_as(f"t{size}", "bare"),
                            len(reply.body),
                            "same bytes as a): not measured again",
                        )
                    )
                    continue
                run = self.measure(port, path, single_ms=alone, drain=first)
                self.rows.append(Row(f"t{size}", label, "bare", run, len(reply.body)))
        self.record_rss("bare asgi (after reads)", proc)
        self.procs.stop(proc)

    # Isso

    def bench_isso(self, proc: subprocess.Popen, port: int) -> None:
        cheap = "/config"
        for size in SIZES:
            uri = quote(f"/bench/t{size}")
            bodies = {}
            for case, query in (("a", ""), ("b", "&limit=200&nested_limit=200")):
                path = f"/?uri={uri}{query}"
                second, single = sample(port, path)
                if second.status != 200:
                    raise BenchError(f"isso {path}: {second.status}")
                tops, total = count_isso(json.loads(second.body))
                bodies[case] = second.body
                self.note(
                    f"isso t{size} {case}) GET {path}: {single:.0f} ms alone, "
                    f"{len(second.body)} bytes, {tops} top-level / {total} of {size} comments"
                )
                label = next(
                    r.case
                    for r in self.rows
                    if r.group == f"t{size}" and r.server == "parley" and r.case[0] == case
                )
                if case == "b" and bodies["b"] == bodies["a"]:
                    self.rows.append(
                        Row(
                            f"t{size}",
                            label,
                            "isso",
                            self.same_as(f"t{size}", "isso"),
                            len(second.body),
                            "same bytes as a): not measured again",
                        )
                    )
                    continue
                note = "whole thread (its widget's load)" if case == "a" else ""
                run = self.measure(port, path, single_ms=single, drain=cheap)
                if run.requests < 10:
                    note = (
                        f"only {run.requests} requests; alone {single:.0f} ms, so at best "
                        f"{WORKERS * 1000 / single:.2f} req/s with {WORKERS} workers"
                    )
                self.rows.append(
                    Row(f"t{size}", label, "isso", run, len(second.body), note, alone_ms=single)
                )
        self.record_rss("isso gunicorn (after reads)", proc)
        self.post_isso(port, proc)

    def post_isso(self, port: int, server: subprocess.Popen) -> None:
        key = f"t{POST_SIZE}"
        spec = next(t for t in self.spec["threads"] if t["size"] == POST_SIZE)
        tops = [
            iid
            for iid, c in zip(self.isso_ids[key], spec["comments"], strict=True)
            if c["parent"] is None
        ]
        writers = [{"name": name} for name in self.spec["users"][:WRITERS]]
        ids_out = self.scratch / "isso-posted.txt"
        before = self.isso_counts(port, [key])[0]
        cfg = self.post_config("isso", f"/new?uri={quote('/bench/' + key)}", writers, tops, ids_out)
        run = self.run_posting(port, cfg, "/config", server)
        after = self.isso_counts(port, [key])[0]
        ok = sum(n for s, n in run.statuses.items() if 200 <= s < 300)
        self.post_checks.append(
            f"isso: {ok} comments acknowledged (2xx); its count for the thread went from "
            f"{before} to {after} (+{after - before})"
        )
        self.rows.append(Row("post", f"POST comment (c={WRITERS})", "isso", run))
        alone = self.run_posting(port, cfg, "/config", server, writers=1)
        self.rows.append(Row("post1", "POST comment (c=1)", "isso", alone))

    # Article

    def bench_article(self) -> None:
        port = self.demo_port
        env = self.parley_env(self.scratch / "demo", port)
        log = self.scratch / "serve-demo.log"
        say(f"article: starting parley serve on the demo site, port {port}")
        proc = self.procs.start(
            "parley serve (demo)",
            [
                BIN / "parley",
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                port,
                "--workers",
                WORKERS,
                "--no-scheduler",
                "--server",
                SERVER,
            ],
            env=env,
            log=log,
        )
        wait_ready(port, ARTICLE, proc, log, "parley serve (demo)")
        warm, warm_alone = sample(port, ARTICLE)
        cache_state = warm.headers.get("x-cache", "none")
        cookie = "Cookie: sessionid=x"
        rendered, rendered_alone = sample(port, ARTICLE, headers={"Cookie": "sessionid=x"})
        self.note(
            f"article {ARTICLE}: second GET {warm.status}, X-Cache {cache_state}, "
            f"ETag {warm.headers.get('etag', 'none')}, {len(warm.body)} bytes; with a session "
            f"cookie: {rendered.status}, X-Cache {rendered.headers.get('x-cache', 'none')}, "
            f"{rendered_alone:.0f} ms alone (best of 3)"
        )
        if cache_state != "HIT":
            self.note("WARNING: the warm article page is not served from the page cache")
        run = self.measure(port, ARTICLE, single_ms=warm_alone)
        self.rows.append(
            Row("article", f"warm (page cache {cache_state})", "parley", run, len(warm.body))
        )
        run = self.measure(port, ARTICLE, headers=(cookie,), single_ms=rendered_alone)
        self.rows.append(
            Row("article", "rendered (Cookie: sessionid=x)", "parley", run, len(rendered.body))
        )
        self.record_rss("parley serve, demo site (after article)", proc)
        self.procs.stop(proc)

    # The whole run

    def run(self) -> Path:
        self.check_tools()
        if float(self.load_before.split()[0]) > os.cpu_count() / 2:
            self.note(
                f"WARNING: load average {self.load_before.split()[0]} on {os.cpu_count()} CPUs "
                "at the start: other work is running, expect noisy numbers"
            )
        self.spec = make_spec()
        (self.scratch / "spec.json").write_text(json.dumps(self.spec))
        if self.with_article:
            self.start_demo()
        setup = self.start_parley_setup()
        self.ensure_isso()
        isso_proc, isso_port = self.start_isso()
        self.load_isso(isso_port)
        self.procs.wait("parley set-up", setup, self.scratch / "setup.log", timeout=600)
        self.seeded = json.loads((self.scratch / "seeded.json").read_text())
        for line in (self.scratch / "setup.log").read_text().splitlines():
            if line.startswith("thread "):
                self.note(f"parley seed: {line}")
        self.note(f"parley: set-up done after {time.monotonic() - self.setup_started:.0f}s")
        if self.demo_proc:
            self.procs.wait("parley demo", self.demo_proc, self.scratch / "demo.log", timeout=600)
            self.note(f"demo site ready after {time.monotonic() - self.demo_started:.0f}s")
            self.demo_proc = None
        self.note(f"measurements start {time.monotonic() - self.started:.0f}s into the run")
        self.bench_parley()
        self.bench_bare()
        self.bench_isso(isso_proc, isso_port)
        self.procs.stop(isso_proc)
        if self.with_article:
            self.bench_article()
        self.note(f"whole run: {time.monotonic() - self.started:.0f}s")
        text = self.report()
        out = BENCH / "results" / f"thread_read-{datetime.now():%Y%m%d-%H%M%S}.txt"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text)
        print(text)
        say(f"saved to {out.relative_to(ROOT)}")
        return out

    def cleanup(self) -> None:
        self.procs.stop_all()
        shutil.rmtree(self.scratch, ignore_errors=True)

    # Report

    def find(self, group: str, case: str, server: str) -> Run | None:
        row = self.find_row(group, case, server)
        return row.run if row else None

    def find_row(self, group: str, case: str, server: str) -> Row | None:
        for row in self.rows:
            if row.group == group and row.case[0] == case[0] and row.server == server:
                return row
        return None

    def isso_ratio(self, group: str, case: str) -> str:
        parley = rps(self.find(group, case, "parley"))
        row = self.find_row(group, case, "isso")
        if row and row.run and row.run.requests == 0 and row.alone_ms:
            # Isso finished no request within the run: compare with what its workers could do.
            return "~" + fmt(ratio(parley, WORKERS * 1000 / row.alone_ms), 1)
        return fmt(ratio(parley, rps(row.run if row else None)), 1)

    def report(self) -> str:
        lines = []
        add = lines.append
        add(
            f"Parley thread read/post benchmark, {datetime.now().astimezone():%Y-%m-%d %H:%M:%S %z}"
        )
        add(self.commit())
        add(self.versions())
        cpu = "unknown CPU"
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        add(f"{os.cpu_count()} CPUs ({cpu}); wrk shares them with the server")
        add(f"load average before / after: {self.load_before} / {loadavg()}")
        add(
            f"reads: wrk -t{THREADS} -c{CONNECTIONS} -d{DURATION} --latency (fewer connections "
            f"where shown), warm-up {WARMUP}; posting: wrk -t{WRITERS} -c{WRITERS} -d{DURATION}"
        )
        add(
            f"parley serve --server {SERVER} --workers {WORKERS} --no-scheduler "
            f"(threads: {os.environ.get('PARLEY_THREADS', 'default')}), SQLite + SQLite cache; "
            f"bare: bench/bare_json_asgi.py, {SERVER} --workers {WORKERS}; "
            f"Isso: gunicorn -w {WORKERS} --preload (sync)"
        )
        add(
            f"threads: {', '.join(str(s) for s in SIZES)} comments (60% top-level, replies to "
            f"depth 4, 100-400 chars of Markdown, {AUTHORS} authors), the same texts in Isso"
        )
        add("")
        add("Reads (anonymous, so Parley answers from its cache: X-Cache in the notes below)")
        header = (
            f"{'thread':7} {'case':34} {'server':7} {'conns':>5} {'req/s':>9} {'p50 ms':>9} "
            f"{'p99 ms':>9} {'!2xx':>5} {'sockerr':>7} {'tmout':>5} {'bytes':>8}"
        )
        add(header)
        for row in self.rows:
            if row.group == "post":
                continue
            add(self.row_line(row))
        add("")
        add("Ratios (req/s)")
        for size in SIZES:
            for case in ("a", "b"):
                parley = self.find(f"t{size}", case, "parley")
                bare = self.find(f"t{size}", case, "bare")
                add(
                    f"  t{size:<5} {case})  Parley/bare {fmt(ratio(rps(parley), rps(bare)), 3):>7}"
                    f"   Parley/Isso {self.isso_ratio(f't{size}', case):>7}"
                )
        add(
            "  (Isso's a) is its whole thread, nested 2 levels, as its widget loads it; "
            "Parley's a) is 20 top-level comments with 3 replies each.)"
        )
        add(
            "  (~: Isso finished no request within the run; compared with WORKERS / its time "
            "for one request alone.)"
        )
        add(
            "  (t2000 b): Parley returns the first 200 top-level comments with up to 200 replies "
            "each, Isso the first 200 top-level with theirs: not the whole thread.)"
        )
        add("")
        add(
            f"Posting ({WRITERS} signed-in writers, one connection each, to the {POST_SIZE} thread)"
        )
        add(
            f"{'server':7} {'writers':>7} {'comments/s':>10} {'2xx':>6} {'other':>6} {'p50 ms':>9}"
            f" {'p99 ms':>9} {'cpu ms/c':>8} {'sockerr':>7} {'tmout':>5}  statuses"
        )
        post = {}
        for row in sorted(self.rows, key=lambda row: (row.group, row.server == "isso")):
            if row.group not in ("post", "post1") or not row.run:
                continue
            r = row.run
            ok = sum(n for s, n in r.statuses.items() if 200 <= s < 300)
            other = sum(n for s, n in r.statuses.items() if not 200 <= s < 300)
            per_s = ok / r.duration_s if r.duration_s else math.nan
            cpu_ms = 1000 * r.cpu_s / ok if ok else math.nan
            if row.group == "post":
                post[row.server] = (per_s, r)
            add(
                f"{row.server:7} {r.connections:>7} {fmt(per_s):>10} {ok:>6} {other:>6} "
                f"{fmt(r.p50, 2):>9} "
                f"{fmt(r.p99, 2):>9} {fmt(cpu_ms, 2):>8} {r.sockerr:>7} {r.timeouts:>5}  "
                + ", ".join(f"{s}: {n}" for s, n in sorted(r.statuses.items()))
            )
        if "parley" in post and "isso" in post:
            add(f"  Parley/Isso comments/s: {fmt(ratio(post['parley'][0], post['isso'][0]), 2)}")
        add(
            "  (latency counts every response; comments/s counts 2xx only; cpu ms/c is the CPU"
            " time of the server's whole process tree during the run per 2xx comment; the"
            " one-writer runs show what one comment costs without queueing, and are not"
            " checked against the database)"
        )
        add("")
        add("Server memory (resident, whole process tree)")
        for name, mb, count in self.rss:
            add(f"  {name:42} {mb:8.1f} MB ({count} processes)")
        add("")
        add("Targets")
        p = self.find("t200", "a", "parley")
        b = self.find("t200", "a", "bare")
        share = ratio(rps(p), rps(b))
        ok = p is not None and share >= 0.15 and p.p99 < 50
        add(
            f"  {'PASS' if ok else 'FAIL'}  200-comment thread, first page: "
            f"{fmt(share * 100)}% of bare ASGI req/s (target >= 15%), "
            f"p99 {fmt(p.p99 if p else math.nan, 2)} ms (target < 50 ms)"
        )
        if "parley" in post and "isso" in post:
            factor = ratio(post["parley"][0], post["isso"][0])
            p99 = post["parley"][1].p99
            ok = factor >= 3 and p99 < 100
            add(
                f"  {'PASS' if ok else 'FAIL'}  posting: {fmt(factor, 2)}x Isso's comments/s "
                f"(target >= 3x), p99 {fmt(p99, 2)} ms (target < 100 ms)"
            )
        else:
            add("  n/a   posting: not measured")
        for check in self.post_checks:
            add(f"  {check}")
        add("")
        add("Checks and notes")
        for note in self.notes:
            add(f"  {note}")
        return "\n".join(lines) + "\n"

    def row_line(self, row: Row) -> str:
        r = row.run
        if r is None:
            return f"{row.group:7} {row.case:34} {row.server:7} (not measured) {row.note}"
        return (
            f"{row.group:7} {row.case:34} {row.server:7} {r.connections:>5} {r.rps:>9.1f} "
            f"{fmt(r.p50, 2):>9} {fmt(r.p99, 2):>9} {r.non2xx:>5} {r.sockerr:>7} "
            f"{r.timeouts:>5} {row.bytes:>8}" + (f"  {row.note}" if row.note else "")
        )

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
        for name in ("django", "wagtail", "django-ninja", "uvicorn", "uvloop", "httptools"):
            with contextlib.suppress(PackageNotFoundError):
                found.append(f"{name} {version(name)}")
        isso = subprocess.run(
            [
                ISSO_VENV / "bin" / "python",
                "-c",
                "from importlib.metadata import version as v; "
                "print(f\"isso {v('isso')}, gunicorn {v('gunicorn')}\")",
            ],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
        return f"Python {platform.python_version()}, " + ", ".join(found) + f"; {isso}"


def rps(run: Run | None) -> float | None:
    return run.rps if run else None


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--with-article",
        dest="with_article",
        action="store_true",
        default=True,
        help="also set up the demo site and measure its long-thread article (the default)",
    )
    parser.add_argument(
        "--no-article",
        dest="with_article",
        action="store_false",
        help="skip the demo site (saves about 90 s of set-up)",
    )
    args = parser.parse_args()

    def stop(signum, frame):
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGHUP, stop)
    bench = Bench(with_article=args.with_article)
    try:
        bench.run()
    except BenchError as exc:
        print(f"thread_read.py: {exc}", file=sys.stderr)
        return 1
    finally:
        bench.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
