"""sitemap.xml and the Google News sitemap."""

from urllib.parse import urlsplit

from django.contrib.sitemaps import Sitemap
from django.http import HttpResponse
from django.template.loader import render_to_string

from parley.newsroom import metadata, selectors

NEWS_WINDOW_HOURS = 48


class ArticleSitemap(Sitemap):
    """Every published article, with the time of its last material change."""

    limit = 5000

    def items(self):
        articles = selectors.label_sections(
            selectors.with_listing_relations(selectors.published_articles()),
            selectors.sections_by_path(),
        )
        return [
            metadata.article_meta(
                a, section=a.section, authors=list(a.authors.all()), tags=list(a.tags.all())
            )
            for a in articles
        ]

    def location(self, item):
        # Django prefixes the request's scheme and host.
        return urlsplit(item.url).path

    def lastmod(self, item):
        return item.modified


class ListingSitemap(Sitemap):
    """The front page and every section."""

    changefreq = "hourly"

    def items(self):
        return ["/", *[s.get_url() for s in selectors.sections_by_path().values()]]

    def location(self, item):
        return item


SITEMAPS = {"articles": ArticleSitemap, "listings": ListingSitemap}


def news_sitemap(request):
    """Articles first published in the last 48 hours, in Google News' sitemap format."""
    articles = selectors.label_sections(
        selectors.with_listing_relations(selectors.recent_articles(hours=NEWS_WINDOW_HOURS))[:1000],
        selectors.sections_by_path(),
    )
    items = [
        metadata.article_meta(
            a, section=a.section, authors=list(a.authors.all()), tags=list(a.tags.all())
        )
        for a in articles
    ]
    body = render_to_string("newsroom/news_sitemap.xml", {"items": items}, request=request)
    response = HttpResponse(body, content_type="application/xml; charset=utf-8")
    response["Surrogate-Key"] = "listings authors images"
    return response
