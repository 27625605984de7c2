"""The address check: only public addresses, whatever the spelling or the DNS answer."""

import ipaddress

import pytest
from hypothesis import given
from hypothesis import strategies as st

from parley.previews import guard
from parley.previews.guard import FetchRefused, fetch, is_public_address

NOT_PUBLIC = [
    "127.0.0.1",
    "127.255.255.254",
    "::1",
    "10.0.0.1",
    "10.255.255.255",
    "172.16.0.1",
    "172.31.255.254",
    "192.168.1.1",
    "169.254.169.254",  # cloud metadata
    "169.254.0.1",
    "100.64.0.1",  # shared address space
    "100.127.255.254",
    "0.0.0.0",
    "0.1.2.3",
    "255.255.255.255",
    "240.0.0.1",
    "224.0.0.1",  # multicast
    "239.255.255.250",
    "192.0.0.8",
    "192.0.2.1",  # documentation
    "198.51.100.7",
    "203.0.113.9",
    "198.18.0.1",  # benchmarking
    "198.19.255.255",
    "::",
    "::ffff:127.0.0.1",  # IPv4-mapped loopback
    "::ffff:169.254.169.254",
    "::ffff:10.0.0.1",
    "::127.0.0.1",  # IPv4-compatible
    "::10.0.0.1",
    "fc00::1",  # unique local
    "fd12:3456:789a::1",
    "fe80::1",  # link-local
    "fec0::1",
    "ff02::1",  # multicast
    "ff0e::1",
    "2001:db8::1",  # documentation
    "2002:7f00:1::",  # 6to4 of 127.0.0.1
    "2002:a9fe:a9fe::1",  # 6to4 of 169.254.169.254
    "2002:c0a8:0101::1",  # 6to4 of 192.168.1.1
    "2001:0:4136:e378:8000:63bf:3fff:fdd2",  # Teredo
    "64:ff9b::7f00:1",  # NAT64 of 127.0.0.1
    "64:ff9b::a9fe:a9fe",  # NAT64 of 169.254.169.254
    "64:ff9b:1::1",
    "100::1",
]
PUBLIC = [
    "93.184.215.14",
    "1.1.1.1",
    "8.8.8.8",
    "2606:4700:4700::1111",
    "2a00:1450:4001:80b::200e",
    "::ffff:8.8.8.8",
    "2002:0808:0808::1",  # 6to4 of a public address
]


@pytest.mark.parametrize("address", NOT_PUBLIC)
def test_non_public_addresses_are_not_public(address):
    """Loopback, private, link-local, shared, reserved, documentation… all refused."""
    assert not is_public_address(address)


@pytest.mark.parametrize("address", PUBLIC)
def test_public_addresses_are_public(address):
    """The check is not a blanket refusal: real public addresses pass."""
    assert is_public_address(address)


def url_for(address: str, path: str = "/") -> str:
    host = f"[{address}]" if ":" in address else address
    return f"http://{host}{path}"


@pytest.mark.parametrize("address", NOT_PUBLIC)
def test_a_link_to_a_non_public_address_is_refused_before_connecting(address, dialled):
    """Without PARLEY_PREVIEW_ALLOW_ADDRESSES nothing is dialled at all."""
    with pytest.raises(FetchRefused):
        fetch(url_for(address))
    assert dialled == []


@pytest.mark.parametrize("address", NOT_PUBLIC)
def test_a_name_resolving_to_a_non_public_address_is_refused(address, dns, dialled):
    """The same refusal when the address comes from DNS."""
    dns.set("news.example", [address])
    with pytest.raises(FetchRefused):
        fetch("http://news.example/story")
    assert dialled == []


@pytest.mark.parametrize(
    "url",
    [
        "http://2130706433/",  # 127.0.0.1 as one number
        "http://0x7f.0.0.1/",
        "http://0177.0.0.1/",
        "http://127.1/",
        "http://0/",
        "http://[::ffff:7f00:1]/",
        "http://[0:0:0:0:0:ffff:127.0.0.1]/",
    ],
)
def test_other_spellings_of_loopback_are_refused(url, dialled, monkeypatch):
    """Numbers the resolver turns into 127.0.0.1 are checked after resolving."""
    monkeypatch.setattr(
        guard, "resolve", lambda host, port: [guard.socket.getaddrinfo(host, port)[0][4][0]]
    )
    with pytest.raises(FetchRefused):
        fetch(url)
    assert dialled == []


