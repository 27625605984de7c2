"""Read paths of the newsroom: what readers, feeds and sitemaps may see."""

from datetime import timedelta

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from taggit.models import Tag
from wagtail.models import Page

from parley.newsroom.models import (
    ArticleAuthor,
    ArticlePage,
    CommunityStandardsPage,
    HomePage,
    SectionPage,
)
from parley.shortlinks import selectors as shortlink_selectors

FRONT_PAGE_PER_SECTION = 4


def published_articles(now=None) -> QuerySet[ArticlePage]:
    """Live articles that have not expired, newest first, ready for a listing card."""
    now = now or timezone.now()
    return (
        ArticlePage.objects.live()
        .public()
        .filter(Q(expire_at__isnull=True) | Q(expire_at__gt=now))
        .filter(first_published_at__lte=now)
        .select_related("lead_image")
        .order_by("-first_published_at", "-pk")
    )


def with_listing_relations(articles: QuerySet[ArticlePage]) -> QuerySet[ArticlePage]:
    """Prefetch what a listing card shows, so a listing costs the same whatever its length."""
    return articles.prefetch_related(
        "lead_image__renditions",
        Prefetch("authors", queryset=ArticleAuthor.objects.select_related("author")),
        "tags",
    )


def sections_by_path() -> dict[str, SectionPage]:
    """Every live section keyed by its tree path, to label cards with one query."""
    return {section.path: section for section in SectionPage.objects.live().public()}


def label_sections(articles, sections: dict[str, SectionPage]) -> list[ArticlePage]:
    """Attach `section` to each article from its parent's path (no query per article)."""
    articles = list(articles)
    steplen = Page.steplen
    for article in articles:
        article.section = sections.get(article.path[:-steplen])
    return articles


def front_page(*, home: HomePage) -> dict:
    """The front page: a lead story and the latest articles of every section."""
    sections = sections_by_path()
    recent = label_sections(
        with_listing_relations(published_articles().descendant_of(home))[:60], sections
    )
    by_section = []
    for section in sorted(sections.values(), key=lambda s: s.path):
        items = [a for a in recent if a.section is section][:FRONT_PAGE_PER_SECTION]
        if items:
            by_section.append({"section": section, "articles": items})
    return {
        "lead_story": recent[0] if recent else None,
        "latest": recent[1:6],
        "by_section": by_section,
    }


def section_articles(*, section: SectionPage) -> list[ArticlePage] | QuerySet:
    """A section's articles, newest first."""
    return with_listing_relations(published_articles().child_of(section))


def tag_by_slug(slug: str) -> Tag:
    """The tag with this slug, or 404."""
    tag = Tag.objects.filter(slug=slug).first()
    if tag is None:
        raise Http404("No such tag.")
    return tag


def tag_articles(*, tag: Tag) -> QuerySet[ArticlePage]:
    """Articles carrying a tag, newest first."""
    return with_listing_relations(published_articles().filter(tagged_items__tag=tag).distinct())


def section_by_slug(slug: str) -> SectionPage:
    """The live section with this slug, or 404."""
    section = SectionPage.objects.live().public().filter(slug=slug).first()
    if section is None:
        raise Http404("No such section.")
    return section


def recent_articles(*, hours: int, now=None) -> QuerySet[ArticlePage]:
    """Articles first published within the last `hours` hours (the news sitemap's window)."""
    now = now or timezone.now()
    return published_articles(now).filter(first_published_at__gte=now - timedelta(hours=hours))


def community_standards_url() -> str | None:
    """Where the community standards live, or None before an editor has written them."""
    page = CommunityStandardsPage.objects.live().only("id", "url_path", "path").first()
    return page.url if page else None


def article_page_context(*, article: ArticlePage) -> dict:
    """Everything an article page shows beyond its own fields, in a fixed number of queries."""
    from parley.newsroom import metadata

    section = article.get_parent().specific_deferred
    byline = list(article.authors.select_related("author"))
    tag_list = list(article.tags.all())
    context = {
        "section": section,
        "current_section_id": section.pk,
        "byline": byline,
        "tag_list": tag_list,
        "short_url": shortlink_selectors.short_url_for_page(page_id=article.pk),
        "standards_url": community_standards_url(),
    }
    if article.live and article.first_published_at:
        meta = metadata.article_meta(article, section=section, authors=byline, tags=tag_list)
        context.update(
            meta=meta, og_tags=metadata.open_graph(meta), json_ld=metadata.json_ld_script(meta)
        )
    return context


def discussion_context(request, *, article: ArticlePage, standards_url: str | None) -> dict:
    """The discussion under an article: its thread and the rendered first page."""
    from parley.discussion import fragments
    from parley.discussion import selectors as discussion

    thread = discussion.thread_for_page(article.pk)
    if thread is None or article.comments_mode == "hidden":
        return {"thread_id": thread.pk if thread else None, "discussion_html": ""}
    return {
        "thread_id": thread.pk,
        "comment_count": thread.comment_count,
        "discussion_html": fragments.thread_html(request, thread, standards_url=standards_url),
    }
