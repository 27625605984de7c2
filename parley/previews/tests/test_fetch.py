"""The guarded fetcher against real loopback servers that misbehave on purpose."""

import datetime
import gzip
import ssl
import time
import zlib

import pytest

from parley.previews import guard
from parley.previews.guard import MAX_BODY, FetchFailed, FetchRefused, fetch
from parley.previews.tests import sites
from parley.previews.tests.sites import LoopbackSite


def test_a_plain_page_is_fetched(site):
    """The happy path: 200, HTML, body and charset come back."""
    site.routes["/"] = sites.page("<title>Hello</title>", content_type="text/html; charset=utf-8")
    fetched = fetch(site.url("/"))
    assert fetched.body == b"<title>Hello</title>"
    assert fetched.content_type == "text/html"
    assert fetched.charset == "utf-8"
    assert not fetched.truncated


def test_the_request_carries_the_original_host_and_goes_to_the_checked_address(site, dns, dialled):
    """The Host header is the name from the link; the socket goes to the checked address."""
    dns.set("news.example", [site.host])
    site.routes["/story?id=1"] = sites.page("<title>Story</title>")
    fetched = fetch(f"http://news.example:{site.port}/story?id=1")
    assert fetched.body == b"<title>Story</title>"
    assert site.requests[0].headers["host"] == f"news.example:{site.port}"
    assert dialled == [(site.host, site.port)]
    assert dns.calls == ["news.example"]


def test_dns_rebinding_to_loopback_reaches_only_the_checked_address(
    settings, forbidden_site, dns, dialled
):
    """First answer allowed, second 127.0.0.1: one lookup, one connection, to the first."""
    # The allowed server listens on the same port as the forbidden one, so a second lookup
    # by the client would land on 127.0.0.1 and be seen there.
    allowed = LoopbackSite("127.0.0.2", port=forbidden_site.port)
    settings.PARLEY_PREVIEW_ALLOW_ADDRESSES = ["127.0.0.2"]
    try:
        dns.set("rebind.example", ["127.0.0.2"], ["127.0.0.1"])
        forbidden_site.routes["/"] = sites.page("<title>secret</title>")
        allowed.routes["/"] = sites.page("<title>public</title>")
        fetched = fetch(f"http://rebind.example:{forbidden_site.port}/")
    finally:
        allowed.close()
    assert fetched.body == b"<title>public</title>"
    assert forbidden_site.requests == []
    assert dns.calls == ["rebind.example"]
    assert dialled == [("127.0.0.2", forbidden_site.port)]


@pytest.mark.parametrize("location", ["http://127.0.0.1:{port}/", "http://localhost:{port}/"])
def test_a_redirect_to_loopback_is_refused_though_the_first_hop_was_allowed(
    site, forbidden_site, dns, location
):
    """Each hop is checked again: the allowed site cannot bounce us to 127.0.0.1."""
    dns.set("localhost", ["127.0.0.1", "::1"])
    forbidden_site.routes["/"] = sites.page("<title>secret</title>")
    site.routes["/go"] = sites.redirect(location.format(port=forbidden_site.port))
    with pytest.raises(FetchRefused):
        fetch(site.url("/go"))
    assert site.paths() == ["/go"]
    assert forbidden_site.requests == []


def test_a_redirect_to_the_metadata_service_is_refused(site, dialled):
    """169.254.169.254 is never dialled, whoever redirects there."""
    site.routes["/go"] = sites.redirect("http://169.254.169.254/latest/meta-data/")
    with pytest.raises(FetchRefused):
        fetch(site.url("/go"))
    assert all(address == site.host for address, _port in dialled)


def test_a_redirect_to_another_scheme_is_refused(site):
    site.routes["/go"] = sites.redirect("file:///etc/passwd")
    with pytest.raises(FetchRefused):
        fetch(site.url("/go"))


