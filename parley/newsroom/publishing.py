"""What follows when Wagtail publishes, unpublishes or moves a page.

Wagtail's own actions (the admin, scheduled publishing, the demo loader) announce these
through its signals, the one place every path passes; so this is the one listener, and it
only calls services and purges caches.
"""

from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from parley.core import page_cache
from parley.core.site_urls import absolute_url
from parley.discussion import services as discussion_services
from parley.shortlinks import services as shortlink_services


def surrogate_keys_for(page) -> list[str]:
    """The cache keys a change of this page invalidates."""
    return [f"page-{page.pk}", "listings"]


def on_published(sender, instance, **kwargs):
    """Give a newly published article its short code and purge what shows it."""
    from parley.newsroom.models import ArticlePage

    if isinstance(instance, ArticlePage):
        shortlink_services.shortlink_ensure(page_id=instance.pk)
        sync_thread(instance)
    page_cache.purge(*surrogate_keys_for(instance))


def sync_thread(article) -> None:
    """Give the discussion the article's title, address and comment policy."""
    discussion_services.thread_sync_for_page(
        page_id=article.pk,
        url=absolute_url(article.get_url()),
        title=article.title,
        mode=article.comments_mode,
        closes_at=article.comments_closed_at(),
        content_updated_at=article.updated_at,
        live_revision_id=article.live_revision_id,
    )


def on_changed(sender, instance, **kwargs):
    """Purge what shows a page that was unpublished, moved or renamed."""
    page_cache.purge(*surrogate_keys_for(instance))


def connect() -> None:
    """Listen to Wagtail's page lifecycle signals."""
    page_published.connect(on_published, dispatch_uid="parley-newsroom-published")
    page_unpublished.connect(on_changed, dispatch_uid="parley-newsroom-unpublished")
    post_page_move.connect(on_changed, dispatch_uid="parley-newsroom-moved")
    page_slug_changed.connect(on_changed, dispatch_uid="parley-newsroom-slug")
