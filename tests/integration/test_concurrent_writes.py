"""Many readers posting at once to a real `parley serve` on one SQLite file.

An acknowledged comment must be committed, and "database is locked" must never reach a
reader: SQLite runs in WAL mode with IMMEDIATE transactions and a busy timeout.
"""

import http.client
import json
import os
import secrets
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.processes import free_port, stop_group

pytestmark = pytest.mark.processes

PARLEY = Path(sys.executable).parent / "parley"
WRITERS = 8
POSTS_EACH = 25

SETUP = """
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.auth import get_user_model
from parley.discussion import services
thread = services.thread_for_key(site="load", key="t1", url="https://example.org/t1", title="Load")
sessions = []
for n in range({writers}):
    user = get_user_model().objects.create_user(f"writer{{n}}", password="x")
    s = SessionStore()
    s["_auth_user_id"] = str(user.pk)
    s["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
    s["_auth_user_hash"] = user.get_session_auth_hash()
    s.create()
    sessions.append(s.session_key)
print("SETUP" + __import__("json").dumps({{"thread": thread.pk, "sessions": sessions}}))
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    data = tmp_path_factory.mktemp("writes")
    port = free_port()
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "REDIS_URL", "PARLEY_TEST_DB", "ALLOWED_HOSTS"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="parley.settings",
        PARLEY_DATA_DIR=str(data),
        SECRET_KEY=secrets.token_urlsafe(50),
        PARLEY_BASE_URL=f"http://127.0.0.1:{port}",
        PARLEY_COMMENT_RATE_BURST="0",
        PARLEY_COMMENT_RATE_IP_BURST="0",
    )
    run = lambda *args: subprocess.run(  # noqa: E731
        [str(PARLEY), *args], env=env, capture_output=True, text=True, timeout=300, check=True
    )
    run("migrate", "--no-input")
    out = run("shell", "-c", SETUP.format(writers=WRITERS)).stdout
    setup = json.loads(out.split("SETUP", 1)[1])
    log = open(data / "server.log", "w")  # noqa: SIM115
    proc = subprocess.Popen(
        [str(PARLEY), "serve", "--port", str(port), "--workers", "2", "--no-scheduler"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/api/v1/openapi.json")
            if conn.getresponse().status == 200:
                break
        except OSError:
            time.sleep(0.3)
    else:
        os.killpg(proc.pid, signal.SIGKILL)
        pytest.fail("parley serve did not start:\n" + (data / "server.log").read_text()[-3000:])
    yield {"port": port, "env": env, "run": run, **setup}
    stop_group(proc)
    log.close()


def test_concurrent_writers_on_sqlite_all_succeed_and_persist(server):
    """Eight readers post 25 comments each at once: 200 acknowledgements, 200 rows."""
    results: list[tuple[int, str]] = []
    lock = threading.Lock()

    def writer(session_key: str, n: int) -> None:
        token = secrets.token_hex(16)
        conn = http.client.HTTPConnection("127.0.0.1", server["port"], timeout=30)
        for i in range(POSTS_EACH):
            body = json.dumps({"body": f"Writer {n} says {i}: the ceasefire will hold."})
            conn.request(
                "POST",
                f"/api/v1/threads/{server['thread']}/comments",
                body=body,
                headers={
                    "Content-Type": "application/json",
                    "Cookie": f"sessionid={session_key}; csrftoken={token}",
                    "X-CSRFToken": token,
                },
            )
            response = conn.getresponse()
            text = response.read().decode()
            with lock:
                results.append((response.status, text))

    threads = [
        threading.Thread(target=writer, args=(key, n)) for n, key in enumerate(server["sessions"])
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)

    statuses = [status for status, _ in results]
    assert statuses.count(201) == WRITERS * POSTS_EACH, [t for s, t in results if s != 201][:3]
    assert not any("locked" in text for _, text in results)
    count = server["run"](
        "shell",
        "-c",
        "from parley.discussion.models import Comment, Thread; "
        f"t = Thread.objects.get(pk={server['thread']}); "
        "print('COUNT', Comment.objects.filter(thread=t).count(), t.comment_count)",
    ).stdout
    assert count.split("COUNT", 1)[1].split() == [str(WRITERS * POSTS_EACH)] * 2
