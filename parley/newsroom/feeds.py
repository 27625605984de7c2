"""RSS 2.0 and Atom feeds for the site, each section and each tag."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

from parley.newsroom import metadata, selectors

FEED_LENGTH = 30


class ArticleFeed(Feed):
    """The site's latest articles; subclasses narrow it to a section or a tag."""

    feed_type = Rss201rev2Feed

    def get_object(self, request, slug=None):
        return None

    def title(self, obj):
        return f"{settings.PARLEY_SITE_NAME}: latest news"

    def link(self, obj):
        return "/"

    def description(self, obj):
        return f"The latest articles from {settings.PARLEY_SITE_NAME}."

    def articles(self, obj):
        return selectors.published_articles()

    def items(self, obj):
        articles = selectors.label_sections(
            selectors.with_listing_relations(self.articles(obj))[:FEED_LENGTH],
            selectors.sections_by_path(),
        )
        return [
            metadata.article_meta(
                article,
                section=article.section,
                authors=list(article.authors.all()),
                tags=list(article.tags.all()),
            )
            for article in articles
        ]

    def item_title(self, item):
        return item.headline

    def item_description(self, item):
        return item.description

    def item_link(self, item):
        return item.url

    def item_guid(self, item):
        return item.url

    def item_pubdate(self, item):
        return item.published

    def item_updateddate(self, item):
        return item.modified

    def item_author_name(self, item):
        return ", ".join(item.authors) or None

    def item_categories(self, item):
        return [item.section, *item.tags]

    def __call__(self, request, *args, **kwargs):
        response = super().__call__(request, *args, **kwargs)
        response["Surrogate-Key"] = "listings authors images"
        return response


class AtomMixin:
    feed_type = Atom1Feed

    def subtitle(self, obj):
        return self.description(obj)


class SectionFeed(ArticleFeed):
    def get_object(self, request, slug=None):
        return selectors.section_by_slug(slug)

    def title(self, obj):
        return f"{settings.PARLEY_SITE_NAME}: {obj.title}"

    def link(self, obj):
        return obj.get_url()

    def description(self, obj):
        return obj.intro or f"The latest {obj.title} articles."

    def articles(self, obj):
        return selectors.published_articles().child_of(obj)


class TagFeed(ArticleFeed):
    def get_object(self, request, slug=None):
        return selectors.tag_by_slug(slug)

    def title(self, obj):
        return f"{settings.PARLEY_SITE_NAME}: {obj.name}"

    def link(self, obj):
        from django.urls import reverse

        return reverse("newsroom:tag", args=[obj.slug])

    def description(self, obj):
        return f"Articles tagged {obj.name}."

    def articles(self, obj):
        return selectors.published_articles().filter(tagged_items__tag=obj).distinct()


class SiteAtomFeed(AtomMixin, ArticleFeed):
    pass


class SectionAtomFeed(AtomMixin, SectionFeed):
    pass


class TagAtomFeed(AtomMixin, TagFeed):
    pass
