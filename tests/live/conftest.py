"""Real `parley serve` processes sharing one database, for the live-update tests.

A site is migrated once per module into a template (a SQLite file, or a PostgreSQL
database); each test gets its own copy, readers with signed-in sessions, and a thread.
"""

import contextlib
import http.client
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from conftest import require
from tests.processes import free_port, stop_group

PARLEY = Path(sys.executable).parent / "parley"
TEST_ONLY_ENV = ("SECRET_KEY", "DATABASE_URL", "REDIS_URL", "PARLEY_TEST_DB", "ALLOWED_HOSTS")

SETUP = """
import json
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.auth import get_user_model
from parley.discussion import services
thread = services.thread_for_key(site="live", key="t1", url="https://example.org/t1", title="Live")
calm = services.thread_for_key(site="live", key="t2", url="https://example.org/t2", title="Calm")
sessions = []
for n in range(3):
    user = get_user_model().objects.create_user(f"reader{n}", password="x")
    s = SessionStore()
    s["_auth_user_id"] = str(user.pk)
    s["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
    s["_auth_user_hash"] = user.get_session_auth_hash()
    s.create()
    sessions.append(s.session_key)
print("SETUP" + json.dumps({"thread": thread.pk, "calm": calm.pk, "sessions": sessions}))
"""


@dataclass
class Site:
    env: dict
    data: Path
    thread: int
    calm: int
    sessions: list
    servers: list = field(default_factory=list)

    def run(self, *args, timeout=300) -> str:
        done = subprocess.run(
            [str(PARLEY), *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        if done.returncode:
            raise AssertionError(f"parley {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
        return done.stdout

    def serve(self, *, port: int | None = None, workers: int = 1) -> "Server":
        server = Server(self, port or free_port(), workers)
        server.start()
        self.servers.append(server)
        return server

    def post(self, server: "Server", body: str, *, reader: int = 0, parent=None, thread=None):
        """Post through the API as a signed-in reader: (status, JSON answer)."""
        token = secrets.token_hex(16)
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
        conn.request(
            "POST",
            f"/api/v1/threads/{thread or self.thread}/comments",
            body=json.dumps({"body": body, "parent_id": parent}),
            headers={
                "Content-Type": "application/json",
                "Cookie": f"sessionid={self.sessions[reader]}; csrftoken={token}",
                "X-CSRFToken": token,
            },
        )
        response = conn.getresponse()
        data = json.loads(response.read() or b"{}")
        conn.close()
        assert response.status in (201, 202), f"posting answered {response.status}: {data}"
        return response.status, data

    def shell(self, code: str) -> str:
        return self.run("shell", "-c", code)


@dataclass
class Server:
    site: Site
    port: int
    workers: int
    proc: subprocess.Popen | None = None

    def start(self) -> None:
        log = open(self.site.data / f"server-{self.port}.log", "a")  # noqa: SIM115
        self.proc = subprocess.Popen(
            [
                str(PARLEY),
                "serve",
                *("--port", str(self.port), "--workers", str(self.workers)),
                *("--no-scheduler", "--no-worker"),
            ],
            env=self.site.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                break
            with contextlib.suppress(OSError):
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                conn.request("GET", "/api/v1/openapi.json")
                if conn.getresponse().status == 200:
                    return
            time.sleep(0.2)
        self.stop()
        pytest.fail(f"parley serve did not start on {self.port}:\n{self.log()[-3000:]}")

    def log(self) -> str:
        return (self.site.data / f"server-{self.port}.log").read_text(errors="replace")

    def kill(self) -> None:
        """SIGKILL the whole process group: no goodbye to any client."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=10)

    def stop(self) -> None:
        if self.proc is not None:
            stop_group(self.proc, grace=5)


def base_env(data: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in TEST_ONLY_ENV}
    env.update(
        DJANGO_SETTINGS_MODULE="parley.settings",
        PARLEY_DATA_DIR=str(data),
        SECRET_KEY=secrets.token_urlsafe(50),
        PARLEY_BASE_URL="http://127.0.0.1:8000",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        # Every reader here posts from 127.0.0.1, faster than a person would.
        PARLEY_COMMENT_RATE_BURST="0",
        PARLEY_COMMENT_RATE_IP_BURST="0",
        PYTHONUNBUFFERED="1",
    )
    return env


def make_site(env: dict, data: Path) -> Site:
    site = Site(env=env, data=data, thread=0, calm=0, sessions=[])
    out = site.shell(SETUP)
    setup = json.loads(out.split("SETUP", 1)[1])
    site.thread, site.calm, site.sessions = setup["thread"], setup["calm"], setup["sessions"]
    return site


@pytest.fixture(scope="module")
def sqlite_template(tmp_path_factory):
    require(PARLEY.exists(), f"the parley console script is not installed at {PARLEY}")
    data = tmp_path_factory.mktemp("live-template")
    env = base_env(data)
    subprocess.run([str(PARLEY), "migrate", "--no-input", "-v0"], env=env, check=True, timeout=300)
    return data / "parley.sqlite3"


@pytest.fixture
def sqlite_site(sqlite_template, tmp_path):
    """A fresh site on a copy of the migrated SQLite file, no Redis."""
    data = tmp_path / "site"
    data.mkdir()
    shutil.copy(sqlite_template, data / sqlite_template.name)
    site = make_site(base_env(data), data)
    yield site
    for server in site.servers:
        server.stop()


def postgres_url() -> str:
    url = os.environ.get("PARLEY_TEST_DATABASE_URL", "")
    require(url, "PARLEY_TEST_DATABASE_URL is not set: the PostgreSQL live tests need it")
    return url


def redis_url() -> str:
    url = os.environ.get("PARLEY_TEST_REDIS_URL", "")
    require(url, "PARLEY_TEST_REDIS_URL is not set: the Redis live tests need it")
    return url


@pytest.fixture
def postgres_site(tmp_path):
    """A fresh site on a PostgreSQL database of its own, with Redis pub/sub."""
    import psycopg

    base = postgres_url()
    name = f"parley_live_{uuid.uuid4().hex[:10]}"
    admin = base.rsplit("/", 1)[0] + "/postgres"
    try:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError as exc:
        require(False, f"PostgreSQL at {admin} is unreachable: {exc}")
    data = tmp_path / "site"
    data.mkdir()
    env = base_env(data)
    env["DATABASE_URL"] = base.rsplit("/", 1)[0] + f"/{name}"
    env["REDIS_URL"] = redis_url()
    subprocess.run([str(PARLEY), "migrate", "--no-input", "-v0"], env=env, check=True, timeout=300)
    site = make_site(env, data)
    yield site
    for server in site.servers:
        server.stop()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
