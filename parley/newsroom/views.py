from django.contrib.sitemaps.views import sitemap as django_sitemap
from django.template.response import TemplateResponse

from parley.newsroom import selectors, sitemaps
from parley.newsroom.models import paginate


def tag(request, slug):
    """Every article carrying a tag, newest first."""
    tag = selectors.tag_by_slug(slug)
    articles = paginate(request, selectors.tag_articles(tag=tag))
    sections = selectors.sections_by_path()
    articles.object_list = selectors.label_sections(articles.object_list, sections)
    response = TemplateResponse(
        request, "newsroom/tag_page.html", {"tag": tag, "articles": articles}
    )
    response["Surrogate-Key"] = "listings authors images"
    return response


def sitemap(request):
    """sitemap.xml for articles, sections and the front page."""
    response = django_sitemap(request, sitemaps=sitemaps.SITEMAPS)
    response.render()
    response["Surrogate-Key"] = "listings authors images"
    return response


def robots(request):
    """robots.txt: everything but the admin, and where the sitemaps are."""
    base = request.build_absolute_uri("/").rstrip("/")
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /api/",
        f"Sitemap: {base}/sitemap.xml",
        f"Sitemap: {base}/news-sitemap.xml",
    ]
    return TemplateResponse(
        request, "newsroom/robots.txt", {"lines": lines}, content_type="text/plain"
    )
