from django.conf import settings
from django.urls import include, path, re_path
from django.views.static import serve as serve_file
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from parley.api import api

urlpatterns = [
    path("api/v1/", api.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("s/", include("parley.shortlinks.urls")),
    # Profiles (/people/…) and profile settings (/accounts/profile/…), before allauth's pages.
    path("", include("parley.accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("discussion/", include("parley.discussion.urls")),
    path("moderation/", include("parley.moderation.urls")),
    path("", include("parley.newsroom.urls")),
]

if settings.PARLEY_SERVE_MEDIA:
    urlpatterns.append(
        re_path(r"^media/(?P<path>.*)$", serve_file, {"document_root": settings.MEDIA_ROOT})
    )

# Everything else is a Wagtail page.
urlpatterns.append(path("", include(wagtail_urls)))
