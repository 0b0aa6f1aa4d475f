from django.contrib.sitemaps import Sitemap

from backcare.sitemaps import FixedPageSitemap

from .models import Exercise, Routine


class ExerciseListSitemap(FixedPageSitemap):
    """The exercise list, the ready-made routines and the page to build your own."""

    url_names = ("exercises:list", "exercises:routines", "exercises:routine")


class ExerciseSitemap(Sitemap):
    """Every published exercise."""

    def items(self):
        # A list, not a queryset: the paginator then counts it without a query of its own.
        return list(Exercise.objects.published().only("slug", "updated_at"))

    def lastmod(self, item):
        return item.updated_at


class RoutineSitemap(Sitemap):
    """Every published ready-made routine."""

    def items(self):
        return list(Routine.objects.published().only("slug", "updated_at"))

    def lastmod(self, item):
        return item.updated_at
