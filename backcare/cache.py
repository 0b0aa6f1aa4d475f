"""A page cache that is never stale, with ETags and compression, for the public site.

Every public GET page is cached whole, under a key made of:
- the *content version*: a random token in a one-row table (backcare.ContentVersion) that changes in
  the same database transaction as every change to the guide's content (save, delete, many-to-many
  change, revert, `load_guide`). A worker reads it with one small query per request, before rendering,
  so it can never store a page rendered from older data under a newer version, and once an edit is
  committed no worker or app server finds a page from before it;
- the *release*: a hash of the code, templates, static file manifest and the settings pages show, so
  a deploy never serves pages rendered by older code (matters when the cache is shared, on Redis);
- the page's scheme, host, path and query string, and nothing about the visitor.

The ETag is the same hash, so a repeat visit with If-None-Match gets a 304 after that one query,
without rendering or even reading the cache. Staff with a session, /admin/ and anything that is not
GET/HEAD bypass the cache; a URL with a query string is kept only if its view allows it
(`allow_query_caching`), but any page the same for everyone gets its ETag and 304s. Content changed
without signals (QuerySet.update(), raw SQL) must call `bump_content_version()` itself.

The same keys keep data and HTML fragments every visitor shares (`kept_until_content_changes`,
`{% cachedfragment %}`), so a page the page cache does not have is rendered cheaply. Everything is
kept in the worker's memory, in front of Redis when REDIS_URL is set (`VersionedStore`).
"""

import gzip
import hashlib
import secrets
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import IntegrityError, InterfaceError, OperationalError, connections, transaction
from django.db.models import Subquery
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse, HttpResponseNotModified
from django.utils import timezone
from django.utils.cache import patch_vary_headers

try:
    import brotli
except ImportError:  # optional: gzip only
    brotli = None

# --- Where kept things live ----------------------------------------------------------------------


class VersionedStore:
    """This process's memory in front of the shared cache (Redis), for keys that never go stale.

    Every key includes the content version and the release, so a copy kept in a worker's memory can
    never be served after an edit: its key is simply no longer asked for. A hit in memory costs no
    round trip to Redis; a miss there is filled from Redis, and what is made is put in both.
    Without Redis the default cache is already this process's memory, and only it is used.
    """

    @property
    def local(self):
        return caches[settings.BACKCARE_LOCAL_CACHE]

    @property
    def shared(self):
        shared = caches["default"]
        return None if isinstance(shared, LocMemCache) else shared

    def get_many(self, keys: list[str]) -> dict:
        found = self.local.get_many(keys)
        missing = [key for key in keys if key not in found]
        shared = self.shared
        if missing and shared is not None:
            fetched = shared.get_many(missing)
            if fetched:
                self.local.set_many(fetched, settings.BACKCARE_PAGE_CACHE_SECONDS)
                found.update(fetched)
        return found

    def get(self, key: str):
        return self.get_many([key]).get(key)

    def set_many(self, values: dict) -> None:
        self.local.set_many(values, settings.BACKCARE_PAGE_CACHE_SECONDS)
        shared = self.shared
        if shared is not None:
            shared.set_many(values, settings.BACKCARE_PAGE_CACHE_SECONDS)

    def set(self, key: str, value) -> None:
        self.set_many({key: value})

    def clear(self) -> None:
        self.local.clear()
        if self.shared is not None:
            self.shared.clear()


store = VersionedStore()


# --- The content version --------------------------------------------------------------------------

VERSION_ROW = 1
_extra_content_models: set[type] = set()
_site_row_model: type | None = None


def register_content_model(model: type) -> type:
    """Count saves and deletions of this model as content changes (models with history already do)."""
    _extra_content_models.add(model)
    return model


def is_content_model(model: type) -> bool:
    """Whether a change to this model changes what a public page shows."""
    return getattr(model, "_content_history", None) is not None or model in _extra_content_models


def read_with_content_version(model: type) -> type:
    """Read this model's first row in the same query as the content version.

    For the one row nearly every page shows (the clinic's details in the footer): it then costs a
    page no query of its own, and is always as current as the version. See `site_row()`.
    """
    global _site_row_model
    _site_row_model = model
    return model


