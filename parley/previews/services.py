"""Write paths of link previews: the only code that fetches and stores them."""

import hashlib
import logging
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils import timezone

from parley.core.db import serialized_writes
from parley.previews.guard import FetchFailed, fetch
from parley.previews.images import PreviewImage, preview_image
from parley.previews.links import normalise_url, url_key
from parley.previews.models import LinkPreview
from parley.previews.parse import clean_text, page_info

logger = logging.getLogger("parley.previews")
Status = LinkPreview.Status


def is_stale(preview: LinkPreview, *, now=None) -> bool:
    """Whether a stored preview is due for another fetch (failed ones sooner)."""
    now = now or timezone.now()
    seconds = (
        settings.PARLEY_PREVIEW_TTL
        if preview.status == Status.OK
        else settings.PARLEY_PREVIEW_RETRY
    )
    return preview.fetched_at + timedelta(seconds=seconds) <= now


def preview_refresh(*, url: str) -> LinkPreview:
    """The preview of a URL, fetched if missing or stale; a failed row on remote trouble."""
    normalised = normalise_url(url)
    key = url_key(url)
    existing = LinkPreview.objects.filter(url_key=key).first()
    if existing is not None and not is_stale(existing):
        return existing
    # Fetch with no transaction open: a slow site must not hold SQLite's write lock.
    fields: dict = {
        "url": normalised,
        "site_name": "",
        "title": "",
        "description": "",
        "status": Status.OK,
        "reason": "",
    }
    image: PreviewImage | None = None
    try:
        fetched = fetch(normalised, kind="page")
        info = page_info(fetched.body, url=fetched.url, charset=fetched.charset)
        fields.update(site_name=info.site_name, title=info.title, description=info.description)
        if not (info.title or info.site_name):
            raise FetchFailed("The page has no title.")
        if info.image_url:
            try:
                image = preview_image(info.image_url)
            except FetchFailed as exc:
                # The card still works without its picture.
                fields["reason"] = clean_text(f"Image: {exc.reason}", 200)
    except FetchFailed as exc:
        fields.update(
            site_name="", title="", description="", status=Status.FAILED, reason=exc.reason
        )
        image = None
        logger.info("link preview failed for %s: %s", normalised, exc.reason)
    return store(key=key, fields=fields, image=image)


def store(*, key: str, fields: dict, image: PreviewImage | None) -> LinkPreview:
    """Save a fetch's outcome under its key, replacing the old image file if any."""
    image_name = ""
    if image is not None:
        digest = hashlib.sha256(image.data).hexdigest()[:12]
        name = f"previews/{key[:2]}/{key[2:24]}-{digest}.{image.extension}"
        image_name = (
            name
            if default_storage.exists(name)
            else default_storage.save(name, ContentFile(image.data))
        )
    fields = {
        **fields,
        "image": image_name,
        "image_width": image.width if image else 0,
        "image_height": image.height if image else 0,
        "fetched_at": timezone.now(),
    }
    old_image = ""
    with serialized_writes(), transaction.atomic():
        preview = LinkPreview.objects.select_for_update().filter(url_key=key).first()
        if preview is None:
            try:
                with transaction.atomic():
                    return LinkPreview.objects.create(url_key=key, **fields)
            except IntegrityError:
                # Another worker stored the same link a moment ago: overwrite theirs.
                preview = LinkPreview.objects.select_for_update().get(url_key=key)
        old_image = preview.image.name or ""
        for name, value in fields.items():
            setattr(preview, name, value)
        preview.save()
    if old_image and old_image != image_name:
        transaction.on_commit(lambda: default_storage.delete(old_image))
    return preview
