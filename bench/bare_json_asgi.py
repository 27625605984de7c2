"""The floor for bench/thread_read.py: an ASGI app that only replays saved responses.

BARE_JSON_MANIFEST names a JSON file that maps a request target (path, plus "?query" when
there is one) to a saved response:

    {"/api/v1/threads/1/comments": {"file": "t1-a.json", "headers": [["content-type", "…"]]}}

`file` is relative to the manifest's folder; `headers` are sent as saved (the script keeps
Parley's own, less Date, Server and Content-Length, which the server or this app sets). So
serving it through the same server with the same workers shows what the server alone costs
for exactly the bytes Parley sends. Any other target gets a 404.

    BARE_JSON_MANIFEST=manifest.json .venv/bin/uvicorn bench.bare_json_asgi:app --workers 2
"""

import json
import os
from pathlib import Path

MANIFEST = Path(os.environ["BARE_JSON_MANIFEST"])


def load(manifest: Path) -> dict[str, tuple[dict, dict]]:
    responses = {}
    for target, spec in json.loads(manifest.read_text()).items():
        body = (manifest.parent / spec["file"]).read_bytes()
        headers = [(k.lower().encode(), v.encode()) for k, v in spec.get("headers", [])]
        headers = [h for h in headers if h[0] != b"content-length"]
        headers.append((b"content-length", str(len(body)).encode()))
        start = {"type": "http.response.start", "status": 200, "headers": headers}
        responses[target] = (start, {"type": "http.response.body", "body": body})
    return responses


RESPONSES = load(MANIFEST)
NOT_FOUND = (
    {
        "type": "http.response.start",
        "status": 404,
        "headers": [(b"content-type", b"text/plain"), (b"content-length", b"10")],
    },
    {"type": "http.response.body", "body": b"not found\n"},
)


async def app(scope, receive, send):
    if scope["type"] == "lifespan":
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await send({"type": "lifespan.shutdown.complete"})
                return
    elif scope["type"] == "http":
        target = scope["path"]
        if scope["query_string"]:
            target += "?" + scope["query_string"].decode("latin-1")
        start, body = RESPONSES.get(target, NOT_FOUND)
        await send(start)
        await send(body)
