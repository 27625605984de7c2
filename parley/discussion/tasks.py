"""Background work of the discussion, run by the task worker (`parley serve` starts one)."""

import logging

from django_tasks import task

from parley.discussion import selectors, services
from parley.previews.services import preview_refresh

logger = logging.getLogger("parley.discussion")

# A comment shows at most three cards (comment_links stores no more than that).
MAX_LINKS = 3


@task(backend="background")
def comment_previews(comment_id: int) -> None:
    """Fetch the previews of a comment's links, then show them to the thread's readers."""
    # The links as they are now: an edit since the task was queued changed them.
    for url in selectors.links_of_comment(comment_id=comment_id)[:MAX_LINKS]:
        try:
            preview_refresh(url=url)
        except Exception:
            # Remote trouble is a failed row already; anything else must not keep the other
            # links' cards away. The comment itself was committed long ago.
            logger.exception("link preview for comment %s failed: %s", comment_id, url)
    services.comment_previews_ready(comment_id=comment_id)
