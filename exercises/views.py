from django.urls import reverse
from django.views.generic import DetailView, ListView

from backcare.views import BreadcrumbMixin

from .forms import ExerciseFilterForm
from .models import Exercise


class ExerciseListView(BreadcrumbMixin, ListView):
    """List the published exercises, filtered by body area, kind and equipment."""

    template_name = "exercises/exercise_list.html"
    context_object_name = "exercises"

    def get_breadcrumbs(self):
        return [("Exercises", None)]

    def get_queryset(self):
        exercises = Exercise.objects.published().for_list()
        self.form = ExerciseFilterForm(self.request.GET, exercises=exercises)
        return self.form.results()

    def get_context_data(self, **kwargs):
        return super().get_context_data(form=self.form, **kwargs)


class ExerciseDetailView(BreadcrumbMixin, DetailView):
    """Show one exercise: its steps, dosage, benefits, safety note and published neighbours."""

    template_name = "exercises/exercise_detail.html"
    context_object_name = "exercise"

    def get_queryset(self):
        # Staff may preview a draft; the page then says it is one.
        return Exercise.objects.visible_to(self.request.user).with_details()

    def get_breadcrumbs(self):
        return [("Exercises", reverse("exercises:list")), (self.object.name, None)]

    def get_context_data(self, **kwargs):
        # One list of the published exercises gives the neighbours and the related ones.
        published = Exercise.objects.published().for_list()
        previous, next_ = published.neighbours(self.object)
        related = published.related_to(self.object)
        return super().get_context_data(previous=previous, next=next_, related=related, **kwargs)
