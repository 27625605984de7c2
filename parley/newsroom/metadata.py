"""One description of an article, from which JSON-LD, Open Graph, feeds and sitemaps are made.

Every machine-readable view of an article reads this, so they cannot disagree about its
headline, dates, address, picture, section or tags.
"""

import json
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from parley.core.site_urls import absolute_url

SHARE_IMAGE_SPEC = "fill-1200x675"


@dataclass(frozen=True)
class ImageMeta:
    url: str
    width: int
    height: int
    caption: str
    credit: str
    copyright_holder: str


@dataclass(frozen=True)
class ArticleMeta:
    headline: str
    description: str
    url: str
    published: datetime
    modified: datetime
    section: str
    section_url: str
    tags: list[str] = field(default_factory=list)
    tag_urls: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    image: ImageMeta | None = None
    site_name: str = ""
    language: str = "en"


def image_meta(article) -> ImageMeta | None:
    image = article.lead_image
    if image is None:
        return None
    rendition = image.get_rendition(SHARE_IMAGE_SPEC)
    return ImageMeta(
        url=absolute_url(rendition.url),
        width=rendition.width,
        height=rendition.height,
        caption=article.caption,
        credit=image.credit_line,
        copyright_holder=image.copyright_holder,
    )


def article_meta(article, *, section=None, authors=None, tags=None) -> ArticleMeta:
    """Describe a published article; pass relations already fetched to save queries."""
    section = section if section is not None else getattr(article, "section", None)
    if section is None:
        section = article.get_parent().specific_deferred
    authors = authors if authors is not None else list(article.authors.all())
    tags = tags if tags is not None else list(article.tags.all())
    published = article.published_local
    return ArticleMeta(
        headline=article.title,
        description=article.standfirst,
        url=absolute_url(article.get_url()),
        published=published,
        modified=article.updated_local or published,
        section=section.title,
        section_url=absolute_url(section.get_url()),
        tags=[tag.name for tag in tags],
        tag_urls=[absolute_url(reverse("newsroom:tag", args=[tag.slug])) for tag in tags],
        authors=[byline.author.name for byline in authors],
        image=image_meta(article),
        site_name=settings.PARLEY_SITE_NAME,
        language=settings.LANGUAGE_CODE.split("-")[0],
    )


def json_ld(meta: ArticleMeta) -> dict:
    """schema.org NewsArticle."""
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": meta.headline,
        "description": meta.description,
        "mainEntityOfPage": {"@type": "WebPage", "@id": meta.url},
        "url": meta.url,
        "datePublished": meta.published.isoformat(),
        "dateModified": meta.modified.isoformat(),
        "articleSection": meta.section,
        "keywords": meta.tags,
        "inLanguage": meta.language,
        "author": [{"@type": "Person", "name": name} for name in meta.authors],
        "publisher": {"@type": "NewsMediaOrganization", "name": meta.site_name},
    }
    if meta.image:
        data["image"] = {
            "@type": "ImageObject",
            "url": meta.image.url,
            "width": meta.image.width,
            "height": meta.image.height,
            "caption": meta.image.caption,
            "creditText": meta.image.credit,
            "copyrightHolder": meta.image.copyright_holder,
        }
    return data


JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_ld_script(meta: ArticleMeta) -> SafeString:
    """A <script type="application/ld+json"> element that no headline can break out of."""
    payload = json.dumps(json_ld(meta), ensure_ascii=False).translate(JSON_SCRIPT_ESCAPES)
    # Safe: <, > and & are escaped above, so the text cannot close the script element.
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))  # noqa: S308


def open_graph(meta: ArticleMeta) -> list[tuple[str, str, str]]:
    """(attribute, name, content) triples for Open Graph and Twitter card <meta> tags."""
    tags = [
        ("property", "og:type", "article"),
        ("property", "og:site_name", meta.site_name),
        ("property", "og:title", meta.headline),
        ("property", "og:description", meta.description),
        ("property", "og:url", meta.url),
        ("property", "article:published_time", meta.published.isoformat()),
        ("property", "article:modified_time", meta.modified.isoformat()),
        ("property", "article:section", meta.section),
        *[("property", "article:tag", tag) for tag in meta.tags],
        ("name", "twitter:card", "summary_large_image" if meta.image else "summary"),
        ("name", "twitter:title", meta.headline),
        ("name", "twitter:description", meta.description),
    ]
    if meta.image:
        tags += [
            ("property", "og:image", meta.image.url),
            ("property", "og:image:width", str(meta.image.width)),
            ("property", "og:image:height", str(meta.image.height)),
            ("property", "og:image:alt", meta.image.caption),
            ("name", "twitter:image", meta.image.url),
        ]
    return tags
