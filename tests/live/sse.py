"""A small Server-Sent Events client for tests: real sockets, real chunked HTTP."""

import http.client
import json
import time
from dataclasses import dataclass, field


@dataclass
class Event:
    id: str | None
    kind: str
    data: dict = field(default_factory=dict)


class SSEClient:
    """Connect to `path` and read events as they come (raises TimeoutError when none do)."""

    def __init__(self, port: int, path: str, *, last_event_id: str | None = None, timeout=10):
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        headers = {"Accept": "text/event-stream"}
        if last_event_id is not None:
            headers["Last-Event-ID"] = last_event_id
        self.conn.request("GET", path, headers=headers)
        self.response = self.conn.getresponse()
        self.status = self.response.status
        self.headers = dict(self.response.getheaders())
        self.retry: int | None = None
        self.last_id: str | None = last_event_id

    def next(self, timeout: float = 5.0) -> Event:
        """The next event (heartbeats and retry hints are read and skipped)."""
        deadline = time.monotonic() + timeout
        event_id, kind, data = None, "message", []
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError("no event arrived in time")
            self.conn.sock.settimeout(remaining)
            try:
                line = self.response.readline()
            except TimeoutError as exc:
                raise TimeoutError("no event arrived in time") from exc
            if not line:
                raise ConnectionError("the server closed the stream")
            line = line.decode().rstrip("\r\n")
            if not line:
                if data or event_id is not None:
                    if event_id is not None:
                        self.last_id = event_id
                    return Event(event_id, kind, json.loads("\n".join(data)) if data else {})
                continue
            if line.startswith(":"):
                continue
            name, _, value = line.partition(":")
            value = value[1:] if value.startswith(" ") else value
            if name == "id":
                event_id = value
            elif name == "event":
                kind = value
            elif name == "data":
                data.append(value)
            elif name == "retry":
                self.retry = int(value)

    def collect(self, count: int, timeout: float = 5.0) -> list[Event]:
        """Exactly `count` events, waiting up to `timeout` for all of them."""
        deadline = time.monotonic() + timeout
        return [self.next(max(deadline - time.monotonic(), 0.01)) for _ in range(count)]

    def quiet(self, seconds: float) -> bool:
        """True when no event arrives for `seconds`."""
        try:
            self.next(seconds)
        except TimeoutError:
            return True
        return False

    def close(self) -> None:
        self.conn.close()
