from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class FixedPageSitemap(Sitemap):
    """Pages that always exist, named by URL name; each app lists its own."""

    url_names: tuple[str, ...] = ()

    def items(self):
        return list(self.url_names)

    def location(self, item):
        return reverse(item)
