"""Any service speaking the Perspective API format (comments:analyze, TOXICITY).

The address is the operator's configuration (PARLEY_PERSPECTIVE_URL), never a reader's, so
this is not the guarded fetcher of parley.previews; it is the stdlib http.client with a
timeout on connecting and on every read.
"""

import http.client
import json
from urllib.parse import urlencode, urlsplit

from django.conf import settings

from parley.moderation.scorers import ScorerError, checked

MAX_RESPONSE = 256 * 1024


class PerspectiveScorer:
    def __init__(self, url: str | None = None, *, api_key: str | None = None, timeout=None):
        self.url = url if url is not None else settings.PARLEY_PERSPECTIVE_URL
        self.api_key = api_key if api_key is not None else settings.PARLEY_PERSPECTIVE_API_KEY
        self.timeout = timeout if timeout is not None else settings.PARLEY_PERSPECTIVE_TIMEOUT

    def connection(self) -> tuple[http.client.HTTPConnection, str]:
        parts = urlsplit(self.url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ScorerError("PARLEY_PERSPECTIVE_URL is not an http(s) URL")
        kind = (
            http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
        )
        path = parts.path or "/"
        query = parts.query
        if self.api_key:
            query = "&".join(q for q in (query, urlencode({"key": self.api_key})) if q)
        return kind(parts.hostname, parts.port, timeout=self.timeout), (
            f"{path}?{query}" if query else path
        )

    def score(self, text: str) -> float:
        payload = json.dumps(
            {
                "comment": {"text": text},
                "requestedAttributes": {"TOXICITY": {}},
                "doNotStore": True,
            }
        ).encode()
        connection, path = self.connection()
        try:
            connection.request(
                "POST", path, body=payload, headers={"Content-Type": "application/json"}
            )
            response = connection.getresponse()
            body = response.read(MAX_RESPONSE + 1)
        except (OSError, http.client.HTTPException) as exc:
            raise ScorerError(f"toxicity service unreachable: {exc}") from exc
        finally:
            connection.close()
        if response.status != 200:
            raise ScorerError(f"toxicity service answered {response.status}")
        if len(body) > MAX_RESPONSE:
            raise ScorerError("toxicity service answer too large")
        try:
            data = json.loads(body)
            value = data["attributeScores"]["TOXICITY"]["summaryScore"]["value"]
        except (ValueError, KeyError, TypeError) as exc:
            raise ScorerError("toxicity service answer is not in the Perspective format") from exc
        return checked(value)
