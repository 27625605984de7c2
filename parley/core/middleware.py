from django.conf import settings
from django.utils.deprecation import MiddlewareMixin

# Reader-facing pages run no inline script and load nothing from other origins except
# embeds the reader chose to play; the Wagtail admin brings its own inline code, so it
# is left to Wagtail's defaults.
READER_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "frame-src https://www.youtube-nocookie.com https://player.vimeo.com",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'self'",
    ]
)
EXEMPT_PREFIXES = ("/admin/", "/django-admin/")


class ContentSecurityPolicyMiddleware(MiddlewareMixin):
    """Send a strict Content-Security-Policy on every page a reader sees."""

    def process_response(self, request, response):
        if not request.path.startswith(EXEMPT_PREFIXES) and not settings.DEBUG:
            response.headers.setdefault("Content-Security-Policy", READER_POLICY)
        return response