def read_content_version(using: str = "default", request=None) -> str | None:
    """Return the current content version, or None if its row is missing (then nothing is cached).

    With a request, the row registered with `read_with_content_version` comes in the same query and
    is kept on the request for `site_row()`.

    When it is the request's first query on a kept connection, it is also the connection's health
    check (CONN_HEALTH_CHECKS): if the connection was dropped, it is closed and the query runs again
    on a new one. That saves the separate `SELECT 1` Django would send first on every request.
    """
    from .models import ContentVersion

    connection = connections[using]
    table = connection.ops.quote_name(ContentVersion._meta.db_table)

    def read_version():
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT token FROM {table} WHERE id = %s", [VERSION_ROW])
            row = cursor.fetchone()
        return row[0] if row else None

    def read():
        if request is None or _site_row_model is None:
            return read_version()
        sql, params, compiler = _site_row_query(connection, using)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            row = cursor.fetchone()
        if row is None:
            return read_version()
        # Made into a model instance only if the page asks for it (a cached page does not).
        request._site_row = lambda: _site_row_instance(compiler, using, row)
        return row[-1]

    if (
        connection.connection is not None
        and connection.health_check_enabled
        and not connection.health_check_done
        and not connection.in_atomic_block
    ):
        connection.health_check_done = True
        try:
            return read()
        except (OperationalError, InterfaceError):
            connection.close()
    return read()


def _site_row_query(connection, using: str) -> tuple:
    """Return the SQL reading the site row with the content version, compiled once per connection
    (compiling it on every request would cost a cached page more than the rest of its work)."""
    compiled = getattr(connection, "_backcare_site_row_query", None)
    if compiled is None:
        from .models import ContentVersion

        token = ContentVersion.objects.using(using).filter(pk=VERSION_ROW).values("token")
        rows = (
            _site_row_model._default_manager.using(using)
            .annotate(_content_version=Subquery(token))
            .order_by("pk")[:1]
        )
        compiler = rows.query.get_compiler(using=using)
        sql, params = compiler.as_sql()
        compiled = connection._backcare_site_row_query = (sql, params, compiler)
    return compiled


def _site_row_instance(compiler, using: str, row: tuple):
    (values,) = compiler.results_iter(results=[[row]])
    fields = [field.attname for field in _site_row_model._meta.concrete_fields]
    return _site_row_model.from_db(using, fields, values[: len(fields)])


def content_version(request) -> str | None:
    """Return the content version this request uses, read once per request."""
    try:
        return request._content_version
    except AttributeError:
        request._content_version = read_content_version(request=request)
        return request._content_version


def site_row(request):
    """Return the row read with this request's content version (None if there is none)."""
    if request is None:
        return None
    content_version(request)
    make = getattr(request, "_site_row", None)
    if make is None:
        return None
    if callable(make):
        make = request._site_row = make()
    return make


def bump_content_version(using: str = "default") -> str:
    """Give the content a new version, inside the caller's transaction; return it."""
    from .models import ContentVersion

    token = secrets.token_hex(8)
    now = timezone.now()
    rows = ContentVersion.objects.using(using).filter(pk=VERSION_ROW)
    if not rows.update(token=token, changed_at=now):
        # The row is gone (a flushed database): make it again.
        try:
            with transaction.atomic(using=using):
                ContentVersion.objects.using(using).create(
                    pk=VERSION_ROW, token=token, changed_at=now
                )
        except IntegrityError:
            rows.update(token=token, changed_at=now)
    return token


def _content_saved_or_deleted(sender, instance=None, using="default", **kwargs):
    if is_content_model(sender):
        bump_content_version(using)


def _content_links_changed(sender, instance=None, action="", using="default", **kwargs):
    if action in ("post_add", "post_remove", "post_clear") and is_content_model(type(instance)):
        bump_content_version(using)


def connect_signals() -> None:
    """Bump the content version on every save, deletion and link change of a content model."""
    post_save.connect(_content_saved_or_deleted, dispatch_uid="backcare-content-saved")
    post_delete.connect(_content_saved_or_deleted, dispatch_uid="backcare-content-deleted")
    m2m_changed.connect(_content_links_changed, dispatch_uid="backcare-content-links")


