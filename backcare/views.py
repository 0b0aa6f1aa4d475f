"""Views and view helpers every part of the site uses: breadcrumbs and the error pages."""

from django.conf import settings
from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.utils.http import urlencode
from django.views.generic import TemplateView

from .search import search
from .structured_data import page


class BreadcrumbMixin:
    """Give the template a trail of (label, url) pairs; the page itself comes last, without a url."""

    def get_breadcrumbs(self):
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["breadcrumbs"] = [("Home", reverse("guidance:home")), *self.get_breadcrumbs()]
        return context


def csrf_failure(request, reason=""):
    """Explain an expired or missing form token without saying anything about the answers."""
    context = {"breadcrumbs": [("Home", reverse("guidance:home")), ("Form expired", None)]}
    return render(request, "403_csrf.html", context, status=403)


def server_error(request):
    """Render the 500 page without the database, which may be what failed."""
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render({"emergency_number": settings.EMERGENCY_NUMBER}))


# Searches a visitor may not think of, offered before they type.
SEARCH_SUGGESTIONS = ("desk", "neck", "heat", "sleep", "strength")


class SearchView(BreadcrumbMixin, TemplateView):
    """Search the whole guide: exercises, advice and the checklist's warning signs."""

    template_name = "search.html"
    http_method_names = ["get", "head"]

    def get_breadcrumbs(self):
        return [("Search", None)]

    def get_context_data(self, **kwargs):
        outcome = search(self.request.GET.get("q", ""))
        return super().get_context_data(
            query=outcome.query,
            results=outcome.results,
            searched="q" in self.request.GET,
            structured_data=[page(self.request, "SearchResultsPage")],
            suggestions=[
                (word, f"{reverse('search')}?{urlencode({'q': word})}")
                for word in SEARCH_SUGGESTIONS
            ],
            **kwargs,
        )
