"""The ASGI application `parley serve` runs: Django behind the edge page cache."""

import gc
import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "parley.settings")
django.setup(set_prefix=False)

from parley.core.django_pool import PooledDjango  # noqa: E402  (needs Django set up)

django_application = PooledDjango()

from parley.core.edge_cache import EdgeCache  # noqa: E402
from parley.live.sse import LiveEdge  # noqa: E402
from parley.moderation.scorers import configured_scorer  # noqa: E402

# The toxicity model takes about a second to load: do it as the worker starts, not while
# the first reader of the day waits for their comment.
_scorer = configured_scorer()
if hasattr(_scorer, "warm"):
    _scorer.warm()

# /live/ streams are answered first, then cached pages, then Django.
application = LiveEdge(EdgeCache(django_application))

# One event to 10,000 SSE clients allocates tens of thousands of short-lived objects at
# once (a wake-up, a timer and a frame each). With the default young-generation threshold
# (700) that burst set off hundreds of collections, promoted the survivors and then ran full
# collections over every client's objects: half the worker's time went to the collector and
# comments waited seconds for their 201 (bench/live_fanout.py). Those objects are freed by
# reference counting anyway; collect cycles every 100,000 net allocations instead.
gc.set_threshold(100_000, *gc.get_threshold()[1:])
