"""Parley's one settings module, driven by the environment.

Unset variables give the embedded set-up `make demo` runs (SQLite, a SQLite cache file, console
mail); setting them switches to real services. See README.md for the list.
"""

import os
from pathlib import Path

from parley.accounts.providers.config import social_providers_from_env
from parley.core.database_url import parse_database_url, sqlite_database


def env_bool(name: str, default: bool = False) -> bool:
    """Read a yes/no environment variable."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    """Read a comma-separated environment variable."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("PARLEY_DATA_DIR", "var")).resolve()
SECRET_KEY_FILE = DATA_DIR / "secret_key"

DEBUG = env_bool("DEBUG")
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY and SECRET_KEY_FILE.exists():
    # Written once by `parley demo`; production sets SECRET_KEY instead.
    SECRET_KEY = SECRET_KEY_FILE.read_text().strip()

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
PARLEY_BASE_URL = os.environ.get("PARLEY_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = PARLEY_BASE_URL
PARLEY_SITE_NAME = os.environ.get("PARLEY_SITE_NAME", "Parley")
WAGTAIL_SITE_NAME = PARLEY_SITE_NAME

INSTALLED_APPS = [
    "parley.core",
    "parley.accounts",
    "parley.newsroom",
    "parley.shortlinks",
    "parley.discussion",
    "parley.live",
    "parley.previews",
    "django_tasks",
    "django_tasks_db",
    "parley.moderation",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.sites",
    # Wagtail's user admin with the profile and commenting fields (parley/accounts/admin.py).
    "parley.accounts.apps.UsersAdminConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    # OpenID Connect through Parley's plug-in, which adds the nonce check allauth's
    # openid_connect provider lacks; that app must not be installed next to it.
    "parley.accounts.providers.oidc_nonce",
    "allauth.socialaccount.providers.google",
    "allauth.socialaccount.providers.facebook",
]

MIDDLEWARE = [
    # First, so a warm page is answered before any other middleware runs.
    "parley.core.page_cache.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "parley.core.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "parley.urls"
ASGI_APPLICATION = "parley.asgi.application"
AUTH_USER_MODEL = "accounts.User"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "parley.core.context_processors.site",
            ],
        },
    },
]

# Database: SQLite (WAL) unless DATABASE_URL says otherwise.
if os.environ.get("DATABASE_URL", "").strip():
    DATABASES = {"default": parse_database_url(os.environ["DATABASE_URL"])}
