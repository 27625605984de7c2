from django.urls import path

from parley.newsroom import feeds, sitemaps, views

app_name = "newsroom"
urlpatterns = [
    path("tags/<slug:slug>/", views.tag, name="tag"),
    path("feeds/rss.xml", feeds.ArticleFeed(), name="feed_rss"),
    path("feeds/atom.xml", feeds.SiteAtomFeed(), name="feed_atom"),
    path("feeds/sections/<slug:slug>/rss.xml", feeds.SectionFeed(), name="section_rss"),
    path("feeds/sections/<slug:slug>/atom.xml", feeds.SectionAtomFeed(), name="section_atom"),
    path("feeds/tags/<slug:slug>/rss.xml", feeds.TagFeed(), name="tag_rss"),
    path("feeds/tags/<slug:slug>/atom.xml", feeds.TagAtomFeed(), name="tag_atom"),
    path("sitemap.xml", views.sitemap, name="sitemap"),
    path("news-sitemap.xml", sitemaps.news_sitemap, name="news_sitemap"),
    path("robots.txt", views.robots, name="robots"),
]
