"""Views and view helpers every part of the site uses: breadcrumbs, uploaded media, error pages."""

from pathlib import Path

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.http import FileResponse, Http404, HttpResponseNotModified, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.utils._os import safe_join
from django.views.decorators.http import require_safe


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


# The only kinds of file the site serves from MEDIA_ROOT: the renditions it makes of photos.
MEDIA_TYPES = {".webp": "image/webp", ".jpg": "image/jpeg"}


@require_safe
def media(request, path):
    """Serve an uploaded photo's rendition from MEDIA_ROOT: files only, images only, no listing.

    A rendition's name never changes its content (each upload gets a new folder), so browsers may
    keep it for a year.
    """
    try:
        file = Path(safe_join(settings.MEDIA_ROOT, path))
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
