"""Background work of link previews, run by the task worker (`parley serve` starts one)."""

from django_tasks import task

from parley.previews.links import is_web_link
from parley.previews.services import preview_refresh

# A comment shows at most three cards; a task never fetches more than this many links.
MAX_URLS = 10


@task(backend="background")
def previews_fetch(urls: list[str]) -> None:
    """Fetch or refresh the preview of each link (each fetch is capped at a few seconds)."""
    for url in list(dict.fromkeys(urls))[:MAX_URLS]:
        if is_web_link(url):
            preview_refresh(url=url)
