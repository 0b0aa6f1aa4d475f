from django.http import Http404
from django.urls import reverse
from django.views.generic import DetailView, ListView

from backcare.cache import allow_query_caching, kept_together
from backcare.views import BreadcrumbMixin

from .forms import FILTERS, ExerciseFilterForm
from .models import Exercise, neighbours, related_to


def published_catalog(request, with_steps: bool = False) -> list:
    """Return the published exercises with their links (and steps), kept until content changes.

    One build (two queries) makes both; the list page reads only the exercises, so it does not
    unpack every step from the cache.
    """

    def build():
        exercises = Exercise.objects.published().catalog()
        steps = {exercise.pk: exercise.__dict__.pop("step_list") for exercise in exercises}
        return {"exercises:published": exercises, "exercises:steps": steps}

    names = ["exercises:published", "exercises:steps"] if with_steps else ["exercises:published"]
    kept = kept_together(request, names, build)
    exercises = kept["exercises:published"]
    if with_steps:
        for exercise in exercises:
            exercise.step_list = kept["exercises:steps"].get(exercise.pk, [])
    return exercises


class ExerciseListView(BreadcrumbMixin, ListView):
    """List the published exercises, filtered by body area, kind and equipment."""

    template_name = "exercises/exercise_list.html"
    context_object_name = "exercises"

    def get_breadcrumbs(self):
        return [("Exercises", None)]

    def get_queryset(self):
        exercises = published_catalog(self.request)
        self.form = ExerciseFilterForm(self.request.GET, exercises=exercises)
        return self.form.results()

    def get_context_data(self, **kwargs):
        return super().get_context_data(form=self.form, **kwargs)

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        query = self.request.GET
        # Valid filters are a bounded set of pages worth keeping; anything else is rendered anew.
        if not self.form.errors and all(
            name in FILTERS and len(query.getlist(name)) == 1 for name in query
        ):
            allow_query_caching(response)
        return response


class ExerciseDetailView(BreadcrumbMixin, DetailView):
    """Show one exercise: its steps, dosage, benefits, safety note and published neighbours."""

    template_name = "exercises/exercise_detail.html"
    context_object_name = "exercise"

    def get_object(self, queryset=None):
        # One list of the published exercises (two queries, or none while it is cached) gives this
        # one, its neighbours and the related ones.
        slug = self.kwargs["slug"]
        self.published = published_catalog(self.request, with_steps=True)
        exercise = next((e for e in self.published if e.slug == slug), None)
        if exercise is None and self.request.user.is_staff:
            # Staff may preview a draft; the page then says it is one.
            exercise = next(iter(Exercise.objects.filter(slug=slug).catalog()), None)
        if exercise is None:
            raise Http404("No such exercise.")
        return exercise

    def get_breadcrumbs(self):
        return [("Exercises", reverse("exercises:list")), (self.object.name, None)]

    def get_context_data(self, **kwargs):
        previous, next_ = neighbours(self.published, self.object)
        related = related_to(self.published, self.object)
        return super().get_context_data(previous=previous, next=next_, related=related, **kwargs)
