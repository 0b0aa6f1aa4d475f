from django.contrib.sitemaps import Sitemap

from backcare.sitemaps import FixedPageSitemap

from .models import Exercise, Routine


class ExerciseListSitemap(FixedPageSitemap):
    """The exercise list, the ready-made routines and the page to build your own."""

    url_names = ("exercises:list", "exercises:routines", "exercises:routine")


class ExerciseSitemap(Sitemap):
    """Every published exercise."""

    def items(self):
        return Exercise.objects.published()

    def lastmod(self, item):
        return item.updated_at


class RoutineSitemap(Sitemap):
    """Every published ready-made routine."""

    def items(self):
        return Routine.objects.published()

    def lastmod(self, item):
        return item.updated_at
