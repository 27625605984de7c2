import os
import resource
import signal
import subprocess
import sys

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError


def die_with(parent: int):
    """In the child, before exec: ask Linux to SIGTERM us when `parley serve` dies."""

    def preexec() -> None:
        import ctypes

        PR_SET_PDEATHSIG = 1
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
        if os.getppid() != parent:  # the parent died before the request took effect
            os._exit(0)

    return preexec


def start_child(*command: str) -> subprocess.Popen:
    """Run a `parley` command beside the server, stopped with it however it ends.

    The finally clause in handle() is not enough on its own: uvicorn and granian re-raise
    SIGTERM after their graceful shutdown, which ends this process before it runs.
    """
    return subprocess.Popen(  # noqa: S603  (our own fixed commands, no shell)
        [sys.executable, "-m", "parley.cli", *command],
        preexec_fn=die_with(os.getpid()) if sys.platform == "linux" else None,
    )


def connection_limit() -> int:
    """How many connections one worker may hold at once, SSE streams included.

    A reader following a thread holds a request open for hours. Granian counts those against
    its backpressure (backlog / workers: 1,024 by default), and a worker at its limit stops
    accepting: the next reader, and every page or API request after it, waits in the
    kernel's queue. What really bounds a worker is its file descriptors, so raise the soft
    limit to the hard one and leave a reserve for the database, files and the server itself.
    """
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = max(soft, 65536) if hard == resource.RLIM_INFINITY else hard
    if soft < target:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
            soft = target
        except (ValueError, OSError):
            pass
    return max(1024, soft - 256)


class Command(BaseCommand):
    help = "Serve Parley through an ASGI server, with the scheduler and the task worker."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("PARLEY_HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument("--workers", type=int, default=1)
        parser.add_argument(
            "--threads",
            type=int,
            default=int(os.environ.get("PARLEY_THREADS", "1")),
            help="Threads per worker for Django's requests (see parley/core/django_pool.py).",
        )
        parser.add_argument(
            "--server",
            choices=["granian", "uvicorn"],
            # Measured with bench/article_page.sh: granian serves 1.3-1.9x the requests.
            default=os.environ.get("PARLEY_SERVER", "granian"),
        )
        parser.add_argument(
            "--no-scheduler",
            action="store_true",
            help="Do not run scheduled publishing here (run `parley scheduler` elsewhere).",
        )
        parser.add_argument(
            "--no-worker",
            action="store_true",
            help="Do not run the task worker here (run `parley db_worker --backend background`).",
        )

    def handle(
        self, *args, host, port, workers, threads, server, no_scheduler, no_worker, **options
    ):
        if threads < 1:
            raise CommandError("--threads must be at least 1.")
        os.environ["PARLEY_THREADS"] = str(threads)  # read by each worker's PooledDjango
        call_command("check", deploy=False)
        # Static files are hashed into a manifest; collect them so a new stylesheet or
        # script is served after an upgrade without a separate step.
        call_command("collectstatic", interactive=False, verbosity=0)
        children = []
        if not no_scheduler:
            children.append(start_child("scheduler"))
        if not no_worker:
            # Link previews wait in the database queue for it.
            children.append(start_child("db_worker", "--backend", "background", "--no-reload"))
        self.stdout.write(
            f"Parley is serving on http://{host}:{port}/ "
            f"({workers} {server} worker(s), {threads} thread(s) each)"
        )
        try:
            if server == "granian":
                self.run_granian(host, port, workers)
            else:
                self.run_uvicorn(host, port, workers)
        finally:
            for child in children:
                child.send_signal(signal.SIGTERM)
            for child in children:
                try:
                    child.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    child.kill()
                    child.wait()

    def run_uvicorn(self, host, port, workers):
        import uvicorn

        connection_limit()  # the file descriptors; uvicorn sets no cap of its own

        uvicorn.run(
            "parley.asgi:application",
            host=host,
            port=port,
            workers=workers,
            lifespan="off",
            access_log=False,
            log_level="warning",
            timeout_graceful_shutdown=5,
        )

    def run_granian(self, host, port, workers):
        from granian import Granian
        from granian.constants import Interfaces

        Granian(
            "parley.asgi:application",
            address=host,
            port=port,
            workers=workers,
            interface=Interfaces.ASGINL,
            log_access=False,
            backpressure=connection_limit(),
        ).serve()