def test_three_redirects_are_followed(site):
    """Up to three hops, each relative to the last."""
    site.routes["/1"] = sites.redirect("/2", 301)
    site.routes["/2"] = sites.redirect(site.url("/3"), 307)
    site.routes["/3"] = sites.redirect("4", 308)
    site.routes["/4"] = sites.page("<title>end</title>")
    fetched = fetch(site.url("/1"))
    assert fetched.body == b"<title>end</title>"
    assert fetched.url == site.url("/4")
    assert site.paths() == ["/1", "/2", "/3", "/4"]


def test_a_fourth_redirect_is_refused(site):
    for n in range(1, 5):
        site.routes[f"/{n}"] = sites.redirect(f"/{n + 1}")
    site.routes["/5"] = sites.page("<title>too far</title>")
    with pytest.raises(FetchRefused, match="redirected too many times"):
        fetch(site.url("/1"))
    assert "/5" not in site.paths()


def test_a_redirect_loop_ends(site):
    site.routes["/a"] = sites.redirect("/b")
    site.routes["/b"] = sites.redirect("/a")
    with pytest.raises(FetchRefused):
        fetch(site.url("/a"))
    assert len(site.requests) == guard.MAX_REDIRECTS + 1


def test_an_endless_page_is_cut_at_the_cap(site):
    """An HTML body that never ends is read to 1 MB and no further."""
    site.routes["/"] = sites.endless()
    started = time.monotonic()
    fetched = fetch(site.url("/"))
    assert fetched.truncated
    assert len(fetched.body) == MAX_BODY
    assert time.monotonic() - started < guard.TOTAL_SECONDS


def test_an_endless_image_is_refused(site):
    """An image cut off is no image: the preview code refuses it (see test_services)."""
    site.routes["/i.png"] = sites.endless("image/png")
    fetched = fetch(site.url("/i.png"), kind="image")
    assert fetched.truncated and len(fetched.body) == MAX_BODY


def test_a_server_dripping_one_byte_a_second_hits_the_time_cap(site, monkeypatch):
    """Each byte arrives well within any read timeout; the total deadline still ends it."""
    monkeypatch.setattr(guard, "TOTAL_SECONDS", 1.5)
    site.routes["/"] = sites.drip(sites.response(200, b"<title>slow</title>" * 10), every=0.2)
    started = time.monotonic()
    with pytest.raises(FetchFailed, match="too long"):
        fetch(site.url("/"))
    assert time.monotonic() - started < 2.5


def test_a_body_dripping_after_quick_headers_hits_the_time_cap(site, monkeypatch):
    monkeypatch.setattr(guard, "TOTAL_SECONDS", 1.5)

    def route(sock, request):
        sock.sendall(sites.response(200, content_type="text/html", length=False))
        sites.drip(b"x" * 100, every=0.2)(sock, request)

    site.routes["/"] = route
    started = time.monotonic()
    with pytest.raises(FetchFailed, match="too long"):
        fetch(site.url("/"))
    assert time.monotonic() - started < 2.5


def test_a_silent_server_hits_the_first_byte_cap(site, monkeypatch):
    monkeypatch.setattr(guard, "FIRST_BYTE_SECONDS", 0.5)
    site.routes["/"] = sites.silent(2)
    started = time.monotonic()
    with pytest.raises(FetchFailed, match="too long"):
        fetch(site.url("/"))
    assert time.monotonic() - started < 1.5


def test_huge_headers_are_refused(site):
    site.routes["/"] = sites.send(
        sites.response(200, b"<title>x</title>", headers={"X-Big": "a" * 200_000})
    )
    with pytest.raises(FetchRefused, match="headers are too large"):
        fetch(site.url("/"))


def test_too_many_headers_are_refused(site):
    headers = {f"X-H{i}": "v" for i in range(500)}
    site.routes["/"] = sites.send(sites.response(200, b"<title>x</title>", headers=headers))
    with pytest.raises(FetchRefused, match="headers are too large"):
        fetch(site.url("/"))


