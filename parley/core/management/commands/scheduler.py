import logging
import signal
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand

logger = logging.getLogger("parley.scheduler")
PRUNE_EVERY = 600.0  # seconds


def prune_live_events() -> int:
    """Drop live events older than PARLEY_LIVE_KEEP_DAYS (readers away longer reset)."""
    from datetime import timedelta

    from django.conf import settings
    from django.utils import timezone

    from parley.live.services import events_prune

    keep = timedelta(days=settings.PARLEY_LIVE_KEEP_DAYS)
    return events_prune(before=timezone.now() - keep)


def prune_task_results() -> None:
    """Drop finished background tasks after a week (failed ones after a month)."""
    # As command-line options: passed as keywords, argparse would still check the default
    # backend ("default", which runs tasks inline) and refuse it.
    call_command(
        "prune_db_task_results",
        *("--backend", "background", "--min-age-days", "7", "--failed-min-age-days", "30"),
        verbosity=0,
    )


class Command(BaseCommand):
    help = (
        "Publish and unpublish scheduled pages every --interval seconds, and prune old live "
        "events and finished tasks every ten minutes, until stopped."
    )

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=30.0)

    def handle(self, *args, interval, **options):
        stopping = False

        def stop(signum, frame):
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        pruned_at = 0.0
        while not stopping:
            try:
                call_command("publish_scheduled", verbosity=0)
            except Exception:
                self.stderr.write("scheduled publishing failed; will retry", ending="\n")
            if time.monotonic() - pruned_at > PRUNE_EVERY:
                pruned_at = time.monotonic()
                try:
                    prune_live_events()
                    prune_task_results()
                except Exception:
                    self.stderr.write("pruning old rows failed; will retry", ending="\n")
            slept = 0.0
            while slept < interval and not stopping:
                time.sleep(0.5)
                slept += 0.5
