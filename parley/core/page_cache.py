"""Whole-page cache for what anonymous readers see, purged by surrogate key.

A response names what it shows in its `Surrogate-Key` header ("page-12", "listings").
Each key has a version in the shared cache; a stored page remembers the versions it was
rendered under and is served only while they still match. Publishing bumps the versions
of what changed, which purges every page showing it in every process at once, and a CDN
that understands the same header can purge its copies by the same keys.
"""

import hashlib
import time
from collections import OrderedDict

from asgiref.sync import iscoroutinefunction, markcoroutinefunction
from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, HttpResponseNotModified
from django.utils import timezone

from parley.core.release import release_id

UNCACHED_PREFIXES = (
    "/admin",
    "/django-admin",
    "/live/",
    "/static/",
    "/media/",
    "/s/",
    "/accounts/",
)
# Listing pages, thread sorting and the comment API's paging; anything else (tracking
# parameters, cache busters) is rendered but never stored.
ALLOWED_QUERY_KEYS = {"page", "sort", "cursor", "limit", "replies"}
LOCAL_ENTRIES = 512
DROPPED_HEADERS = {"set-cookie", "vary", "x-cache"}


def version_key(surrogate_key: str) -> str:
    return f"pc:v:{surrogate_key}"


def purge(*surrogate_keys: str) -> None:
    """Invalidate every cached page that shows any of these keys."""
    now = time.time_ns()
    cache.set_many({version_key(key): now for key in surrogate_keys}, timeout=None)


def cache_key(host: str, path: str, query: str) -> str:
    """The same key for Django's request and the ASGI edge (see parley.core.edge_cache)."""
    # The release is part of the key: a deploy never serves the previous code's pages.
    digest = hashlib.sha256(f"{release_id()}|{host}|{path}|{query}".encode()).hexdigest()
    return f"pc:e:{digest[:40]}"


def entry_key(request) -> str | None:
    """The cache key for this request, or None when it must not be served from cache."""
    if request.method != "GET" or request.path.startswith(UNCACHED_PREFIXES):
        return None
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return None
    if not set(request.GET) <= ALLOWED_QUERY_KEYS:
        return None
    return cache_key(request.get_host(), request.path, request.META.get("QUERY_STRING", ""))


# Recently served entries stay in this process, so a hit costs only the version check.
local_entries: OrderedDict[str, dict] = OrderedDict()


def lookup(key: str):
    """The stored entry for `key` if every surrogate version still matches, else None."""
    entry = local_entries.get(key)
    if entry is not None and valid(entry):
        local_entries.move_to_end(key)
        return entry
    entry = cache.get(key)
    if not entry or not valid(entry):
        local_entries.pop(key, None)
        return None
    local_entries[key] = entry
    if len(local_entries) > LOCAL_ENTRIES:
        local_entries.popitem(last=False)
    return entry


def valid(entry) -> bool:
    """True while none of the entry's surrogate keys was purged since it was stored."""
    if entry.get("expires", 0) < time.time():
        return False
    names = [version_key(k) for k in entry["keys"]]
    current = cache.get_many(names)
    pairs = zip(names, entry["versions"], strict=True)
    return all(current.get(name) == version for name, version in pairs)


def current_versions(keys: list[str], started: int) -> list[int] | None:
    """The versions of `keys`, created where missing; None if one changed since `started`."""
    names = [version_key(k) for k in keys]
    found = cache.get_many(names)
    for name in names:
        if name not in found:
            # A version made now can never equal one an older entry recorded.
            cache.add(name, started, timeout=None)
    found = cache.get_many(names)
    versions = [found.get(name) for name in names]
    if any(v is None or v > started for v in versions):
        return None  # purged while we rendered: the page may be stale
    return versions


def storable(response) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    control = response.get("Cache-Control", "")
    return "private" not in control and "no-store" not in control and "Surrogate-Key" in response


def store(key: str, response, started: int) -> None:
    """Keep a rendered page, tagged with the versions its surrogate keys had."""
    keys = response["Surrogate-Key"].split()
    versions = current_versions(keys, started)
    if versions is None:
        return
    timeout = settings.PARLEY_PAGE_CACHE_SECONDS
    until = getattr(response, "page_cache_until", None)
    if until is not None:
        timeout = min(timeout, int((until - timezone.now()).total_seconds()))
    if timeout <= 0:
        return
    headers = [(k, v) for k, v in response.items() if k.lower() not in DROPPED_HEADERS]
    entry = {
        "keys": keys,
        "versions": versions,
        "headers": headers,
        "content": response.content,
        "expires": time.time() + timeout,
    }
    cache.set(key, entry, timeout=timeout)


def etag_for(content: bytes) -> str:
    return '"' + hashlib.blake2b(content, digest_size=12).hexdigest() + '"'


def finish(request, response, *, hit: bool):
    """Add validators; answer a conditional request whose copy is current with 304."""
    response["X-Cache"] = "HIT" if hit else "MISS"
    etag = response.get("ETag")
    if etag and etag in request.headers.get("If-None-Match", ""):
        not_modified = HttpResponseNotModified()
        for header in ("ETag", "Cache-Control", "Surrogate-Key", "X-Cache"):
            not_modified[header] = response[header]
        return not_modified
    return response


def response_from(entry) -> HttpResponse:
    response = HttpResponse(entry["content"])
    for name, value in entry["headers"]:
        response[name] = value
    return response


def prepare(response) -> None:
    """Headers every cacheable page carries, on a miss as on a hit."""
    response["ETag"] = etag_for(response.content)
    # Browsers and CDNs may keep the page but must revalidate; the ETag makes that cheap.
    response["Cache-Control"] = "public, max-age=0, must-revalidate"


class PageCacheMiddleware:
    """Serve anonymous readers' pages from the shared cache without touching the database."""

    sync_capable = True
    async_capable = True

    def __init__(self, get_response):
        self.get_response = get_response
        self.is_async = iscoroutinefunction(get_response)
        if self.is_async:
            markcoroutinefunction(self)

    def __call__(self, request):
        if self.is_async:
            return self.__acall__(request)
        key = entry_key(request)
        if key and (entry := lookup(key)):
            return finish(request, response_from(entry), hit=True)
        started = time.time_ns()
        response = self.get_response(request)
        return self.after(request, response, key, started)

    async def __acall__(self, request):
        key = entry_key(request)
        # The cache is local files or Redis: a sub-millisecond read, cheaper inline than a
        # hop to a worker thread.
        if key and (entry := lookup(key)):
            return finish(request, response_from(entry), hit=True)
        started = time.time_ns()
        response = await self.get_response(request)
        return self.after(request, response, key, started)

    def after(self, request, response, key, started):
        if key and storable(response):
            prepare(response)
            store(key, response, started)
            return finish(request, response, hit=False)
        return response
