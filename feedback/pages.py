"""The pages that ask "Was this page helpful?": the guide's pages the sitemap lists.

The sitemap already lists every public page of the guide (its published exercises and routines
too), so a page is known here exactly when search engines are told of it. The checklist and the
contact page are left out: a checklist's result is health data, and the contact page is not
guidance.
"""

from django.urls import resolve, reverse

from backcare.cache import kept

NOT_ASKED = ("guidance:checklist", "guidance:contact")


def all_guide_pages() -> frozenset[str]:
    # The sitemap's own list of sitemaps, from its URL (importing backcare.urls here would be
    # circular: it includes this app's URLs).
    sitemaps = resolve(reverse("sitemap")).kwargs["sitemaps"]
    left_out = {reverse(name) for name in NOT_ASKED}
    paths = set()
    for sitemap_class in sitemaps.values():
        sitemap = sitemap_class()
        paths.update(sitemap.location(item) for item in sitemap.items())
    return frozenset(paths - left_out)


def guide_pages(request) -> frozenset[str]:
    """Return the paths of the pages that ask for feedback, kept until the content changes."""
    return kept(request, "feedback:pages", all_guide_pages)


def is_guide_page(request, path: str) -> bool:
    """Whether a path is one of this site's pages that ask for feedback."""
    return path in guide_pages(request)