def test_one_private_answer_among_public_ones_refuses_the_name(dns, dialled):
    """Mixed answers are refused: we would not know which one a retry would use."""
    dns.set("mixed.example", ["93.184.215.14", "10.0.0.7", "2606:4700::1"])
    with pytest.raises(FetchRefused):
        fetch("https://mixed.example/")
    assert dialled == []


def test_the_connection_goes_to_the_checked_address_not_a_second_lookup(dns, dialled):
    """DNS rebinding: a public first answer, a private second one; only the first is dialled."""
    dns.set("rebind.example", ["93.184.215.14"], ["127.0.0.1"])
    with pytest.raises(guard.FetchFailed):
        fetch("http://rebind.example/")
    assert dns.calls == ["rebind.example"]
    assert dialled == [("93.184.215.14", 80)]


@pytest.mark.parametrize(
    "url",
    [
        "ftp://example.com/file",
        "file:///etc/passwd",
        "gopher://example.com/",
        "javascript:alert(1)",
        "data:text/html,hi",
        "http://example.com:8080/",
        "http://example.com:22/",
        "https://example.com:6379/",
        "http://user:pass@example.com/",
        "http:///nohost",
        "http://exa mple.com/",
        "http://example.com/\r\nX-Injected: 1",
        "http://example.com:99999/",
    ],
)
def test_schemes_ports_and_malformed_links_are_refused(url, dns, dialled):
    """Only http(s), on the configured ports, without credentials or control characters."""
    dns.set("example.com", ["93.184.215.14"])
    with pytest.raises(FetchRefused):
        fetch(url)
    assert dialled == []


def test_the_allowance_is_for_exact_addresses_only(settings, dialled):
    """Allowing 127.0.0.2 does not allow the rest of loopback."""
    settings.PARLEY_PREVIEW_ALLOW_ADDRESSES = ["127.0.0.2"]
    for address in ("127.0.0.1", "127.0.0.3", "::1", "::ffff:127.0.0.1"):
        with pytest.raises(FetchRefused):
            fetch(url_for(address))
    assert dialled == []


# Property tests ---------------------------------------------------------------------------

BLOCKED_V4 = [net for net in guard.BLOCKED_NETWORKS if net.version == 4]


@st.composite
def blocked_ipv4(draw):
    net = draw(st.sampled_from(BLOCKED_V4))
    offset = draw(st.integers(min_value=0, max_value=net.num_addresses - 1))
    return net.network_address + offset


ipv4 = st.integers(min_value=0, max_value=2**32 - 1).map(ipaddress.IPv4Address)


@given(blocked_ipv4())
def test_every_address_in_a_blocked_v4_network_is_refused_however_wrapped(address):
    """Plain, IPv4-mapped, IPv4-compatible, 6to4 and NAT64 forms: all refused."""
    value = int(address)
    forms = [
        address,
        ipaddress.IPv6Address(0xFFFF << 32 | value),
        ipaddress.IPv6Address(value),
        ipaddress.IPv6Address(0x2002 << 112 | value << 80),
        ipaddress.IPv6Address(int(ipaddress.IPv6Address("64:ff9b::")) | value),
    ]
    for form in forms:
        assert not is_public_address(str(form)), form


@given(ipv4)
def test_a_mapped_address_is_judged_as_the_ipv4_address_it_carries(address):
    """::ffff:a.b.c.d is public exactly when a.b.c.d is."""
    mapped = ipaddress.IPv6Address(0xFFFF << 32 | int(address))
    assert is_public_address(str(mapped)) == is_public_address(str(address))


@given(ipv4)
def test_public_v4_is_never_in_a_blocked_network(address):
    """Whatever the address, public means outside every blocked network and global."""
    if is_public_address(str(address)):
        assert not any(address in net for net in BLOCKED_V4)
        assert address.is_global


@given(st.integers(min_value=0, max_value=2**128 - 1).map(ipaddress.IPv6Address))
def test_public_v6_is_global_and_outside_blocked_networks(address):
    """No IPv6 address inside fc00::/7, fe80::/10, ff00::/8, … is ever called public."""
    if is_public_address(str(address)):
        blocked = [net for net in guard.BLOCKED_NETWORKS if net.version == 6]
        inner = guard.embedded_ipv4(address)
        assert inner is not None or not any(address in net for net in blocked)
        assert inner is not None or address.is_global


@given(st.text(max_size=60))
def test_any_text_is_judged_without_raising(text):
    """Garbage is simply not public."""
    assert is_public_address(text) in {True, False}