def test_endless_headers_are_refused(site):
    def route(sock, request):
        sock.sendall(b"HTTP/1.1 200 OK\r\n")
        for i in range(100_000):
            sock.sendall(b"X-Again-%d: yes\r\n" % i)

    site.routes["/"] = route
    with pytest.raises(FetchRefused):
        fetch(site.url("/"))


def test_a_gzip_bomb_is_cut_at_the_decompressed_cap(site):
    """50 MB of spaces in ~50 KB of gzip: we stop inflating at 1 MB."""
    site.routes["/"] = sites.gzip_bomb()
    fetched = fetch(site.url("/"))
    assert fetched.truncated
    assert len(fetched.body) == MAX_BODY
    assert fetched.body.startswith(b"<title>bomb</title>")


def test_a_gzip_bomb_image_is_too_big(site):
    site.routes["/i.png"] = sites.gzip_bomb(content_type="image/png")
    assert fetch(site.url("/i.png"), kind="image").truncated


def test_gzip_and_deflate_bodies_are_decoded(site):
    html = b"<title>Squeezed</title>"
    site.routes["/gz"] = sites.send(
        sites.response(200, gzip.compress(html), headers={"Content-Encoding": "gzip"})
    )
    site.routes["/zlib"] = sites.send(
        sites.response(200, zlib.compress(html), headers={"Content-Encoding": "deflate"})
    )
    raw = zlib.compressobj(wbits=-15)
    site.routes["/raw"] = sites.send(
        sites.response(
            200, raw.compress(html) + raw.flush(), headers={"Content-Encoding": "deflate"}
        )
    )
    for path in ("/gz", "/zlib", "/raw"):
        assert fetch(site.url(path)).body == html, path


def test_an_unknown_content_encoding_fails(site):
    site.routes["/"] = sites.send(sites.response(200, b"???", headers={"Content-Encoding": "br"}))
    with pytest.raises(FetchFailed):
        fetch(site.url("/"))


def test_a_chunked_body_is_read(site):
    body = b"7\r\n<title>\r\n5\r\nChunk\r\n8\r\n</title>\r\n0\r\n\r\n"
    site.routes["/"] = sites.send(
        sites.response(200, body, length=False, headers={"Transfer-Encoding": "chunked"})
    )
    assert fetch(site.url("/")).body == b"<title>Chunk</title>"


@pytest.mark.parametrize(
    "content_type", ["application/pdf", "application/octet-stream", "text/plain", None]
)
def test_a_page_of_the_wrong_type_is_refused_without_reading_it(site, content_type):
    site.routes["/"] = sites.page("<title>x</title>", content_type=content_type)
    with pytest.raises(FetchRefused, match="not a web page"):
        fetch(site.url("/"))


@pytest.mark.parametrize("content_type", ["text/html", "image/svg+xml", "image/tiff"])
def test_an_image_of_the_wrong_type_is_refused(site, content_type):
    """SVG is script, TIFF is a decoder zoo: only png, jpeg, gif and webp."""
    site.routes["/i"] = sites.page("<svg/>", content_type=content_type)
    with pytest.raises(FetchRefused, match="not an image"):
        fetch(site.url("/i"), kind="image")


@pytest.mark.parametrize("status", [404, 500, 204, 401])
def test_an_error_status_fails(site, status):
    site.routes["/"] = sites.send(sites.response(status, b"<title>nope</title>"))
    with pytest.raises(FetchFailed, match=str(status)):
        fetch(site.url("/"))


@pytest.mark.parametrize(
    "raw",
    [
        b"",
        b"garbage\r\n\r\n",
        b"HTTP/1.1 abc OK\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: x\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: gzip\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\nnot gzip",
        b"HTTP/1.1 302 Found\r\n\r\n",
    ],
)
def test_broken_answers_fail_with_our_one_exception_type(site, raw):
    site.routes["/"] = sites.send(raw)
    with pytest.raises(FetchFailed):
        fetch(site.url("/"))


