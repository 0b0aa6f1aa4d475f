"""Working without signal (issue 21, point 6): the web app manifest and the service worker.

The worker (templates/offline/service-worker.js) is served from the site's root, so its scope is the
whole site, and never kept in a cache between visits: its text holds the cache version (the release
and the content version, backcare/cache.py), so a content update changes it and reaches the patient
on their next visit online. It learns here which pages to keep at once (the guide's fixed pages,
about ten, but those it must never keep; an exercise or routine is kept once opened, not all at
once on a phone's data plan) and which addresses it must never keep at all.
"""

import json

from django.contrib.sitemaps import Sitemap
from django.http import HttpResponse
from django.template import loader
from django.templatetags.static import static
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_safe

from .cache import cache_version

# The styles every page needs (the first two, in this order, also style the offline page), the
# figures' and a started routine's styles and scripts, and the icons.
STATIC_FILES = (
    "bootstrap/css/bootstrap.min.css",
    "css/backcare.css",
    "css/figures.css",
    "css/figures-motion.css",
    "css/session.css",
    "css/diary.css",
    "js/timer.js",
    "js/session.js",
    "js/diary.js",
    "js/routine-memory.js",
    "js/offline.js",
    "js/menu.js",
    "img/favicon.svg",
    "img/icon.svg",
    "img/icon-192.png",
    "img/icon-512.png",
)
# Pages (and files) kept as they are opened, the newest first; a phone's storage is not ours to fill.
KEPT_PAGES = 60
ICONS = (
    ("img/icon.svg", "any", "image/svg+xml"),
    ("img/icon-192.png", "192x192", "image/png"),
    ("img/icon-512.png", "512x512", "image/png"),
)


def guide_pages(sitemaps: list[type[Sitemap]], never: list[str]) -> list[str]:
    """Return the path of every page the sitemaps list, but those under a `never` prefix."""
    paths = []
    for sitemap_class in sitemaps:
        sitemap = sitemap_class()
        paths.extend(sitemap.location(item) for item in sitemap.items())
    return [path for path in paths if not path.startswith(tuple(never))]


@require_safe
def service_worker(request, sitemaps: list[type[Sitemap]], never: tuple[str, ...], step_param: str):
    """Serve the service worker with this request's cache version and the pages it keeps."""
    never_paths = [reverse(name) for name in never]
    context = {
        "version": json.dumps(cache_version(request) or "none"),
        "precache": json.dumps(
            [static(name) for name in STATIC_FILES] + guide_pages(sitemaps, never_paths)
        ),
        "never": json.dumps(never_paths),
        "home": json.dumps(reverse("guidance:home")),
        "seek_help": json.dumps(reverse("guidance:seek_help")),
        "kept_pages": KEPT_PAGES,
        "step_param": json.dumps(step_param),
    }
    body = loader.render_to_string("offline/service-worker.js", context, request)
    response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    # The browser checks for a new worker on every visit; no cache on the way may answer for it.
    add_never_cache_headers(response)
    return response


@require_safe
def manifest(request):
    """Describe the site to a phone that installs it: its name, colours, start page and icons."""
    data = {
        "name": "BackCare: upper back pain guide",
        "short_name": "BackCare",
        "description": "A clinic's guide to upper back pain: exercises and routines that work offline.",
        "start_url": reverse("guidance:home"),
        "scope": reverse("guidance:home"),
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#0b5563",
        "icons": [
            {"src": static(name), "sizes": sizes, "type": kind, "purpose": "any"}
            for name, sizes, kind in ICONS
        ],
    }
    return HttpResponse(json.dumps(data, indent=1), content_type="application/manifest+json")
