"""The guarded fetcher: Parley's one outbound HTTP client, and its defence against SSRF.

A URL a reader typed must never make the server talk to itself, to the private network
behind it or to a cloud metadata service. So every hop is checked the same way: scheme and
port from short lists; the host resolved once through `resolve`; every address it resolves
to public (one private answer refuses the lot); then the connection goes to the address
that was checked, never to the name again, so a DNS answer that changes between the check
and the connect (rebinding) reaches nothing new. TLS still verifies the certificate
against the host name. Time, header and body sizes are capped, decompressed size too.

The client speaks just enough HTTP/1.1 for that (one request per connection, chunked or
sized bodies), on stdlib sockets, so every byte read passes a cap we can see here.
"""

import contextlib
import ipaddress
import socket
import ssl
import time
import zlib
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from typing import Literal
from urllib.parse import quote, urljoin, urlsplit

from django.conf import settings

TOTAL_SECONDS = 5.0  # the whole fetch, redirects included
FIRST_BYTE_SECONDS = 3.0  # from connecting to the first byte of the answer, per hop
MAX_BODY = 1024 * 1024  # bytes, on the wire and again after decompression
MAX_HEADER_BYTES = 32 * 1024
MAX_HEADERS = 100
MAX_REDIRECTS = 3
MAX_URL_LENGTH = 2048
USER_AGENT = "ParleyLinkPreview/1.0 (+link previews for comments)"

PAGE_TYPES = frozenset({"text/html", "application/xhtml+xml"})
IMAGE_TYPES = frozenset({"image/png", "image/jpeg", "image/gif", "image/webp"})
REDIRECTS = frozenset({301, 302, 303, 307, 308})

Kind = Literal["page", "image"]


class FetchFailed(Exception):
    """The fetch did not give a usable answer; `reason` says why in plain words."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class FetchRefused(FetchFailed):
    """We would not fetch it at all: scheme, port, address, type or size is not allowed."""


@dataclass(frozen=True)
class Fetched:
    """A fetched body: the final URL after redirects, its media type and charset."""

    url: str
    content_type: str
    charset: str | None
    body: bytes
    truncated: bool


# Addresses -------------------------------------------------------------------------------

# Spelled out rather than trusted to `ipaddress` flags alone: which ranges those flags
# cover has changed between Python releases, and these must stay refused whatever it says.
BLOCKED_NETWORKS = tuple(
    ipaddress.ip_network(net)
    for net in (
        "0.0.0.0/8",  # "this network"; 0.0.0.0 reaches the local host on Linux
        "10.0.0.0/8",
        "100.64.0.0/10",  # shared address space (carrier-grade NAT)
        "127.0.0.0/8",
        "169.254.0.0/16",  # link-local, the cloud metadata service lives at .169.254
        "172.16.0.0/12",
        "192.0.0.0/24",  # IETF protocol assignments
        "192.0.2.0/24",  # documentation
        "192.88.99.0/24",  # 6to4 relay anycast
        "192.168.0.0/16",
        "198.18.0.0/15",  # benchmarking
        "198.51.100.0/24",  # documentation
        "203.0.113.0/24",  # documentation
        "224.0.0.0/4",  # multicast
        "240.0.0.0/4",  # reserved, and 255.255.255.255
        "::/128",
        "::1/128",
        "::/96",  # IPv4-compatible (deprecated)
        "64:ff9b:1::/48",  # local-use NAT64
        "100::/64",  # discard
        "2001::/23",  # IETF protocol assignments, Teredo among them
        "2001:db8::/32",  # documentation
        "3fff::/20",  # documentation
        "5f00::/16",  # segment routing
        "fc00::/7",  # unique local
        "fe80::/10",  # link-local
        "fec0::/10",  # site-local (deprecated)
        "ff00::/8",  # multicast
    )
)
NAT64 = ipaddress.ip_network("64:ff9b::/96")


def embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 one carries (mapped, 6to4, NAT64), if any."""
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address in NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def is_public_address(address: str) -> bool:
    """Whether an IP address (text) is one a preview may be fetched from."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.scope_id:
            return False
        inner = embedded_ipv4(ip)
        if inner is not None:
            return is_public_address(str(inner))
        if ip.teredo is not None:
            return False
    if any(ip in net for net in BLOCKED_NETWORKS if net.version == ip.version):
        return False
    return ip.is_global and not (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
    )


def allowed_address(address: str) -> bool:
    """Public, or one of the exact test addresses in PARLEY_PREVIEW_ALLOW_ADDRESSES."""
    if is_public_address(address):
        return True
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    for allowed in settings.PARLEY_PREVIEW_ALLOW_ADDRESSES:
        try:
            if ipaddress.ip_address(allowed) == ip:
                return True
        except ValueError:
            continue
    return False


def connect_address(address: str) -> str:
    """The address to dial: an IPv4-mapped IPv6 address is dialled as the IPv4 one."""
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return str(ip.ipv4_mapped)
    return str(ip)


def resolve(host: str, port: int) -> list[str]:
    """Every address the host name resolves to (the one DNS lookup; tests stub it)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    addresses = []
    for _family, _type, _proto, _name, sockaddr in infos:
        if sockaddr[0] not in addresses:
            addresses.append(sockaddr[0])
    return addresses


