"""Read paths of link previews."""

from collections.abc import Iterable

from parley.previews.links import url_key
from parley.previews.models import LinkPreview


def previews_for_urls(urls: Iterable[str]) -> dict[str, LinkPreview]:
    """The fetched previews of these URLs, keyed by the URL as given; one query."""
    keys = {url: url_key(url) for url in urls}
    if not keys:
        return {}
    found = {
        preview.url_key: preview
        for preview in LinkPreview.objects.filter(
            url_key__in=set(keys.values()), status=LinkPreview.Status.OK
        )
    }
    return {url: found[key] for url, key in keys.items() if key in found}


def preview_card(preview: LinkPreview) -> dict:
    """What a card shows, as plain data (the API's and the widget's; the template's too)."""
    return {
        "url": preview.url,
        "display_url": preview.display_url,
        "site_name": preview.site_name,
        "title": preview.title,
        "image_url": preview.image_url,
        "image_width": preview.image_width,
        "image_height": preview.image_height,
    }
