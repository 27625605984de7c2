"""Load the demo newsroom: sections, authors, credited images, articles, standards page."""

import math
import zoneinfo
from datetime import datetime, timedelta

from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from wagtail.rich_text import RichText

from parley.newsroom import publishing
from parley.newsroom.demo import content
from parley.newsroom.demo.images import render_image
from parley.newsroom.models import (
    ArticleAuthor,
    ArticlePage,
    Author,
    CommunityStandardsPage,
    HomePage,
    NewsImage,
    SectionPage,
)


def already_loaded() -> bool:
    """True when the demo sections exist, so running the demo twice changes nothing."""
    return SectionPage.objects.filter(slug=content.SECTIONS[0]["slug"]).exists()


def local_to_utc(value: str, zone: str, shift: timedelta) -> datetime:
    naive = datetime.fromisoformat(value)
    return (
        naive.replace(tzinfo=zoneinfo.ZoneInfo(zone)).astimezone(zoneinfo.ZoneInfo("UTC")) + shift
    )


def day_shift(now: datetime) -> timedelta:
    """Whole days that move the newest demo article into the last day, keeping its clock time."""
    newest = max(
        local_to_utc(a["published"], a["time_zone"], timedelta()) for a in content.ARTICLES
    )
    return timedelta(days=math.floor((now - newest) / timedelta(days=1)))


def make_image(spec: dict) -> NewsImage:
    data = render_image(spec["key"])
    image = NewsImage(
        title=spec["title"],
        caption=spec["caption"],
        credit=spec["credit"],
        copyright_holder=spec["copyright_holder"],
        copyright_year=spec["copyright_year"],
        usage_terms=spec["usage_terms"],
    )
    image.file = ImageFile(_bytes_file(data), name=f"{spec['key']}.jpg")
    image.save()
    return image


def _bytes_file(data: bytes):
    from io import BytesIO

    return BytesIO(data)


def body_value(blocks: list) -> list:
    value = []
    for kind, data in blocks:
        if kind == "paragraph":
            value.append(("paragraph", RichText(data)))
        elif kind == "image":
            value.append(("image", {"image": make_image(data), "caption": ""}))
        elif kind == "embed":
            value.append(("embed", {"url": data["url"], "title": data["title"]}))
        else:
            value.append((kind, data))
    return value


def publish(page) -> None:
    page.save_revision().publish()


@transaction.atomic
def load(stdout=None) -> bool:
    """Create the demo newsroom once; returns False when it was already there."""
    if already_loaded():
        return False
    home = HomePage.objects.get()
    home.intro = "News from our correspondents, and a civil place to argue about it."
    publish(home)

    authors = {
        spec["slug"]: Author.objects.create(name=spec["name"], slug=spec["slug"], bio=spec["bio"])
        for spec in content.AUTHORS
    }
    sections = {}
    for spec in content.SECTIONS:
        section = home.add_child(
            instance=SectionPage(title=spec["title"], slug=spec["slug"], intro=spec["intro"])
        )
        publish(section)
        sections[spec["slug"]] = section

    standards = content.COMMUNITY_STANDARDS
    standards_page = home.add_child(
        instance=CommunityStandardsPage(
            title=standards["title"],
            slug="community-standards",
            intro=standards["intro"],
            body=body_value(standards["body"]),
        )
    )
    publish(standards_page)

    shift = day_shift(timezone.now())
    for spec in content.ARTICLES:
        article = make_article(spec, sections, authors, shift)
        if stdout:
            stdout.write(f"  article: {article.title}")
    return True


def make_article(spec, sections, authors, shift) -> ArticlePage:
    article = ArticlePage(
        title=spec["title"],
        slug=spec["slug"],
        standfirst=spec["standfirst"],
        dateline_place=spec["dateline_place"],
        time_zone=spec["time_zone"],
        lead_image=make_image(spec["lead_image"]),
        body=body_value(spec["body"]),
    )
    for order, (slug, role) in enumerate(spec["authors"]):
        article.authors.add(ArticleAuthor(author=authors[slug], role=role, sort_order=order))
    article.tags.add(*spec["tags"])
    sections[spec["section"]].add_child(instance=article)
    publish(article)
    published = local_to_utc(spec["published"], spec["time_zone"], shift)
    # The demo tells of events over the past days: give the pages those dates.
    ArticlePage.objects.filter(pk=article.pk).update(
        first_published_at=published, last_published_at=published
    )
    article.refresh_from_db()
    if spec["update"]:
        updated = local_to_utc(spec["update"]["at"], spec["time_zone"], shift)
        paragraph = spec["update"]["paragraph"].replace("<p>", "<p><b>Update:</b> ", 1)
        article.body.insert(0, ("paragraph", RichText(paragraph)))
        article.material_update = True
        publish(article)
        ArticlePage.objects.filter(pk=article.pk).update(
            updated_at=updated, last_published_at=updated
        )
        article.refresh_from_db()
    # The discussion learnt the publishing times of this run; give it the story's own.
    publishing.sync_thread(article)
    return article
