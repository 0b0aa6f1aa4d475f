from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from exercises.models import Exercise


class PageSitemap(Sitemap):
    """The guide's fixed pages."""

    def items(self):
        return [
            "guidance:home",
            "exercises:list",
            "guidance:causes",
            "guidance:remedies",
            "guidance:lifestyle",
            "guidance:prevention",
            "guidance:seek_help",
            "guidance:checklist",
            "guidance:contact",
        ]

    def location(self, item):
        return reverse(item)


class ExerciseSitemap(Sitemap):
    """Every published exercise."""

    def items(self):
        return Exercise.objects.published()

    def lastmod(self, item):
        return item.updated_at


SITEMAPS = {"pages": PageSitemap, "exercises": ExerciseSitemap}
