"""Live delivery through failures: Redis going away and coming back, a killed server."""

import shutil
import subprocess
import time

import pytest

from conftest import require
from tests.live.sse import SSEClient
from tests.processes import free_port

pytestmark = pytest.mark.processes


class RedisServer:
    """A redis-server of the test's own, so stopping it disturbs nobody else."""

    def __init__(self, tmp_path):
        self.port = free_port()
        self.dir = tmp_path
        self.proc = None

    def start(self) -> None:
        self.proc = subprocess.Popen(
            [
                "redis-server",
                *("--port", str(self.port), "--bind", "127.0.0.1", "--save", ""),
                *("--appendonly", "no", "--dir", str(self.dir)),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            done = subprocess.run(
                ["redis-cli", "-p", str(self.port), "ping"], capture_output=True, text=True
            )
            if done.stdout.strip() == "PONG":
                return
            time.sleep(0.1)
        raise AssertionError("redis-server did not start")

    def kill(self) -> None:
        self.proc.kill()
        self.proc.wait(timeout=10)


@pytest.fixture
def own_redis(tmp_path):
    require(shutil.which("redis-server"), "redis-server is not installed")
    redis = RedisServer(tmp_path)
    redis.start()
    yield redis
    if redis.proc.poll() is None:
        redis.kill()


def wait_for_log(server, text: str, timeout: float = 15) -> None:
    deadline = time.monotonic() + timeout
    while text not in server.log():
        assert time.monotonic() < deadline, f"{text!r} not in the log:\n{server.log()[-2000:]}"
        time.sleep(0.1)


def test_posting_and_delivery_survive_redis_going_away_and_coming_back(sqlite_site, own_redis):
    """Redis down: posts are acknowledged and delivered by the outbox poll; back up: pub/sub."""
    sqlite_site.env["REDIS_URL"] = f"redis://127.0.0.1:{own_redis.port}/0"
    a, b = sqlite_site.serve(), sqlite_site.serve()
    client = SSEClient(b.port, f"/live/threads/{sqlite_site.thread}")
    received = []

    def post_and_receive(text):
        status, comment = sqlite_site.post(a, text)
        assert status == 201, comment
        event = client.next(timeout=3)
        received.append(event)
        assert event.data["ids"] == [comment["id"]]

    post_and_receive("With Redis up.")
    own_redis.kill()
    for n in range(3):
        post_and_receive(f"With Redis down, number {n}.")
    wait_for_log(b, "live: Redis unreachable")
    own_redis.start()
    wait_for_log(b, "live: Redis pub/sub resumed")
    for n in range(2):
        post_and_receive(f"With Redis back, number {n}.")
    ids = [int(e.id) for e in received]
    assert ids == sorted(set(ids)), "no event twice, none out of order"
    # A client that reconnects from the last id it saw gets nothing again.
    client.close()
    again = SSEClient(b.port, f"/live/threads/{sqlite_site.thread}", last_event_id=str(ids[-1]))
    assert again.quiet(1.0)
    again.close()


def test_a_killed_server_restarted_replays_exactly_what_its_clients_missed(sqlite_site):
    """SIGKILL the process a reader follows; on its return the reader gets the gap, in order."""
    writer = sqlite_site.serve()
    streamer = sqlite_site.serve()
    client = SSEClient(streamer.port, f"/live/threads/{sqlite_site.thread}")
    sqlite_site.post(writer, "Before the crash.")
    seen = client.next(timeout=3)
    streamer.kill()
    with pytest.raises((ConnectionError, OSError)):
        client.next(timeout=3)
    missed = [sqlite_site.post(writer, f"During the outage {n}.")[1]["id"] for n in range(4)]
    streamer.start()  # the same port, as after a restart
    again = SSEClient(streamer.port, f"/live/threads/{sqlite_site.thread}", last_event_id=seen.id)
    events = again.collect(4, timeout=5)
    assert [e.data["ids"][0] for e in events] == missed
    after = sqlite_site.post(writer, "After the restart.")[1]["id"]
    assert again.next(timeout=3).data["ids"] == [after]
    assert again.quiet(0.8)
    again.close()
