import ipaddress

import pytest

from parley.previews import guard
from parley.previews.tests.sites import LoopbackSite

SITE_ADDRESS = "127.0.0.2"


@pytest.fixture
def site(settings):
    """A misbehaving site on 127.0.0.2, the one address these tests let the guard reach."""
    server = LoopbackSite(SITE_ADDRESS)
    settings.PARLEY_PREVIEW_ALLOW_ADDRESSES = [SITE_ADDRESS]
    settings.PARLEY_PREVIEW_PORTS = [80, 443, server.port]
    yield server
    server.close()


@pytest.fixture
def forbidden_site(settings):
    """A site on 127.0.0.1, which the guard must never reach: its requests must stay empty."""
    server = LoopbackSite("127.0.0.1")
    settings.PARLEY_PREVIEW_PORTS = [*settings.PARLEY_PREVIEW_PORTS, server.port]
    yield server
    server.close()


class StubDNS:
    """Answers for the guard's one DNS lookup; successive calls take successive answers."""

    def __init__(self):
        self.answers: dict[str, list[list[str]]] = {}
        self.calls: list[str] = []

    def set(self, host: str, *answers: list[str]) -> None:
        self.answers[host] = [list(answer) for answer in answers]

    def resolve(self, host: str, port: int) -> list[str]:
        self.calls.append(host)
        queue = self.answers.get(host)
        if not queue:
            raise OSError("no such name")
        return queue.pop(0) if len(queue) > 1 else queue[0]


@pytest.fixture(autouse=True)
def dns(monkeypatch):
    """Stub the guard's one DNS lookup (no test asks a real resolver)."""
    stub = StubDNS()
    monkeypatch.setattr(guard, "resolve", stub.resolve)
    return stub


@pytest.fixture(autouse=True)
def dialled(monkeypatch):
    """Every (address, port) the guard connects to; anything off loopback is not dialled."""
    addresses: list[tuple[str, int]] = []
    real = guard.socket.create_connection

    def create_connection(address, *args, **kwargs):
        addresses.append(address)
        if not ipaddress.ip_address(address[0]).is_loopback:
            raise OSError("tests never leave loopback")
        return real(address, *args, **kwargs)

    monkeypatch.setattr(guard.socket, "create_connection", create_connection)
    return addresses
