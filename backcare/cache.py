"""The public pages' cache: Django's cache, keyed on the content version, so never stale.

Every key (a whole page, a piece of data, a template fragment) includes the *cache version*: the
release (a hash of the code, templates and static files, so a deploy never serves pages of older
code from a shared Redis) and the *content version*, a token in a one-row table
(backcare.ContentVersion) that changes in the same database transaction as every change to the
guide's content. Each request reads that token with one small query before anything else, so once
an edit is committed no worker or app server finds a page or a piece of data from before it: the
old keys are simply never asked for again and age out of the cache.

- `PageCacheMiddleware` keeps public GET pages whole, plain and compressed, and answers a repeat
  visit's If-None-Match with a 304. A URL with a query string is kept only when its view says the
  query is a canonical one it knows (`cache_this_query`), so made-up query strings cannot fill the
  cache. The key holds no host and nothing about the visitor. Addresses kept apart
  (BACKCARE_PAGE_CACHE_STORES: the routines of one's own, any of millions of codes) are kept in
  a cache of their own, a bounded number in each process's memory.
- `kept(request, name, build)` keeps data every visitor shares (the published exercises);
  templates use Django's `{% cache %}` with `cache_version` among its keys.
- Staff who logged in to the admin carry a signed marker cookie (set there, checked without a
  query) and bypass the cache; any other cookie is ignored and the visitor gets the public page.

Content changed without signals (QuerySet.update(), raw SQL) must call `bump_content_version()`.
"""

import hashlib
import secrets
import threading
from contextlib import contextmanager
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core import signing
from django.core.cache import cache, caches
from django.db import IntegrityError, connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers

from .compression import ENCODINGS, accepted_encoding, compress, compressed, is_compressible
from .history import has_history

# --- The content version --------------------------------------------------------------------------

VERSION_ROW = 1


def is_content_model(model: type) -> bool:
    """Whether a change to this model changes what a public page shows (models with history)."""
    return has_history(model)


