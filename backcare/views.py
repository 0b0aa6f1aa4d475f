"""Views and view helpers every part of the site uses: breadcrumbs, uploaded media, search and
the error pages.

The error handlers render the site's own pages without a CSRF check (Django's default handlers run
one, which reads the request body again: a body Django could not parse then became a 500).
"""

from pathlib import Path

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.http import (
    FileResponse,
    Http404,
    HttpResponseNotModified,
    HttpResponseRedirect,
    HttpResponseServerError,
)
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.http import urlencode
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView

from .cache import cache_this_query
from .search import clean_query, search
from .structured_data import page


class BreadcrumbMixin:
    """Give the template a trail of (label, url) pairs; the page itself comes last, without a url."""

    def get_breadcrumbs(self):
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["breadcrumbs"] = [("Home", reverse("guidance:home")), *self.get_breadcrumbs()]
        return context


def csrf_failure(request, reason=""):
    """Explain an expired or missing form token without saying anything about the answers."""
    context = {"breadcrumbs": [("Home", reverse("guidance:home")), ("Form expired", None)]}
    return render(request, "403_csrf.html", context, status=403)


def server_error(request):
    """Render the 500 page without the database, which may be what failed."""
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render({"emergency_number": settings.EMERGENCY_NUMBER}))


def error_page(request, template: str, status: int, title: str):
    context = {"breadcrumbs": [("Home", reverse("guidance:home")), (title, None)]}
    return render(request, template, context, status=status)


def bad_request(request, exception=None):
    """Say the request could not be read; the body is never read again, nor shown or logged."""
    return error_page(request, "400.html", 400, "Bad request")


def permission_denied(request, exception=None):
    return error_page(request, "403.html", 403, "Not allowed")


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def method_not_allowed(request, allowed=("GET", "HEAD")):
    """Say this page does not take that kind of request, listing the methods it takes."""
    response = error_page(request, "405.html", 405, "Not possible here")
    response["Allow"] = ", ".join(allowed)
    return response


def lockout(request, original_response=None, credentials=None):
    """Tell a member of staff their login is locked for now (django-axes), never cached."""
    response = render(request, "axes/lockout.html", status=429)
    add_never_cache_headers(response)
    return response


# Searches a visitor may not think of, offered before they type.
SEARCH_SUGGESTIONS = ("desk", "neck", "heat", "sleep", "strength")


class SearchView(BreadcrumbMixin, TemplateView):
    """Search the whole guide: exercises, advice and the checklist's warning signs."""

    template_name = "search.html"
    http_method_names = ["get", "head"]

    def get_breadcrumbs(self):
        return [("Search", None)]

    def get(self, request, *args, **kwargs):
        """Send every spelling of a search to one address, and let the page cache keep that one.

        "Neck  Stretch", "neck%20stretch" and "neck+stretch&" all search the same words: they go to
        ?q=neck+stretch, so the cache keeps one page per search whatever the spelling (a query cut
        to its first 100 characters keeps its own page, which says it was cut).
        """
        if list(request.GET) != ["q"] or len(request.GET.getlist("q")) != 1:
            return super().get(request, *args, **kwargs)
        query = clean_query(request.GET["q"])
        if query.truncated:
            return super().get(request, *args, **kwargs)
        canonical = urlencode({"q": query.text.lower()})
        if request.META.get("QUERY_STRING", "") != canonical:
            return HttpResponseRedirect(f"{request.path}?{canonical}")
        return cache_this_query(super().get(request, *args, **kwargs))

    def get_context_data(self, **kwargs):
        outcome = search(self.request.GET.get("q", ""), self.request)
        return super().get_context_data(
            query=outcome.query,
            results=outcome.results,
            notices=outcome.notices,
            mended=outcome.mended,
            searched="q" in self.request.GET,
            structured_data=[page(self.request, "SearchResultsPage")],
            suggestions=[
                (word, f"{reverse('search')}?{urlencode({'q': word})}")
                for word in SEARCH_SUGGESTIONS
            ],
            **kwargs,
        )


# The only kinds of file the site serves from MEDIA_ROOT: the renditions it makes of photos.
MEDIA_TYPES = {".webp": "image/webp", ".jpg": "image/jpeg"}


@require_safe
def media(request, path):
    """Serve an uploaded photo's rendition from MEDIA_ROOT: files only, images only, no listing.

    A rendition's name never changes its content (each upload gets a new folder), so browsers may
    keep it for a year.
    """
    try:
        file = Path(default_storage.path(path))
    except (SuspiciousFileOperation, ValueError, OSError) as error:  # outside MEDIA_ROOT, or odd
        raise Http404("No such file.") from error
    content_type = MEDIA_TYPES.get(file.suffix.lower())
    if content_type is None or not file.is_file():
        raise Http404("No such file.")
    stat = file.stat()
    etag = f'"{stat.st_size:x}-{int(stat.st_mtime):x}"'
    if request.headers.get("If-None-Match") == etag:
        return HttpResponseNotModified(headers={"ETag": etag})
    response = FileResponse(file.open("rb"), content_type=content_type)
    response["ETag"] = etag
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    return response