else:
    DATABASES = {"default": sqlite_database(DATA_DIR / "parley.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set. Otherwise a SQLite file (parley/core/sqlite_cache.py),
# not local memory: several worker processes on one host must all see a purge when an
# article is republished.
REDIS_URL = os.environ.get("REDIS_URL", "").strip()
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "parley.core.redis_cache.TolerantRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "parley",
            "TIMEOUT": 3600,
            # Short timeouts: a Redis that stops answering costs a request milliseconds.
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.5},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "parley.core.sqlite_cache.SQLiteCache",
            "LOCATION": str(DATA_DIR / "cache.sqlite3"),
            "TIMEOUT": 3600,
            "OPTIONS": {"MAX_ENTRIES": 20000},
        }
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True
# The zone an article's dateline uses unless the article names its own.
PARLEY_DISPLAY_TIME_ZONE = os.environ.get("PARLEY_DISPLAY_TIME_ZONE", "Europe/London")

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("PARLEY_MEDIA_ROOT", DATA_DIR / "media")).resolve()
# Serve uploaded media from the app itself; a production site points a web server or
# CDN at MEDIA_ROOT and turns this off.
PARLEY_SERVE_MEDIA = env_bool("PARLEY_SERVE_MEDIA", True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_MAX_AGE = 3600
# A file missing from the manifest is served by its plain name rather than failing the page.
WHITENOISE_MANIFEST_STRICT = False

LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Parley <no-reply@parley.example>")

# Accounts (django-allauth): email + password with verified addresses; social and OpenID
# Connect sign-in never links to an existing account on an email match by itself.
ACCOUNT_LOGIN_METHODS = {"email", "username"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "username*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_FORMS = {"login": "parley.accounts.login_form.LoginForm"}
# Usernames share one namespace with display names, look-alikes included.
ACCOUNT_ADAPTER = "parley.accounts.adapter.AccountAdapter"
ACCOUNT_RATE_LIMITS = {
    # Repeated failures lock the account's login out for a while (per address too).
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
}
# What "Delete my account" does with the comments unless the reader chooses: "keep" them as
# "deleted user", or "remove" them.
PARLEY_ACCOUNT_DELETE_COMMENTS = os.environ.get("PARLEY_ACCOUNT_DELETE_COMMENTS", "keep")
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = False
SOCIALACCOUNT_LOGIN_ON_GET = False
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_ADAPTER = "parley.accounts.providers.adapter.SocialAccountAdapter"
# Facebook and Google from PARLEY_FACEBOOK_* / PARLEY_GOOGLE_*, OpenID Connect providers from
# PARLEY_OIDC_PROVIDERS (a JSON list); more apps can be added in the Wagtail admin.
SOCIALACCOUNT_PROVIDERS = social_providers_from_env(os.environ)

# Security headers; cookies are Secure whenever the site is served over HTTPS.
SECURE_HTTPS = PARLEY_BASE_URL.startswith("https://")
SESSION_COOKIE_SECURE = SECURE_HTTPS
CSRF_COOKIE_SECURE = SECURE_HTTPS
SESSION_COOKIE_HTTPONLY = True
# Sessions are read on every signed-in request and written rarely: read them from the
# shared cache (SQLite file or Redis), with the database as the record and the fallback.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "SAMEORIGIN"
if env_bool("PARLEY_BEHIND_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Wagtail
WAGTAILIMAGES_IMAGE_MODEL = "newsroom.NewsImage"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "txt", "xlsx"]
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No third-party avatars in the admin: the CSP would block them (a broken image), and the
# request would tell Gravatar which staff use the admin.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAILADMIN_COMMENTS_ENABLED = True
TAGGIT_CASE_INSENSITIVE = True
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Newsroom
PARLEY_PAGE_CACHE_SECONDS = int(os.environ.get("PARLEY_PAGE_CACHE_SECONDS", "3600"))
PARLEY_SECTION_PAGE_SIZE = 20
PARLEY_SHORT_CODE_LENGTH = 7

# Discussion
PARLEY_COMMENT_MAX_LENGTH = int(os.environ.get("PARLEY_COMMENT_MAX_LENGTH", "10000"))
PARLEY_COMMENT_EDIT_SECONDS = int(os.environ.get("PARLEY_COMMENT_EDIT_SECONDS", "900"))
# A burst of comments, then one per interval, per account; 0 turns the limit off.
PARLEY_COMMENT_RATE_BURST = int(os.environ.get("PARLEY_COMMENT_RATE_BURST", "3"))
PARLEY_COMMENT_RATE_SECONDS = float(os.environ.get("PARLEY_COMMENT_RATE_SECONDS", "10"))
# The same per client address (several readers may share one address, so be generous).
PARLEY_COMMENT_RATE_IP_BURST = int(os.environ.get("PARLEY_COMMENT_RATE_IP_BURST", "3"))
PARLEY_COMMENT_RATE_IP_SECONDS = float(os.environ.get("PARLEY_COMMENT_RATE_IP_SECONDS", "10"))
PARLEY_THREAD_PAGE_SIZE = 20
# Comments a moderator may pin above a thread's first page (comment_feature enforces it).
PARLEY_FEATURED_MAX = 5
PARLEY_THREAD_MAX_PAGE_SIZE = 200
PARLEY_BRANCH_PREVIEW = 3
PARLEY_THREAD_VISIBLE_DEPTH = int(os.environ.get("PARLEY_THREAD_VISIBLE_DEPTH", "3"))

# Live updates (parley/live): events older than this are pruned by the scheduler; a
# reader away longer than that reloads the thread instead of replaying it.
PARLEY_LIVE_KEEP_DAYS = float(os.environ.get("PARLEY_LIVE_KEEP_DAYS", "7"))

# Link previews (parley/previews): the one outbound HTTP client, public addresses only.
PARLEY_PREVIEW_PORTS = [int(port) for port in env_list("PARLEY_PREVIEW_PORTS", "80,443")]
# A good preview is refetched after this many seconds, a failed one sooner.
PARLEY_PREVIEW_TTL = int(os.environ.get("PARLEY_PREVIEW_TTL", str(24 * 3600)))
PARLEY_PREVIEW_RETRY = int(os.environ.get("PARLEY_PREVIEW_RETRY", "3600"))
# Exact addresses the guard lets through although they are not public, for tests that run
# their own servers on loopback. Set in a settings file, a system check refuses it outside
# DEBUG. The environment can set it only beside the explicit PARLEY_INSECURE_TEST_ADDRESSES=1
# (how the browser tests reach their local site from a production-settings server); then
# only loopback addresses pass, and the check warns on every start.
PARLEY_INSECURE_TEST_ADDRESSES = env_bool("PARLEY_INSECURE_TEST_ADDRESSES")
PARLEY_PREVIEW_ALLOW_ADDRESSES: list[str] = (
    env_list("PARLEY_PREVIEW_ALLOW_ADDRESSES") if PARLEY_INSECURE_TEST_ADDRESSES else []
)

# Tasks (django-tasks). Our background work (link previews) is queued in the database and
# run by the worker `parley serve` starts (or `parley db_worker --backend background`).
# Wagtail's own tasks (search and reference index) keep running inline on "default", as
# they did before there was a queue, so an editor's save is indexed when it returns.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "background": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}

# Moderation (parley/moderation): the screening pipeline and reader reports.
# The same text from one author within this window is refused; 0 turns it off. The same
# text posted in this many other threads within the window is held.
PARLEY_MODERATION_DUPLICATE_SECONDS = int(
    os.environ.get("PARLEY_MODERATION_DUPLICATE_SECONDS", "600")
)
PARLEY_MODERATION_FLOOD_THREADS = int(os.environ.get("PARLEY_MODERATION_FLOOD_THREADS", "3"))
# More links than this hold a comment for review.
PARLEY_MODERATION_MAX_LINKS = int(os.environ.get("PARLEY_MODERATION_MAX_LINKS", "2"))
# An account's first N comments are held (0: none).
PARLEY_MODERATION_NEW_COMMENTER_HOLD = int(
    os.environ.get("PARLEY_MODERATION_NEW_COMMENTER_HOLD", "0")
)
# Toxicity scorer: "profanity" (offline model), "perspective" (an HTTP service), "" (off).
PARLEY_TOXICITY_SCORER = os.environ.get("PARLEY_TOXICITY_SCORER", "profanity")
PARLEY_TOXICITY_THRESHOLD = float(os.environ.get("PARLEY_TOXICITY_THRESHOLD", "0.8"))
PARLEY_PERSPECTIVE_URL = os.environ.get("PARLEY_PERSPECTIVE_URL", "")
PARLEY_PERSPECTIVE_API_KEY = os.environ.get("PARLEY_PERSPECTIVE_API_KEY", "")
PARLEY_PERSPECTIVE_TIMEOUT = float(os.environ.get("PARLEY_PERSPECTIVE_TIMEOUT", "2"))
# How long the same text after a toxicity nudge counts as "posted anyway" (then held).
PARLEY_MODERATION_NUDGE_SECONDS = int(os.environ.get("PARLEY_MODERATION_NUDGE_SECONDS", "900"))
# A spam score at or above this holds the comment (0: off).
PARLEY_MODERATION_SPAM_THRESHOLD = float(os.environ.get("PARLEY_MODERATION_SPAM_THRESHOLD", "1.0"))
# This many open reader reports hold a comment (0: never); a reader's reports are limited.
PARLEY_REPORTS_TO_HOLD = int(os.environ.get("PARLEY_REPORTS_TO_HOLD", "3"))
PARLEY_REPORT_RATE_BURST = int(os.environ.get("PARLEY_REPORT_RATE_BURST", "10"))
PARLEY_REPORT_RATE_SECONDS = float(os.environ.get("PARLEY_REPORT_RATE_SECONDS", "60"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "ERROR"},
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
    },
}
