from django.conf import settings


def site(request):
    """Expose the site's name and base URL to every template."""
    return {"site_name": settings.PARLEY_SITE_NAME, "base_url": settings.PARLEY_BASE_URL}
