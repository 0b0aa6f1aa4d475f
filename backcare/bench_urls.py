"""The site's URLs plus the bare view `make bench` compares every page with (bench settings only)."""

from django.http import HttpResponse
from django.urls import path

from .urls import urlpatterns as site_urlpatterns


def bare(request):
    """Answer with a word: what any Django view costs through this middleware and server."""
    return HttpResponse("Hello")


urlpatterns = [path("bench/bare/", bare), *site_urlpatterns]
handler400 = "backcare.views.bad_request"
handler403 = "backcare.views.permission_denied"
handler404 = "backcare.views.page_not_found"
handler500 = "backcare.views.server_error"
