"""Real HTTP servers on loopback that misbehave on purpose, for the guard's tests.

Each route is a function given the connected socket and the request head; it writes
whatever bytes it likes, as slowly as it likes. Nothing here touches the internet.
"""

import contextlib
import gzip
import socket
import socketserver
import ssl
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

Route = Callable[[socket.socket, "Request"], None]


@dataclass
class Request:
    method: str
    path: str
    headers: dict[str, str] = field(default_factory=dict)
    sni: str | None = None


def response(
    status: int = 200,
    body: bytes = b"",
    *,
    content_type: str | None = "text/html; charset=utf-8",
    headers: dict[str, str] | None = None,
    length: bool = True,
) -> bytes:
    """The bytes of a whole HTTP/1.1 response."""
    lines = [f"HTTP/1.1 {status} Whatever"]
    if content_type:
        lines.append(f"Content-Type: {content_type}")
    if length:
        lines.append(f"Content-Length: {len(body)}")
    lines += [f"{key}: {value}" for key, value in (headers or {}).items()]
    lines.append("Connection: close")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


def send(data: bytes) -> Route:
    """A route answering with fixed bytes (a full response from `response`, or raw)."""

    def route(sock, request):
        sock.sendall(data)

    return route


def page(body: bytes | str, **kwargs) -> Route:
    """A route answering 200 with this body."""
    data = body.encode() if isinstance(body, str) else body
    return send(response(200, data, **kwargs))


def redirect(location: str, status: int = 302) -> Route:
    return send(response(status, b"", headers={"Location": location}))


def endless(content_type: str = "text/html") -> Route:
    """Headers, then body bytes for as long as the client reads."""

    def route(sock, request):
        sock.sendall(response(200, content_type=content_type, length=False))
        chunk = b"<p>" + b"x" * 65530 + b"</p>"
        with contextlib.suppress(OSError):
            for _ in range(2000):  # 130 MB: far past any cap, but never forever
                sock.sendall(chunk)

    return route


def drip(data: bytes, every: float = 1.0) -> Route:
    """One byte per `every` seconds."""

    def route(sock, request):
        with contextlib.suppress(OSError):
            for i in range(len(data)):
                sock.sendall(data[i : i + 1])
                time.sleep(every)

    return route


def silent(seconds: float) -> Route:
    """Accept, say nothing for a while, then answer."""

    def route(sock, request):
        time.sleep(seconds)
        with contextlib.suppress(OSError):
            sock.sendall(response(200, b"<title>late</title>"))

    return route


def gzip_bomb(size: int = 50 * 1024 * 1024, content_type: str = "text/html") -> Route:
    """A small gzip body that inflates to `size` bytes."""
    body = gzip.compress(b"<title>bomb</title>" + b" " * size, compresslevel=9)

    def route(sock, request):
        with contextlib.suppress(OSError):
            sock.sendall(
                response(200, body, content_type=content_type, headers={"Content-Encoding": "gzip"})
            )

    return route


class LoopbackSite:
    """A threaded server on a loopback address; `routes` maps a path to its behaviour."""

    def __init__(self, host: str = "127.0.0.2", tls: ssl.SSLContext | None = None, port: int = 0):
        self.routes: dict[str, Route] = {}
        self.requests: list[Request] = []
        self.tls = tls
        site = self

        class Handler(socketserver.BaseRequestHandler):
            def handle(self):
                sock = self.request
                sni = None
                if site.tls is not None:
                    seen: list[str | None] = []
                    site.tls.sni_callback = lambda _s, name, _c: seen.append(name)
                    try:
                        sock = site.tls.wrap_socket(sock, server_side=True)
                    except (OSError, ssl.SSLError):
                        return
                    sni = seen[0] if seen else None
                sock.settimeout(10)
                head = b""
                with contextlib.suppress(OSError):
                    while b"\r\n\r\n" not in head and len(head) < 65536:
                        chunk = sock.recv(4096)
                        if not chunk:
                            break
                        head += chunk
                lines = head.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
                method, path, *_ = [*lines[0].split(" "), "", ""]
                headers = {}
                for line in lines[1:]:
                    key, _, value = line.partition(":")
                    headers[key.strip().lower()] = value.strip()
                request = Request(method=method, path=path, headers=headers, sni=sni)
                site.requests.append(request)
                route = site.routes.get(path) or send(response(404, b"not here"))
                with contextlib.suppress(OSError):
                    route(sock, request)
                    with contextlib.suppress(OSError):
                        sock.shutdown(socket.SHUT_WR)

        family = socket.AF_INET6 if ":" in host else socket.AF_INET

        class Server(socketserver.ThreadingTCPServer):
            address_family = family
            daemon_threads = True
            allow_reuse_address = True

        self.server = Server((host, port), Handler)
        self.host = host
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)
        self.thread.start()

    def url(self, path: str = "/", *, host: str | None = None) -> str:
        name = host or (f"[{self.host}]" if ":" in self.host else self.host)
        scheme = "https" if self.tls else "http"
        return f"{scheme}://{name}:{self.port}{path}"

    def paths(self) -> list[str]:
        return [request.path for request in self.requests]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