# getaddrinfo has no timeout of its own: run it where we can stop waiting for it.
_resolver = ThreadPoolExecutor(max_workers=8, thread_name_prefix="preview-dns")


def checked_addresses(host: str, port: int, deadline: float) -> list[str]:
    """Resolve the host once and refuse unless every answer is an allowed address."""
    try:
        ipaddress.ip_address(host)
    except ValueError:
        pass
    else:
        addresses = [host]
        if not allowed_address(host):
            raise FetchRefused("That address is not public.")
        return addresses
    try:
        addresses = _resolver.submit(resolve, host, port).result(timeout=remaining(deadline))
    except FutureTimeout:
        raise FetchFailed("The site's name took too long to resolve.") from None
    except (OSError, UnicodeError, ValueError):
        raise FetchFailed("The site's name does not resolve.") from None
    if not addresses:
        raise FetchFailed("The site's name does not resolve.")
    if not all(allowed_address(address) for address in addresses):
        raise FetchRefused("That site resolves to an address that is not public.")
    return addresses


# URLs ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """A checked URL taken apart: what to dial, what to ask for, what to call the host."""

    url: str
    scheme: str
    host: str  # ASCII (IDNA) name or IP literal without brackets
    port: int
    target: str  # path and query, percent-encoded

    @property
    def host_header(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        default = 443 if self.scheme == "https" else 80
        return host if self.port == default else f"{host}:{self.port}"


def ascii_host(host: str) -> str:
    """The host as it goes on the wire: IDNA for names, bare IP literals; refuse the rest."""
    host = host.rstrip(".").lower()
    if not host:
        raise FetchRefused("The link has no host.")
    try:
        return str(ipaddress.ip_address(host))
    except ValueError:
        pass
    try:
        encoded = host.encode("idna").decode("ascii")
    except UnicodeError:
        raise FetchRefused("The link's host name is not valid.") from None
    labels = encoded.split(".")
    if not all(
        0 < len(label) <= 63 and all(c.isalnum() or c in "-_" for c in label) for label in labels
    ):
        raise FetchRefused("The link's host name is not valid.")
    return encoded


def target_of(url: str) -> Target:
    """Check a URL's scheme, host and port; refuse anything a preview must not fetch."""
    if len(url) > MAX_URL_LENGTH:
        raise FetchRefused("The link is too long.")
    if any(ord(c) < 0x21 or ord(c) == 0x7F for c in url):
        raise FetchRefused("The link contains spaces or control characters.")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise FetchRefused("The link is not a valid URL.") from None
    scheme = parts.scheme.lower()
    if scheme not in {"http", "https"}:
        raise FetchRefused("Only http and https links get previews.")
    if parts.username is not None or parts.password is not None:
        raise FetchRefused("Links with credentials in them get no preview.")
    host = ascii_host(parts.hostname or "")
    if port is None:
        port = 443 if scheme == "https" else 80
    if port not in settings.PARLEY_PREVIEW_PORTS:
        raise FetchRefused(f"Port {port} is not one previews are fetched from.")
    target = quote(parts.path or "/", safe="/%:@!$&'()*+,;=-._~")
    if parts.query:
        target += "?" + quote(parts.query, safe="/%:@!$&'()*+,;=-._~?")
    return Target(url=url, scheme=scheme, host=host, port=port, target=target)


# The exchange ----------------------------------------------------------------------------


def remaining(deadline: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise FetchFailed("The site took too long to answer.")
    return left


class Connection:
    """One socket to a checked address, read under a deadline."""

    def __init__(self, sock: socket.socket, deadline: float, first_byte_deadline: float):
        self.sock = sock
        self.deadline = deadline
        self.first_byte_deadline = first_byte_deadline
        self.buffer = b""
        self.started = False
        self.eof = False

    def fill(self) -> None:
        """Read what the socket has (at most 64 KiB), waiting no longer than the deadlines."""
        deadline = self.deadline if self.started else min(self.deadline, self.first_byte_deadline)
        try:
            self.sock.settimeout(remaining(deadline))
            chunk = self.sock.recv(65536)
        except TimeoutError:
            raise FetchFailed("The site took too long to answer.") from None
        except (OSError, ssl.SSLError):
            raise FetchFailed("The connection to the site broke.") from None
        if not chunk:
            self.eof = True
        self.started = True
        self.buffer += chunk

    def read_line(self, limit: int) -> bytes:
        """One CRLF-terminated line (without it); refuse lines longer than `limit`."""
        while True:
            end = self.buffer.find(b"\n")
            if end >= 0:
                line, self.buffer = self.buffer[:end], self.buffer[end + 1 :]
                if len(line) > limit:
                    raise FetchRefused("The site's headers are too large.")
                return line.rstrip(b"\r")
            if len(self.buffer) > limit:
                raise FetchRefused("The site's headers are too large.")
            if self.eof:
                raise FetchFailed("The site closed the connection mid-answer.")
            self.fill()

    def read_some(self, limit: int) -> bytes:
        """Up to `limit` bytes of whatever arrives next; b"" at the end."""
        if not self.buffer and not self.eof:
            self.fill()
        out, self.buffer = self.buffer[:limit], self.buffer[limit:]
        return out

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.sock.close()


def tls_context() -> ssl.SSLContext:
    """Certificates verified against the system's trust store, host names checked."""
    return ssl.create_default_context()


def open_connection(target: Target, addresses: list[str], deadline: float) -> socket.socket:
    """Connect to the first checked address that answers; TLS verified against the name."""
    sock = None
    for address in addresses:
        try:
            sock = socket.create_connection(
                (connect_address(address), target.port),
                timeout=min(remaining(deadline), FIRST_BYTE_SECONDS),
            )
            break
        except OSError:
            continue
    if sock is None:
        raise FetchFailed("The site could not be reached.")
    if target.scheme == "https":
        context = tls_context()
        try:
            sock.settimeout(remaining(deadline))
            # server_hostname is the name from the URL: SNI and certificate check use it,
            # whatever address we dialled.
            sock = context.wrap_socket(sock, server_hostname=target.host)
        except ssl.SSLCertVerificationError:
            sock.close()
            raise FetchFailed("The site's certificate is not valid for its name.") from None
        except (OSError, ssl.SSLError):
            sock.close()
            raise FetchFailed("The secure connection to the site failed.") from None
    return sock


def read_head(conn: Connection) -> tuple[int, dict[str, str]]:
    """The status code and headers, within the header caps."""
    status_line = conn.read_line(MAX_HEADER_BYTES)
    parts = status_line.split(None, 2)
    if len(parts) < 2 or not parts[0].startswith(b"HTTP/1.") or not parts[1].isdigit():
        raise FetchFailed("The site did not answer in HTTP.")
    status = int(parts[1])
    headers: dict[str, str] = {}
    total = len(status_line)
    count = 0
    while True:
        line = conn.read_line(MAX_HEADER_BYTES)
        if not line:
            return status, headers
        total += len(line) + 2
        count += 1
        if total > MAX_HEADER_BYTES or count > MAX_HEADERS:
            raise FetchRefused("The site's headers are too large.")
        name, sep, value = line.partition(b":")
        if not sep:
            continue
        key = name.strip().decode("latin-1").lower()
        text = value.strip().decode("latin-1")
        # Repeated headers we care about (none should repeat) keep the first value, except
        # Transfer-Encoding, whose codings add up.
        if key == "transfer-encoding" and key in headers:
            headers[key] += ", " + text
        else:
            headers.setdefault(key, text)


def body_chunks(conn: Connection, headers: dict[str, str]):
    """The raw body (still content-encoded) as it arrives, framed by length or chunks."""
    codings = [c.strip().lower() for c in headers.get("transfer-encoding", "").split(",")]
    codings = [c for c in codings if c and c != "identity"]
    if codings:
        if codings != ["chunked"]:
            raise FetchFailed("The site used a transfer coding we do not read.")
        while True:
            size_line = conn.read_line(1024).split(b";", 1)[0].strip()
            try:
                size = int(size_line, 16)
            except ValueError:
                raise FetchFailed("The site sent a broken chunked body.") from None
            if size == 0:
                return
            while size:
                piece = conn.read_some(min(size, 65536))
                if not piece:
                    raise FetchFailed("The site closed the connection mid-answer.")
                size -= len(piece)
                yield piece
            conn.read_line(1024)
    length = headers.get("content-length")
    if length is not None:
        try:
            left = int(length.split(",")[0])
        except ValueError:
            raise FetchFailed("The site sent a broken Content-Length.") from None
        while left > 0:
            piece = conn.read_some(min(left, 65536))
            if not piece:
                return  # shorter than announced: keep what came
            left -= len(piece)
            yield piece
        return
    while True:
        piece = conn.read_some(65536)
        if not piece:
            return
        yield piece


class Decoder:
    """Undo gzip/deflate with the output capped, so a small bomb cannot grow past MAX_BODY."""

    def __init__(self, coding: str):
        self.coding = coding
        if coding in {"gzip", "x-gzip"}:
            self.inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif coding == "deflate":
            self.inflater = None  # zlib-wrapped or raw: decided by the first bytes
        elif coding in {"", "identity"}:
            self.inflater = None
        else:
            raise FetchFailed("The site used a content encoding we do not read.")

    def feed(self, data: bytes, room: int) -> bytes:
        """At most `room` + 1 decoded bytes of `data` (the +1 tells the cap was passed)."""
        if self.coding in {"", "identity"}:
            return data[: room + 1]
        if self.inflater is None:
            raw = not (
                len(data) >= 2 and data[0] & 0x0F == 8 and (data[0] << 8 | data[1]) % 31 == 0
            )
            self.inflater = zlib.decompressobj(-zlib.MAX_WBITS if raw else zlib.MAX_WBITS)
        try:
            return self.inflater.decompress(data, room + 1)
        except zlib.error:
            raise FetchFailed("The site sent a broken compressed body.") from None


def exchange(target: Target, kind: Kind, deadline: float) -> tuple[int, dict[str, str], object]:
    """Send the request to a checked address; return status, headers and the open body."""
    addresses = checked_addresses(target.host, target.port, deadline)
    first_byte_deadline = time.monotonic() + FIRST_BYTE_SECONDS
    sock = open_connection(target, addresses, min(deadline, first_byte_deadline))
    accept = "text/html,application/xhtml+xml" if kind == "page" else ", ".join(sorted(IMAGE_TYPES))
    request = (
        f"GET {target.target} HTTP/1.1\r\n"
        f"Host: {target.host_header}\r\n"
        f"User-Agent: {USER_AGENT}\r\n"
        f"Accept: {accept}\r\n"
        "Accept-Encoding: gzip, deflate\r\n"
        "Connection: close\r\n\r\n"
    ).encode("ascii")
    conn = Connection(sock, deadline, first_byte_deadline)
    try:
        sock.settimeout(remaining(min(deadline, first_byte_deadline)))
        sock.sendall(request)
    except TimeoutError:
        conn.close()
        raise FetchFailed("The site took too long to answer.") from None
    except OSError:
        conn.close()
        raise FetchFailed("The connection to the site broke.") from None
    try:
        status, headers = read_head(conn)
    except BaseException:
        conn.close()
        raise
    return status, headers, conn


def media_type(headers: dict[str, str]) -> tuple[str, str | None]:
    """The Content-Type's media type and charset parameter."""
    value = headers.get("content-type", "")
    main, *params = value.split(";")
    charset = None
    for param in params:
        key, _, val = param.partition("=")
        if key.strip().lower() == "charset":
            charset = val.strip().strip("\"'").lower() or None
    return main.strip().lower(), charset


def read_body(conn: Connection, headers: dict[str, str]) -> tuple[bytes, bool]:
    """The decoded body, cut at MAX_BODY (on the wire and decoded); and whether it was cut."""
    decoder = Decoder(headers.get("content-encoding", "").strip().lower())
    out = bytearray()
    wire = 0
    for piece in body_chunks(conn, headers):
        wire += len(piece)
        out += decoder.feed(piece, MAX_BODY - len(out))
        if len(out) > MAX_BODY or wire > MAX_BODY:
            return bytes(out[:MAX_BODY]), True
    return bytes(out), False


def fetch(url: str, *, kind: Kind = "page") -> Fetched:
    """GET a public http(s) URL within every cap, following up to three checked redirects."""
    try:
        return _fetch(url, kind)
    except FetchFailed:
        raise
    except Exception as exc:
        # The contract is one exception type; anything else is our bug, not the site's,
        # but a comment's preview must still not crash a worker.
        raise FetchFailed(f"The fetch failed ({type(exc).__name__}).") from exc


def _fetch(url: str, kind: Kind) -> Fetched:
    deadline = time.monotonic() + TOTAL_SECONDS
    allowed_types = PAGE_TYPES if kind == "page" else IMAGE_TYPES
    redirects = 0
    while True:
        target = target_of(url)
        status, headers, conn = exchange(target, kind, deadline)
        try:
            if status in REDIRECTS:
                location = headers.get("location", "").strip()
                if not location:
                    raise FetchFailed("The site redirected to nowhere.")
                redirects += 1
                if redirects > MAX_REDIRECTS:
                    raise FetchRefused("The site redirected too many times.")
                url = urljoin(url, location).split("#", 1)[0]
                continue
            if status != 200:
                raise FetchFailed(f"The site answered with status {status}.")
            content_type, charset = media_type(headers)
            if content_type not in allowed_types:
                what = "a web page" if kind == "page" else "an image"
                raise FetchRefused(f"The link is not {what} ({content_type or 'no type'}).")
            body, truncated = read_body(conn, headers)
        finally:
            conn.close()
        return Fetched(
            url=url, content_type=content_type, charset=charset, body=body, truncated=truncated
        )
