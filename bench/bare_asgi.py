"""The floor for bench/article_page.sh: an ASGI app that only sends a saved page.

It answers every HTTP request with the bytes in the file named by BARE_ASGI_BODY (the
warm article page, saved by the script) as text/html, so serving it through the same
server with the same workers shows what the server alone costs for that response.

    BARE_ASGI_BODY=page.html .venv/bin/uvicorn bench.bare_asgi:app --workers 2
"""

import os
from pathlib import Path

BODY = Path(os.environ["BARE_ASGI_BODY"]).read_bytes()
START = {
    "type": "http.response.start",
    "status": 200,
    "headers": [
        (b"content-type", b"text/html; charset=utf-8"),
        (b"content-length", str(len(BODY)).encode()),
    ],
}
BODY_MESSAGE = {"type": "http.response.body", "body": BODY}


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
        await send(START)
        await send(BODY_MESSAGE)