def test_a_closed_port_fails(settings):
    settings.PARLEY_PREVIEW_ALLOW_ADDRESSES = ["127.0.0.2"]
    settings.PARLEY_PREVIEW_PORTS = [80]
    with pytest.raises(FetchFailed, match="could not be reached"):
        fetch("http://127.0.0.2/")


def test_an_unresolvable_name_fails(dns):
    with pytest.raises(FetchFailed, match="does not resolve"):
        fetch("http://nowhere.example/")


def test_slow_dns_hits_the_time_cap(monkeypatch):
    monkeypatch.setattr(guard, "TOTAL_SECONDS", 0.5)
    monkeypatch.setattr(guard, "resolve", lambda host, port: time.sleep(2) or ["93.184.215.14"])
    started = time.monotonic()
    with pytest.raises(FetchFailed, match="too long"):
        fetch("http://slow-dns.example/")
    assert time.monotonic() - started < 1.5


# TLS -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def certificates(tmp_path_factory):
    """A throwaway CA and a certificate for news.example signed by it."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    def name(common):
        return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common)])

    now = datetime.datetime.now(datetime.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = (
        x509.CertificateBuilder()
        .subject_name(name("Parley test CA"))
        .issuer_name(name("Parley test CA"))
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    leaf = (
        x509.CertificateBuilder()
        .subject_name(name("news.example"))
        .issuer_name(ca.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName("news.example")]), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    folder = tmp_path_factory.mktemp("tls")
    pem = serialization.Encoding.PEM
    (folder / "ca.pem").write_bytes(ca.public_bytes(pem))
    (folder / "leaf.pem").write_bytes(leaf.public_bytes(pem))
    (folder / "key.pem").write_bytes(
        key.private_bytes(pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return folder


@pytest.fixture
def tls_site(settings, certificates, monkeypatch):
    server_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_context.load_cert_chain(certificates / "leaf.pem", certificates / "key.pem")
    server = LoopbackSite("127.0.0.2", tls=server_context)
    settings.PARLEY_PREVIEW_ALLOW_ADDRESSES = ["127.0.0.2"]
    settings.PARLEY_PREVIEW_PORTS = [server.port]

    def trusting_context():
        context = guard.ssl.create_default_context(cafile=str(certificates / "ca.pem"))
        return context

    monkeypatch.setattr(guard, "tls_context", trusting_context)
    yield server
    server.close()


def test_https_sends_the_host_name_as_sni_and_verifies_against_it(tls_site, dns):
    """We dial the checked address, yet TLS speaks to and verifies the name."""
    dns.set("news.example", ["127.0.0.2"])
    tls_site.routes["/"] = sites.page("<title>secure</title>")
    fetched = fetch(tls_site.url("/", host="news.example"))
    assert fetched.body == b"<title>secure</title>"
    assert tls_site.requests[0].sni == "news.example"
    assert tls_site.requests[0].headers["host"] == f"news.example:{tls_site.port}"


def test_a_certificate_for_another_name_fails(tls_site, dns):
    """other.example resolving to the same server: its certificate says news.example."""
    dns.set("other.example", ["127.0.0.2"])
    tls_site.routes["/"] = sites.page("<title>secure</title>")
    with pytest.raises(FetchFailed, match="certificate"):
        fetch(tls_site.url("/", host="other.example"))
    assert tls_site.requests == []


def test_an_untrusted_certificate_fails(tls_site, dns, monkeypatch):
    monkeypatch.setattr(guard, "tls_context", ssl.create_default_context)
    dns.set("news.example", ["127.0.0.2"])
    with pytest.raises(FetchFailed, match="certificate"):
        fetch(tls_site.url("/", host="news.example"))


def test_inflating_stops_at_the_room_left_not_after():
    """The cap holds while inflating: a bomb never becomes 50 MB in memory first."""
    bomb = gzip.compress(b" " * (50 * 1024 * 1024))
    decoder = guard.Decoder("gzip")
    out = decoder.feed(bomb, 1000)
    assert len(out) == 1001
