"""The ASGI application `parley serve` runs: Django behind the edge page cache."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "parley.settings")
django_application = get_asgi_application()

from parley.core.edge_cache import EdgeCache  # noqa: E402  (needs Django set up)
from parley.live.sse import LiveEdge  # noqa: E402
from parley.moderation.scorers import configured_scorer  # noqa: E402

# The toxicity model takes about a second to load: do it as the worker starts, not while
# the first reader of the day waits for their comment.
_scorer = configured_scorer()
if hasattr(_scorer, "warm"):
    _scorer.warm()

# /live/ streams are answered first, then cached pages, then Django.
application = LiveEdge(EdgeCache(django_application))