def kept_until_content_changes(request, name: str, build):
    """Return build()'s result, kept in the cache under the content version like a page.

    For data every visitor shares (the published exercises with their links): a page the page cache
    does not have yet is then rendered without asking the database for it again. It must not
    depend on the visitor.
    """
    return kept_together(request, [name], lambda: {name: build()})[name]


def kept_together(request, names: list[str], build) -> dict:
    """Return these kept values by name; build() makes them all at once (a dict) if one is missing.

    For data one set of queries gives together, of which a page may need only a part (the
    exercises' links for a list; their steps too for an exercise's page).
    """
    version = content_version(request) if request is not None else None
    if version is None:
        return build()
    keys = {name: f"data:{release()}:{version}:{name}" for name in names}
    found = store.get_many(list(keys.values()))
    if len(found) == len(keys):
        return {name: found[key] for name, key in keys.items()}
    values = build()
    prefix = f"data:{release()}:{version}:"
    store.set_many({prefix + name: value for name, value in values.items()})
    return values


# --- The release ----------------------------------------------------------------------------------

# Settings that change what a page shows without a content change.
RELEASE_SETTINGS = ("EMERGENCY_NUMBER", "STATIC_URL", "LANGUAGE_CODE", "TIME_ZONE", "DEBUG")
SOURCE_SUFFIXES = {".py", ".html", ".txt", ".xml", ".json", ".js", ".css", ".svg"}
_release: str | None = None


def _source_files() -> list[Path]:
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
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if manifest.is_file():
        files.add(manifest)
    return sorted(files)


def release() -> str:
    """Return a hash of what renders pages besides the content: code, templates, static files."""
    global _release
    if _release is None:
        import django

        digest = hashlib.sha256(django.get_version().encode())
        for path in _source_files():
            digest.update(str(path).encode())
            digest.update(path.read_bytes())
        digest.update(repr([getattr(settings, name, None) for name in RELEASE_SETTINGS]).encode())
        _release = digest.hexdigest()[:12]
    return _release


def forget_release(**kwargs) -> None:
    """Recompute the release on the next request (runserver calls this when a file changes)."""
    global _release
    _release = None


# --- Compression ----------------------------------------------------------------------------------

COMPRESSIBLE_TYPES = (
    "text/",
    "application/xml",
    "application/json",
    "application/javascript",
    "image/svg+xml",
)
MIN_COMPRESS_LENGTH = 256


def accepted_encoding(request) -> str:
    """Return "br", "gzip" or "" from the request's Accept-Encoding (q=0 refuses one)."""
    header = request.META.get("HTTP_ACCEPT_ENCODING", "")
    if not header:
        return ""
    accepted = set()
    for part in header.lower().split(","):
        name, _, params = part.strip().partition(";")
        if params.replace(" ", "") in ("q=0", "q=0.0", "q=0.00", "q=0.000"):
            continue
        accepted.add(name.strip())
    if brotli is not None and "br" in accepted:
        return "br"
    if "gzip" in accepted:
        return "gzip"
    return ""


def compress(body: bytes, encoding: str, best: bool = False) -> bytes:
    if encoding == "br":
        return brotli.compress(body, quality=11 if best else 5)
    return gzip.compress(body, compresslevel=9 if best else 6, mtime=0)


def is_compressible(response) -> bool:
    return (
        not response.streaming
        and not response.has_header("Content-Encoding")
        and "no-transform" not in response.get("Cache-Control", "")
        and response.get("Content-Type", "").startswith(COMPRESSIBLE_TYPES)
        and len(response.content) >= MIN_COMPRESS_LENGTH
    )


def compressed(request, response):
    """Compress a response for this request if it is worth it and allowed (no-transform: not)."""
    if not is_compressible(response):
        return response
    patch_vary_headers(response, ("Accept-Encoding",))
    encoding = accepted_encoding(request)
    if encoding:
        response.content = compress(response.content, encoding)
        response["Content-Encoding"] = encoding
        response["Content-Length"] = str(len(response.content))
    return response


# --- The page cache -------------------------------------------------------------------------------


