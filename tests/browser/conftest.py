"""A real Parley (demo content, ASGI server, scheduler) and a real Chromium to read it with.

The site runs in subprocesses with the production settings module, in a temporary data
folder of its own, exactly as `parley demo --no-serve` and `parley serve` set it up.
"""

import contextlib
import http.client
import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from conftest import require
from tests.processes import free_port
from tests.processes import stop_group as stop

if TYPE_CHECKING:
    from parley.previews.tests.sites import LoopbackSite

ARTIFACTS = Path(__file__).parent / "artifacts"
CHROMIUM = Path("/usr/bin/chromium")
START_TIMEOUT = 60.0
# The test settings put these in the environment; the site under test must not see them.
TEST_ONLY_ENV = ("SECRET_KEY", "DATABASE_URL", "REDIS_URL", "PARLEY_TEST_DB", "ALLOWED_HOSTS")


@dataclass(frozen=True)
class LiveSite:
    base_url: str
    port: int
    data_dir: Path
    editor_password: str
    moderator_password: str

    def url(self, path: str) -> str:
        return self.base_url + path


def site_env(data_dir: Path, base_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in TEST_ONLY_ENV}
    env.update(
        DJANGO_SETTINGS_MODULE="parley.settings",
        PARLEY_DATA_DIR=str(data_dir),
        PARLEY_BASE_URL=base_url,
        PYTHONUNBUFFERED="1",
        # Every test reader posts from 127.0.0.1; the per-account limit still applies.
        PARLEY_COMMENT_RATE_IP_BURST="0",
    )
    return env


def front_page_status(port: int) -> int | None:
    """The status of GET / on the site, or None while nothing answers."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        conn.request("GET", "/")
        return conn.getresponse().status
    except OSError:
        return None
    finally:
        conn.close()


def tail(path: Path, lines: int = 40) -> str:
    if not path.exists():
        return "(no output)"
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])


LINK_SITE_ADDRESS = "127.0.0.2"


@pytest.fixture(scope="session")
def link_site():
    """Another site, on 127.0.0.2, that readers link to: tests give it pages (`routes`)."""
    from parley.previews.tests.sites import LoopbackSite

    site = LoopbackSite(LINK_SITE_ADDRESS)
    try:
        yield site
    finally:
        site.close()


def preview_env(link_site: "LoopbackSite") -> dict[str, str]:
    """Let the site's link previews reach exactly the link site, and nothing else off the
    public internet: its one loopback address and its one port, by the loud opt-in the
    system check warns about (see parley/previews/checks.py)."""
    return {
        "PARLEY_INSECURE_TEST_ADDRESSES": "1",
        "PARLEY_PREVIEW_ALLOW_ADDRESSES": link_site.host,
        "PARLEY_PREVIEW_PORTS": str(link_site.port),
    }


@pytest.fixture(scope="session")
def live_site(tmp_path_factory, link_site):
    parley = Path(sys.executable).parent / "parley"
    require(parley.exists(), f"the parley console script is not installed at {parley}")
    data_dir = tmp_path_factory.mktemp("live-site")
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    env = site_env(data_dir, base_url)
    env.update(preview_env(link_site))

    setup_log = data_dir / "demo.log"
    with setup_log.open("w") as out:
        result = subprocess.run(
            [str(parley), "demo", "--no-serve"],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            timeout=300,
            check=False,
        )
    if result.returncode != 0:
        pytest.fail(f"`parley demo --no-serve` failed:\n{tail(setup_log)}")
    passwords = json.loads((data_dir / "demo-accounts.json").read_text())

    server_log = data_dir / "server.log"
    with server_log.open("w") as out:
        server = subprocess.Popen(
            [str(parley), "serve", "--port", str(port), "--workers", "1"],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, so teardown reaches the scheduler
        )
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while front_page_status(port) != 200:
            if server.poll() is not None or time.monotonic() > deadline:
                pytest.fail(
                    f"Parley did not answer 200 on {base_url}/ "
                    f"(exit code {server.poll()}):\n{tail(server_log)}"
                )
            time.sleep(0.25)
        yield LiveSite(
            base_url=base_url,
            port=port,
            data_dir=data_dir,
            editor_password=passwords["editor"],
            moderator_password=passwords["moderator"],
        )
    finally:
        stop(server)


@pytest.fixture(scope="session")
def browser():
    require(CHROMIUM.exists(), f"Chromium is not installed at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-background-networking"],
        )
        try:
            yield chromium
        finally:
            chromium.close()
    finally:
        playwright.stop()


@pytest.fixture
def page(browser, live_site):
    context = browser.new_context(
        base_url=live_site.base_url, viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(10_000)
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Under a failed browser test, show the end of the server's log and save a screenshot."""
    report = yield
    if not (report.failed and report.when == "call"):
        return report
    funcargs = getattr(item, "funcargs", {})
    site = funcargs.get("live_site")
    if isinstance(site, LiveSite):
        report.sections.append(("Parley server log (tail)", tail(site.data_dir / "server.log")))
    page = funcargs.get("page")
    if page is not None and not page.is_closed():
        shot = ARTIFACTS / f"failed-{item.name}.png"
        with contextlib.suppress(Exception):
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=shot, full_page=True)
            report.sections.append(("Failure screenshot", f"{shot} (at {page.url})"))
    return report


# Readers ---------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def reader_password(live_site) -> str:
    """The shared password of the demo readers (parley/discussion/demo_content.py READERS)."""
    passwords = json.loads((live_site.data_dir / "demo-accounts.json").read_text())
    require("readers" in passwords, "`parley demo` created no demo readers")
    return passwords["readers"]


@pytest.fixture
def new_page(browser, live_site):
    """Open a page in a browser context of its own (one per reader), closed after the test."""
    contexts = []

    def open_page(*, javascript: bool = True):
        context = browser.new_context(
            base_url=live_site.base_url,
            viewport={"width": 1280, "height": 900},
            java_script_enabled=javascript,
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    try:
        yield open_page
    finally:
        for context in contexts:
            context.close()
