"""A real OpenID Connect provider (npm "oidc-provider", tests/oidc/op/) on a loopback port.

Parley is pytest-django's live server in this process, configured through the same
PARLEY_OIDC_PROVIDERS parsing production uses; the provider is a Node process of its own.
"""

import json
import os
import select
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import require
from parley.accounts.providers.config import social_providers_from_env
from tests.processes import stop_group

OP_DIR = Path(__file__).parent / "op"
START_TIMEOUT = 20.0
# Two apps on the one provider: the second's authorization codes expire after a second.
CLIENTS = {
    "loopback": {"client_id": "parley", "code_ttl": 60},
    "loopback-short": {"client_id": "parley-short", "code_ttl": 1},
}
SECRET = "test-only-client-secret"


@dataclass(frozen=True)
class OpenIDProvider:
    issuer: str
    log: Path


def installed_op() -> Path:
    """The provider's node_modules, installed from package-lock.json on first use."""
    node, npm = shutil.which("node"), shutil.which("npm")
    require(node is not None and npm is not None, "node and npm are needed for the OIDC tests")
    if not (OP_DIR / "node_modules" / "oidc-provider").is_dir():
        result = subprocess.run(
            [npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"],
            cwd=OP_DIR,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        require(result.returncode == 0, f"`npm ci` in {OP_DIR} failed:\n{result.stderr[-2000:]}")
    return Path(node)


def read_issuer(process: subprocess.Popen, log: Path) -> str:
    """The first line the provider prints, {"issuer": ...}, once it listens."""
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        ready, _, _ = select.select([process.stdout], [], [], 0.2)
        if ready:
            line = process.stdout.readline()
            if line.startswith("{"):
                return json.loads(line)["issuer"]
        if process.poll() is not None:
            break
    stop_group(process, grace=5)
    pytest.fail(f"the OpenID provider did not start:\n{log.read_text(errors='replace')[-3000:]}")


@pytest.fixture(scope="session")
def openid_provider(live_server, tmp_path_factory):
    node = installed_op()
    log = tmp_path_factory.mktemp("oidc-op") / "provider.log"
    clients = [
        {
            "client_id": app["client_id"],
            "client_secret": SECRET,
            "redirect_uris": [f"{live_server.url}/accounts/oidc/{provider_id}/login/callback/"],
            "code_ttl": app["code_ttl"],
        }
        for provider_id, app in CLIENTS.items()
    ]
    with log.open("w") as stderr:
        process = subprocess.Popen(
            [str(node), "provider.mjs"],
            cwd=OP_DIR,
            env={**os.environ, "OP_CLIENTS": json.dumps(clients)},
            stdout=subprocess.PIPE,
            stderr=stderr,
            text=True,
            start_new_session=True,  # its own process group, so teardown reaches it all
        )
    try:
        yield OpenIDProvider(issuer=read_issuer(process, log), log=log)
    finally:
        stop_group(process, grace=5)


@pytest.fixture
def oidc_site(settings, live_server, openid_provider):
    """Parley (the live server) with both loopback apps configured as production would be."""
    entries = [
        {
            "id": provider_id,
            "name": "Loopback ID" if provider_id == "loopback" else "Loopback short",
            "issuer": openid_provider.issuer,
            "client_id": app["client_id"],
            "secret": SECRET,
        }
        for provider_id, app in CLIENTS.items()
    ]
    settings.SOCIALACCOUNT_PROVIDERS = social_providers_from_env(
        {"PARLEY_OIDC_PROVIDERS": json.dumps(entries)}
    )
    return live_server


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Under a failed test, show the end of the provider's log."""
    report = yield
    provider = getattr(item, "funcargs", {}).get("openid_provider")
    if report.failed and isinstance(provider, OpenIDProvider) and provider.log.exists():
        tail = "\n".join(provider.log.read_text(errors="replace").splitlines()[-40:])
        report.sections.append(("OpenID provider log (tail)", tail))
    return report
