"""Build a small published newsroom for tests, through Wagtail's own publishing path."""

import io
import itertools
from datetime import datetime

from django.core.files.images import ImageFile
from PIL import Image
from wagtail.rich_text import RichText

from parley.newsroom.models import (
    ArticleAuthor,
    ArticlePage,
    Author,
    CommunityStandardsPage,
    HomePage,
    NewsImage,
    SectionPage,
)

counter = itertools.count(1)


def image(**fields) -> NewsImage:
    """A small real JPEG with a caption and a credit."""
    buffer = io.BytesIO()
    Image.new("RGB", (64, 36), (120, 40, 40)).save(buffer, "JPEG")
    n = next(counter)
    defaults = {
        "title": f"Photo {n}",
        "caption": "Lavrov and Kerry meet in Munich",
        "credit": "Christof Stache",
        "copyright_holder": "AFP",
        "copyright_year": 2016,
    }
    img = NewsImage(**{**defaults, **fields})
    img.file = ImageFile(buffer, name=f"photo-{n}.jpg")
    img.save()
    return img


def home() -> HomePage:
    return HomePage.objects.get()


def section(title="Middle East", slug=None) -> SectionPage:
    page = home().add_child(
        instance=SectionPage(title=title, slug=slug or title.lower().replace(" ", "-"))
    )
    page.save_revision().publish()
    return page


def standards() -> CommunityStandardsPage:
    page = home().add_child(
        instance=CommunityStandardsPage(title="Community standards", slug="community-standards")
    )
    page.save_revision().publish()
    return page


def author(name=None) -> Author:
    n = next(counter)
    name = name or f"Reporter {n}"
    return Author.objects.create(name=name, slug=f"author-{n}")


def article(
    parent: SectionPage,
    *,
    title="Kerry: agreement reached on full cessation of hostilities",
    slug=None,
    tags=("Syria", "Diplomacy"),
    authors=None,
    time_zone="Europe/Moscow",
    lead_image=True,
    body=None,
    publish=True,
    published_at: datetime | None = None,
    **fields,
) -> ArticlePage:
    """An article under `parent`, published through a revision unless publish=False."""
    n = next(counter)
    page = ArticlePage(
        title=title,
        slug=slug or f"article-{n}",
        standfirst="Negotiators agreed a pause after talks that ran late into the night.",
        dateline_place="MUNICH",
        time_zone=time_zone,
        lead_image=image() if lead_image else None,
        live=False,
        body=body
        or [
            ("paragraph", RichText("<p>The two delegations met for six hours.</p>")),
            ("quote", {"text": "We have a text.", "attribution": "A delegate"}),
        ],
        **fields,
    )
    for order, (person, role) in enumerate(authors or [(author(), "Munich correspondent")]):
        page.authors.add(ArticleAuthor(author=person, role=role, sort_order=order))
    page.tags.add(*tags)
    parent.add_child(instance=page)
    if publish:
        page.save_revision().publish()
        if published_at:
            ArticlePage.objects.filter(pk=page.pk).update(
                first_published_at=published_at, last_published_at=published_at
            )
        page.refresh_from_db()
    return page


def republish(page: ArticlePage, *, material: bool, **changes) -> ArticlePage:
    """Edit and publish again, as an editor would, marking the edit material or not."""
    page = ArticlePage.objects.get(pk=page.pk)
    latest = page.get_latest_revision_as_object()
    for name, value in changes.items():
        setattr(latest, name, value)
    latest.material_update = material
    latest.save_revision().publish()
    return ArticlePage.objects.get(pk=page.pk)
