from backcare.sitemaps import FixedPageSitemap

from .sections import SECTIONS


class GuidanceSitemap(FixedPageSitemap):
    """The home page, every section of the guide, the checklist and the contact page."""

    url_names = (
        "guidance:home",
        *(section.url_name for section in SECTIONS),
        "guidance:checklist",
        "guidance:contact",
    )