def page_etag(request, version: str) -> str:
    """Return the weak ETag (and cache key) of this URL at this content version and release."""
    url = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(f"{release()}|{version}|{url}".encode()).hexdigest()[:32]
    return f'W/"{digest}"'


def etag_matches(header: str, etag: str) -> bool:
    """Whether If-None-Match names this ETag (weak comparison, as RFC 9110 asks for GET)."""
    if not header or len(header) > 4096:
        return False
    opaque = etag.removeprefix("W/")
    return any(tag.strip().removeprefix("W/") == opaque for tag in header.split(","))


def allow_query_caching(response):
    """Let the page cache keep this response although its URL has a query string.

    A view calls it when the query string is one of a bounded set it knows (the exercise list's
    valid filters); any other query string would let anyone fill the cache with junk URLs, so
    such pages are rendered each time instead (their shared fragments still come from the cache).
    """
    response.query_is_cacheable = True
    return response


def is_shareable(response) -> bool:
    """Whether a rendered response is the same for every visitor (so it may carry an ETag)."""
    cache_control = response.get("Cache-Control", "")
    vary = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not {"no-store", "private", "no-cache"} & {d.strip() for d in cache_control.split(",")}
        # A nonce must be new on every response; a cached page would share it between visitors.
        and "'nonce-" not in response.get("Content-Security-Policy", "")
        and vary <= {"cookie", "accept-encoding"}
    )


def is_kept_address(request, response) -> bool:
    """Whether the page cache may keep a response at this address: no query string, or one its
    view knows (`allow_query_caching`)."""
    return not request.META.get("QUERY_STRING") or getattr(response, "query_is_cacheable", False)


class PageCacheMiddleware:
    """Serve public GET pages from the cache, with ETags and 304s; compress public responses."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.enabled = settings.BACKCARE_PAGE_CACHE
        self.excluded = tuple(settings.BACKCARE_PAGE_CACHE_EXCLUDE)
        self.session_cookie = settings.SESSION_COOKIE_NAME

    def __call__(self, request):
        if self.session_cookie in request.COOKIES or request.path.startswith(self.excluded):
            # Staff (previewing drafts) and the admin: rendered for them, never compressed
            # (admin pages carry a CSRF token), never cached.
            return self.get_response(request)
        if not self.enabled or request.method not in ("GET", "HEAD"):
            return compressed(request, self.get_response(request))
        version = content_version(request)
        if version is None:
            return compressed(request, self.get_response(request))
        etag = page_etag(request, version)
        if etag_matches(request.META.get("HTTP_IF_NONE_MATCH", ""), etag):
            return self.not_modified(etag)
        key = f"page:{etag[3:-1]}"
        entry = store.get(key)
        if entry is None:
            response = self.get_response(request)
            if not is_shareable(response):
                return compressed(request, response)
            self.tag(response, etag)
            if not is_kept_address(request, response):
                # An address from an unbounded set (a routine of your own, a search): rendered
                # each time, not kept, but a repeat visit still gets a 304 while it is current.
                return compressed(request, response)
            entry = self.keep(key, response)
        return self.replay(request, entry)

    @staticmethod
    def tag(response, etag: str) -> None:
        response["ETag"] = etag
        if not response.has_header("Cache-Control"):
            # Browsers keep the page but ask each time; the answer is a 304 while it is current.
            response["Cache-Control"] = "no-cache"
        patch_vary_headers(response, ("Cookie",))

    def keep(self, key: str, response) -> tuple:
        """Cache the page with its headers, plain and compressed once, ahead of every visitor."""
        body = response.content
        bodies = {"": body}
        if is_compressible(response):
            patch_vary_headers(response, ("Accept-Encoding",))
            bodies["gzip"] = compress(body, "gzip", best=True)
            if brotli is not None:
                bodies["br"] = compress(body, "br", best=True)
        headers = [(k, v) for k, v in response.items() if k.lower() != "content-length"]
        entry = (response.status_code, headers, bodies)
        store.set(key, entry)
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

    @staticmethod
    def not_modified(etag: str) -> HttpResponseNotModified:
        response = HttpResponseNotModified()
        response["ETag"] = etag
        response["Cache-Control"] = "no-cache"
        response["Vary"] = "Cookie, Accept-Encoding"
        return response
