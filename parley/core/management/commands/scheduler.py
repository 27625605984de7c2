import logging
import signal
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand

logger = logging.getLogger("parley.scheduler")


class Command(BaseCommand):
    help = "Publish and unpublish scheduled pages every --interval seconds until stopped."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=30.0)

    def handle(self, *args, interval, **options):
        stopping = False

        def stop(signum, frame):
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        while not stopping:
            try:
                call_command("publish_scheduled", verbosity=0)
            except Exception:
                self.stderr.write("scheduled publishing failed; will retry", ending="\n")
            slept = 0.0
            while slept < interval and not stopping:
                time.sleep(0.5)
                slept += 0.5
