from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.generic import TemplateView

from backcare import offline
from backcare.middleware import allow_methods
from backcare.views import SearchView, media
from exercises.sessions import AT_PARAM
from exercises.sitemaps import ExerciseListSitemap, ExerciseSitemap, RoutineSitemap
from guidance.sitemaps import GuidanceSitemap

SITEMAPS = {
    "guide": GuidanceSitemap,
    "exercise-list": ExerciseListSitemap,
    "exercises": ExerciseSitemap,
    "routines": RoutineSitemap,
}

urlpatterns = [
    path("", include("guidance.urls")),
    path("exercises/", include("exercises.urls")),
    path("search/", SearchView.as_view(), name="search"),
    path("feedback/", include("feedback.urls")),
    path("admin/", admin.site.urls),
    path(
        "sitemap.xml",
        allow_methods("GET", "HEAD")(sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap",
    ),
    # Uploaded photos' renditions (see MEDIA_ROOT in settings).
    path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", media, name="media"),
    # The service worker's scope is the folder it is served from: the site's root.
    path(
        "service-worker.js",
        offline.service_worker,
        {
            "sitemaps": [GuidanceSitemap, ExerciseListSitemap],
            # Never kept on the phone: the checklist and its results, search, the admin.
            "never": ("guidance:checklist", "search", "admin:index"),
            "step_param": AT_PARAM,
        },
        name="service_worker",
    ),
    path("manifest.webmanifest", offline.manifest, name="manifest"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots",
    ),
]

handler400 = "backcare.views.bad_request"
handler403 = "backcare.views.permission_denied"
handler404 = "backcare.views.page_not_found"
handler500 = "backcare.views.server_error"
