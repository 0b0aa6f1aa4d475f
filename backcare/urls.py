from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.generic import TemplateView

from backcare.views import media
from exercises.sitemaps import ExerciseListSitemap, ExerciseSitemap
from guidance.sitemaps import GuidanceSitemap

SITEMAPS = {
    "guide": GuidanceSitemap,
    "exercise-list": ExerciseListSitemap,
    "exercises": ExerciseSitemap,
}

urlpatterns = [
    path("", include("guidance.urls")),
    path("exercises/", include("exercises.urls")),
    path("admin/", admin.site.urls),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    # Uploaded photos' renditions (see MEDIA_ROOT in settings).
    path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", media, name="media"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots",
    ),
]

handler500 = "backcare.views.server_error"
