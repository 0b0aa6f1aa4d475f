from django.db.models import Q
from django.urls import reverse
from django.utils.http import urlencode
from django.views.generic import DetailView, ListView

from .forms import NO_EQUIPMENT, ExerciseFilterForm
from .models import BodyArea, Equipment, Exercise, Kind


class BreadcrumbMixin:
    """Give the template a trail of (label, url) pairs; the page itself comes last, without a url."""

    def get_breadcrumbs(self):
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["breadcrumbs"] = [("Home", reverse("guidance:home")), *self.get_breadcrumbs()]
        return context


def filter_links(name, options, params):
    """Return one link per option of a filter, keeping the other filters as they are."""
    links = []
    for value, label in [("", "All"), *options]:
        query = {key: val for key, val in params.items() if val and key != name}
        if value:
            query[name] = value
        links.append(
            {
                "label": label,
                "url": f"?{urlencode(query)}" if query else "?",
                "active": params.get(name, "") == value,
            }
        )
    return links


class ExerciseListView(BreadcrumbMixin, ListView):
    """List the published exercises, filtered by body area, kind and equipment."""

    template_name = "exercises/exercise_list.html"
    context_object_name = "exercises"

    def get_breadcrumbs(self):
        return [("Exercises", None)]

    def get_queryset(self):
        self.areas = list(BodyArea.objects.all())
        self.equipment = list(Equipment.objects.all())
        self.form = ExerciseFilterForm(self.request.GET, areas=self.areas, equipment=self.equipment)
        exercises = Exercise.objects.published().for_list()
        if not self.form.is_valid():
            return exercises.none()
        return self.form.filter(exercises)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        params = {key: self.request.GET.get(key, "") for key in ("area", "kind", "equipment")}
        area_options = [(area.slug, area.name) for area in self.areas]
        equipment_options = [
            (NO_EQUIPMENT, "None needed"),
            *[(item.slug, item.name) for item in self.equipment],
        ]
        context["filters"] = [
            {
                "name": "area",
                "label": "Body area",
                "links": filter_links("area", area_options, params),
            },
            {"name": "kind", "label": "Kind", "links": filter_links("kind", Kind.choices, params)},
            {
                "name": "equipment",
                "label": "Equipment",
                "links": filter_links("equipment", equipment_options, params),
            },
        ]
        labels = {
            "area": dict(area_options),
            "kind": dict(Kind.choices),
            "equipment": dict(equipment_options),
        }
        context["active_filters"] = [
            {
                "label": labels[name].get(value, value),
                "remove_url": filter_links(name, [], params)[0]["url"],
            }
            for name, value in params.items()
            if value
        ]
        context["form"] = self.form
        return context


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
        context = super().get_context_data(**kwargs)
        exercise = self.object
        published = Exercise.objects.published().only("slug", "name", "order")
        before = Q(order__lt=exercise.order) | Q(order=exercise.order, name__lt=exercise.name)
        after = Q(order__gt=exercise.order) | Q(order=exercise.order, name__gt=exercise.name)
        context["previous"] = published.filter(before).order_by("-order", "-name").first()
        context["next"] = published.filter(after).order_by("order", "name").first()
        area_ids = [area.pk for area in exercise.body_areas.all()]
        context["related"] = (
            Exercise.objects.published()
            .filter(body_areas__in=area_ids)
            .exclude(pk=exercise.pk)
            .distinct()[:3]
        )
        return context
