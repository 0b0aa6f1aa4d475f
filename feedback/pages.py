"""The pages that ask "Was this page helpful?": the guide's pages, not the checklist or contact.

Whether a page asks is decided from its URL name alone, so rendering it costs no query. A post is
taken only for a page that asks and that the sitemap lists, so only published pages count; the
sitemap's list is kept in the cache until the content changes.
"""

from django.urls import Resolver404, resolve, reverse

from backcare.cache import kept
from guidance.sections import SECTIONS

# Not the checklist (its result is health data) nor the contact page (not guidance), nor printouts.
ASKING_VIEWS = frozenset(
    {
        "guidance:home",
        *(section.url_name for section in SECTIONS),
        "exercises:list",
        "exercises:detail",
        "exercises:routines",
        "exercises:routine_detail",
        "exercises:routine",
    }
)


def asks_feedback(request) -> bool:
    """Whether the page being shown asks for feedback."""
    match = request.resolver_match
    return (
        request.method in ("GET", "HEAD") and match is not None and match.view_name in ASKING_VIEWS
    )


def public_pages() -> frozenset[str]:
    # The sitemap's own list of sitemaps, from its URL (importing backcare.urls here would be
    # circular: it includes this app's URLs).
    sitemaps = resolve(reverse("sitemap")).kwargs["sitemaps"]
    paths = set()
    for sitemap_class in sitemaps.values():
        sitemap = sitemap_class()
        paths.update(sitemap.location(item) for item in sitemap.items())
    return frozenset(paths)


def is_guide_page(request, path: str) -> bool:
    """Whether a path is a published page of this site that asks for feedback."""
    if path not in kept(request, "feedback:public-pages", public_pages):
        return False
    try:
        return resolve(path).view_name in ASKING_VIEWS
    except Resolver404:
        return False