def read_content_version() -> str | None:
    """Return the current content version, or None if its row is missing (then nothing is kept)."""
    from .models import ContentVersion

    table = connection.ops.quote_name(ContentVersion._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT token FROM {table} WHERE id = %s", [VERSION_ROW])
        row = cursor.fetchone()
    return row[0] if row else None


def cache_version(request) -> str | None:
    """Return the release and content version this request's keys use, read once per request."""
    if request is None:
        return None
    try:
        return request.backcare_cache_version
    except AttributeError:
        content = read_content_version()
        request.backcare_cache_version = f"{release()}.{content}" if content else None
        return request.backcare_cache_version


def bump_content_version() -> str:
    """Give the content a new version, inside the caller's transaction; return it."""
    from .models import ContentVersion

    token = secrets.token_hex(8)
    now = timezone.now()
    rows = ContentVersion.objects.filter(pk=VERSION_ROW)
    if not rows.update(token=token, changed_at=now):
        # The row is gone (a flushed database): make it again.
        try:
            with transaction.atomic():
                ContentVersion.objects.create(pk=VERSION_ROW, token=token, changed_at=now)
        except IntegrityError:
            rows.update(token=token, changed_at=now)
    return token


def content_saved_or_deleted(sender, **kwargs):
    if is_content_model(sender):
        bump_content_version()


def content_links_changed(sender, instance=None, action="", **kwargs):
    if action in ("post_add", "post_remove", "post_clear") and is_content_model(type(instance)):
        bump_content_version()


def connect_signals() -> None:
    """Bump the content version on every save, deletion and link change of a content model."""
    post_save.connect(content_saved_or_deleted, dispatch_uid="backcare-content-saved")
    post_delete.connect(content_saved_or_deleted, dispatch_uid="backcare-content-deleted")
    m2m_changed.connect(content_links_changed, dispatch_uid="backcare-content-links")


def kept(request, name: str, build):
    """Return build()'s result, kept in the cache until the content or the code changes.

    For data every visitor shares (the published exercises): it must not depend on the visitor.
    """
    version = cache_version(request)
    if version is None:
        return build()
    return cache.get_or_set(f"data:{version}:{name}", build, settings.BACKCARE_PAGE_CACHE_SECONDS)


# --- The release ----------------------------------------------------------------------------------

# Settings that change what a page shows without a content change.
RELEASE_SETTINGS = (
    "EMERGENCY_NUMBER",
    "STATIC_URL",
    "LANGUAGE_CODE",
    "TIME_ZONE",
    "DEBUG",
    "BACKCARE_SITE_URL",
)
SOURCE_SUFFIXES = {".py", ".html", ".txt", ".xml", ".json", ".js", ".css", ".svg"}
release_digest: str | None = None
sources_seen: list | None = None


def source_files() -> list[Path]:
    base = Path(settings.BASE_DIR)
    roots = [Path(d) for engine in settings.TEMPLATES for d in engine.get("DIRS", [])]
    roots += [
        Path(app.path) for app in apps.get_app_configs() if Path(app.path).is_relative_to(base)
    ]
    files = {
        path
        for root in roots
        for path in root.rglob("*")
        if path.suffix in SOURCE_SUFFIXES and "__pycache__" not in path.parts and path.is_file()
    }
    return sorted(files | set(settings.BACKCARE_RELEASE_FILES))


def release() -> str:
    """Return a hash of what renders pages besides the content: code, templates, static files."""
    global release_digest, sources_seen
    if settings.BACKCARE_WATCH_SOURCES:
        seen = [(path, path.stat().st_mtime_ns) for path in source_files() if path.is_file()]
        if seen != sources_seen:
            release_digest, sources_seen = None, seen
    if release_digest is None:
        import django

        digest = hashlib.sha256(django.get_version().encode())
        for path in source_files():
            if path.is_file():
                digest.update(str(path).encode())
                digest.update(path.read_bytes())
        digest.update(repr([getattr(settings, name, None) for name in RELEASE_SETTINGS]).encode())
        release_digest = digest.hexdigest()[:12]
    return release_digest


# --- Staff, who see drafts and never the cache ----------------------------------------------------

STAFF_MARKER_SALT = "backcare.staff-marker"


def is_staff_browser(request) -> bool:
    """Whether the request carries a valid staff marker (signed at admin login, no query)."""
    marker = request.COOKIES.get(settings.BACKCARE_STAFF_COOKIE)
    if not marker:
        return False
    try:
        signing.loads(marker, salt=STAFF_MARKER_SALT, max_age=settings.SESSION_COOKIE_AGE)
    except signing.BadSignature:
        return False
    return True


def mark_staff_browser(request, response) -> None:
    """Set the staff marker for a member of staff in the admin; take it away once they are not."""
    user = getattr(request, "user", None)
    name = settings.BACKCARE_STAFF_COOKIE
    if user is not None and user.is_authenticated and user.is_staff:
        if not is_staff_browser(request):
            response.set_cookie(
                name,
                signing.dumps(user.pk, salt=STAFF_MARKER_SALT),
                max_age=settings.SESSION_COOKIE_AGE,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
    elif name in request.COOKIES:
        response.delete_cookie(name, samesite="Lax")


# --- The page cache -------------------------------------------------------------------------------


def cache_this_query(response):
    """Let the page cache keep this response although its URL has a query string.

    A view calls it only for a query it has validated and that is spelled the one way it writes it
    (the exercise list's filters); other spellings redirect there, and anything else is rendered
    each time, so no one can fill the cache with made-up addresses.
    """
    response.backcare_cache_query = True
    return response


def is_shareable(response) -> bool:
    """Whether a rendered response is the same for every visitor (so it may be kept)."""
    cache_control = {d.strip() for d in response.get("Cache-Control", "").split(",")}
    vary = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not {"no-store", "private", "no-cache"} & cache_control
        # A nonce must be new on every response; a kept page would share it between visitors.
        and "'nonce-" not in response.get("Content-Security-Policy", "")
        and vary <= {"cookie", "accept-encoding"}
    )


# Pages being rendered in this process, each with the lock its renderer holds.
rendering: dict[str, threading.Lock] = {}
rendering_guard = threading.Lock()
RENDER_WAIT_SECONDS = 5


@contextmanager
def one_render_at_a_time(key: str):
    """Let one thread of this process render a page; others asking for it meanwhile wait for it.

    Yields whether this thread waited (then the page is probably kept by now). After an edit, or
    with Redis down, a page asked for by many visitors at once is rendered once per process, not
    once per request. A renderer slower than RENDER_WAIT_SECONDS no longer holds the others up.
    A thread that waits first gives its database connection back: a process's threads share a
    pool of a few, and visitors waiting for one page held them all while others waited to render.
    """
    with rendering_guard:
        lock = rendering.setdefault(key, threading.Lock())
    waited = not lock.acquire(blocking=False)
    if waited and transaction.get_autocommit():
        connection.close()  # the kept page needs no query; a render gets a connection again
    held = not waited or lock.acquire(timeout=RENDER_WAIT_SECONDS)
    try:
        yield waited
    finally:
        if held:
            lock.release()
        with rendering_guard:
            if not lock.locked() and rendering.get(key) is lock:
                del rendering[key]


class PageCacheMiddleware:
    """Serve public GET pages from the cache, with ETags and 304s; compress public responses."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.excluded = tuple(settings.BACKCARE_PAGE_CACHE_EXCLUDE)
        self.stores = dict(settings.BACKCARE_PAGE_CACHE_STORES)

    def store(self, path: str):
        """Return the cache that keeps this address's pages: its own if kept apart, or the default."""
        for prefix, alias in self.stores.items():
            if path.startswith(prefix):
                return caches[alias]
        return cache

    def __call__(self, request):
        # A Host the site does not serve is refused (a 400) before any page, kept or not.
        request.get_host()
        if request.path.startswith(self.excluded):
            # The admin: never kept, never compressed (its pages carry a CSRF token).
            response = self.get_response(request)
            mark_staff_browser(request, response)
            return response
        if is_staff_browser(request):
            # Drafts and previews are for staff: no cache keeps them, the service worker neither.
            response = self.get_response(request)
            patch_cache_control(response, private=True)
            return response
        # Anyone else gets the public page, whatever cookie they send: a page rendered for them
        # may be kept for everyone.
        request.COOKIES.pop(settings.SESSION_COOKIE_NAME, None)
        version = cache_version(request) if settings.BACKCARE_PAGE_CACHE else None
        if version is None or request.method not in ("GET", "HEAD"):
            return compressed(request, self.get_response(request))
        address = request.get_full_path()
        # A routine with a start date gives the day's doses: a page is the same only for a day.
        day = timezone.localdate().isoformat()
        digest = hashlib.sha256(f"{version}|{day}|{address}".encode()).hexdigest()[:32]
        etag = f'W/"{digest}"'
        not_modified = get_conditional_response(request, etag=etag)
        if not_modified is not None:
            return self.tag(not_modified, etag)
        key = f"page:{digest}"
        store = self.store(request.path)
        entry = store.get(key)
        if entry is None:
            with one_render_at_a_time(key) as waited:
                entry = store.get(key) if waited else None
                if entry is None:
                    return self.render(request, store, key, etag)
        return self.replay(request, entry)

    def render(self, request, store, key: str, etag: str):
        """Render the page, keep it if it is the same for everyone, and send it."""
        response = self.get_response(request)
        if not is_shareable(response):
            return compressed(request, response)
        self.tag(response, etag)
        if request.META.get("QUERY_STRING") and not getattr(
            response, "backcare_cache_query", False
        ):
            # Not a query its view knows: the same for everyone, so a repeat visit gets a 304, but
            # not kept.
            return compressed(request, response)
        return self.replay(request, self.keep(store, key, response))

    @staticmethod
    def tag(response, etag: str):
        response["ETag"] = etag
        if not response.has_header("Cache-Control"):
            # Browsers keep the page but ask each time; the answer is a 304 while it is current.
            response["Cache-Control"] = "no-cache"
        patch_vary_headers(response, ("Cookie", "Accept-Encoding"))
        return response

    @staticmethod
    def keep(store, key: str, response) -> tuple:
        """Keep the page with its headers, plain and compressed once, ahead of every visitor."""
        body = response.content
        bodies = {"": body}
        if is_compressible(response):
            for encoding in ENCODINGS:
                bodies[encoding] = compress(body, encoding)
        headers = [(k, v) for k, v in response.items() if k.lower() != "content-length"]
        entry = (response.status_code, headers, bodies)
        store.set(key, entry, settings.BACKCARE_PAGE_CACHE_SECONDS)
        return entry

    @staticmethod
    def replay(request, entry: tuple) -> HttpResponse:
        status, headers, bodies = entry
        encoding = accepted_encoding(request) if len(bodies) > 1 else ""
        body = bodies.get(encoding) or bodies[""]
        # A HEAD gets the headers of the page (its length too) without the page.
        response = HttpResponse(b"" if request.method == "HEAD" else body, status=status)
        for name, value in headers:
            response[name] = value
        if encoding in bodies and encoding:
            response["Content-Encoding"] = encoding
        response["Content-Length"] = str(len(body))
        return response
