from django.contrib.sitemaps import Sitemap

from backcare.sitemaps import FixedPageSitemap

from .models import Exercise


class ExerciseListSitemap(FixedPageSitemap):
    url_names = ("exercises:list",)


class ExerciseSitemap(Sitemap):
    """Every published exercise."""

    def items(self):
        return Exercise.objects.published()

    def lastmod(self, item):
        return item.updated_at
