"""Just enough of a browser for OAuth redirects: cookies per origin, no automatic redirects."""

import http.client
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urljoin, urlsplit

TIMEOUT = 10


@dataclass
class Response:
    url: str
    status: int
    location: str
    body: str

    def form_token(self) -> str:
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', self.body)
        assert match, f"no CSRF token on {self.url} ({self.status})"
        return match.group(1)


@dataclass
class Browser:
    cookies: dict[str, dict[str, str]] = field(default_factory=dict)  # origin -> name -> value

    def request(self, method: str, url: str, form: dict | None = None) -> Response:
        parts = urlsplit(url)
        origin = f"{parts.hostname}:{parts.port}"
        jar = self.cookies.setdefault(origin, {})
        headers = {"Host": parts.netloc}
        if jar:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in jar.items())
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=TIMEOUT)
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            for header in response.msg.get_all("Set-Cookie") or []:
                self._store(jar, header)
            location = response.getheader("Location") or ""
            return Response(
                url=url,
                status=response.status,
                location=urljoin(url, location) if location else "",
                body=response.read().decode("utf-8", "replace"),
            )
        finally:
            conn.close()

    def get(self, url: str) -> Response:
        return self.request("GET", url)

    def post(self, url: str, form: dict) -> Response:
        return self.request("POST", url, form)

    def follow(self, url: str, *, until: str) -> str:
        """GET and follow redirects; return the first redirect target that starts with `until`."""
        for _ in range(10):
            response = self.get(url)
            assert response.status in (302, 303), (
                f"{url} answered {response.status}: {response.body[:500]}"
            )
            if response.location.startswith(until):
                return response.location
            url = response.location
        raise AssertionError(f"too many redirects from {url}")

    @staticmethod
    def _store(jar: dict[str, str], header: str) -> None:
        cookie = SimpleCookie()
        cookie.load(header)
        for name, morsel in cookie.items():
            expires = morsel["expires"]
            expired = morsel["max-age"] == "0" or (
                expires and parsedate_to_datetime(expires) <= datetime.now(UTC)
            )
            if expired or not morsel.value:
                jar.pop(name, None)
            else:
                jar[name] = morsel.value
