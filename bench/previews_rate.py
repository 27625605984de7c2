"""How fast one task worker turns links into stored previews.

    .venv/bin/python bench/previews_rate.py            # 200 pages
    .venv/bin/python bench/previews_rate.py -n 1000 --no-image

It builds a throw-away Parley (SQLite in a temporary folder, migrated), starts a local site
on 127.0.0.2 in a child process serving N distinct article pages with Open Graph tags, each
pointing at its own 1200x675 PNG, and runs the previews_fetch task once per URL, as the
worker would (Task.call: same code path, no queue wait). Every fetch goes through the guard
(the test-only PARLEY_PREVIEW_ALLOW_ADDRESSES lets it reach 127.0.0.2), the page is
parsed, the image fetched, decoded, shrunk to 400 px and saved as WebP under MEDIA_ROOT.

It prints previews per second, p50/p99 time per preview, and the peak resident memory of
the benchmarking process (the site runs in its own process and is not counted).
"""

import argparse
import io
import multiprocessing
import os
import resource
import shutil
import socket
import statistics
import sys
import tempfile
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SITE_HOST = "127.0.0.2"


def image_bytes() -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (1200, 675), (30, 60, 90))
    draw = ImageDraw.Draw(image)
    for x in range(0, 1200, 40):
        draw.line([(x, 0), (1200 - x, 675)], fill=(200, 180, 40), width=3)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def serve_site(port_pipe, with_image: bool) -> None:
    """The local news site: /article/<n> pages and /img/<n>.png images."""
    png = image_bytes()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def do_GET(self):
            if self.path.startswith("/img/"):
                body, content_type = png, "image/png"
            elif self.path.startswith("/article/"):
                n = self.path.rsplit("/", 1)[-1]
                image = f'<meta property="og:image" content="/img/{n}.png">' if with_image else ""
                body = (
                    "<!doctype html><html><head><meta charset='utf-8'>"
                    f"<title>Article {n} | Bench News</title>"
                    '<meta property="og:site_name" content="Bench News">'
                    f'<meta property="og:title" content="Agreement reached in talks, part {n}">'
                    '<meta property="og:description" content="Both sides agreed to a full '
                    'cessation of hostilities from midnight.">'
                    f"{image}</head><body>{'<p>Body text.</p>' * 200}</body></html>"
                ).encode()
                content_type = "text/html; charset=utf-8"
            else:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer((SITE_HOST, 0), Handler)
    port_pipe.send(server.server_address[1])
    server.serve_forever()


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-n", type=int, default=200, help="distinct pages (default 200)")
    parser.add_argument("--no-image", action="store_true", help="pages without og:image")
    args = parser.parse_args()

    with socket.socket() as probe:
        try:
            probe.bind((SITE_HOST, 0))
        except OSError:
            print(f"{SITE_HOST} is not a loopback address here", file=sys.stderr)
            return 2

    data = Path(tempfile.mkdtemp(prefix="parley-bench-previews-"))
    os.environ.update(
        PARLEY_DATA_DIR=str(data),
        SECRET_KEY="bench-only-" + "x" * 40,
        DJANGO_SETTINGS_MODULE="parley.settings",
        LOG_LEVEL="WARNING",
    )
    os.environ.pop("DATABASE_URL", None)
    sys.path.insert(0, str(ROOT))
    receive, send = multiprocessing.Pipe(duplex=False)
    site = multiprocessing.Process(target=serve_site, args=(send, not args.no_image), daemon=True)
    site.start()
    try:
        port = receive.recv()
        import django

        django.setup()
        from django.conf import settings
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        # Only for this run, in this process: let the guard reach the local site.
        settings.PARLEY_PREVIEW_ALLOW_ADDRESSES = [SITE_HOST]
        settings.PARLEY_PREVIEW_PORTS = [port]

        from parley.previews.models import LinkPreview
        from parley.previews.tasks import previews_fetch

        urls = [f"http://{SITE_HOST}:{port}/article/{n}" for n in range(args.n)]
        previews_fetch.call(urls=[f"http://{SITE_HOST}:{port}/article/warm-up"])
        times = []
        started = time.perf_counter()
        for url in urls:
            t0 = time.perf_counter()
            previews_fetch.call(urls=[url])
            times.append(time.perf_counter() - t0)
        elapsed = time.perf_counter() - started

        ok = LinkPreview.objects.filter(status="ok").count() - 1  # minus the warm-up
        with_image = LinkPreview.objects.exclude(image="").count() - (not args.no_image)
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"pages: {args.n}  ok: {ok}  with image: {with_image}  (SQLite, one worker)")
        print(f"previews/s: {args.n / elapsed:.1f}  total: {elapsed:.2f} s")
        print(
            f"per preview: p50 {percentile(times, 0.5) * 1000:.1f} ms  "
            f"p99 {percentile(times, 0.99) * 1000:.1f} ms  "
            f"mean {statistics.mean(times) * 1000:.1f} ms"
        )
        print(f"peak RSS: {peak_mb:.0f} MB")
        return 0 if ok == args.n else 1
    finally:
        site.terminate()
        site.join(5)
        shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
