from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.generic import TemplateView

from guidance.sitemaps import SITEMAPS

admin.site.site_header = "BackCare administration"
admin.site.site_title = "BackCare admin"
admin.site.index_title = "Edit the guide"

urlpatterns = [
    path("", include("guidance.urls")),
    path("exercises/", include("exercises.urls")),
    path("admin/", admin.site.urls),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots",
    ),
]
