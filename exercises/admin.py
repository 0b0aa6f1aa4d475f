from django import forms
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.db import models, transaction
from django.db.models import Count
from django.shortcuts import get_object_or_404
from simple_history.models import to_historic

from backcare.admin import ContentAdmin

from .history import items_of_version, restore_items, restore_steps, step_changes, steps_of_version
from .models import BodyArea, Equipment, Exercise, ExerciseStep, Routine, RoutineItem

# Steps and summaries are full sentences: give them room to be read and edited on one line.
WIDE_TEXT = {
    models.CharField: {"widget": forms.TextInput(attrs={"class": "vTextField", "size": 90})}
}


class ExerciseStepInline(admin.TabularInline):
    model = ExerciseStep
    fields = ["number", "text"]
    ordering = ["number"]
    extra = 1
    view_on_site = False
    formfield_overrides = WIDE_TEXT


class ExerciseAdminForm(forms.ModelForm):
    """The exercise form; when reverting, it starts from the chosen version's areas and equipment."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        record = to_historic(self.instance)
        if record is not None and record.history_type == "-":
            # Links are gone by the time a deletion is recorded; the version before it has them.
            record = record.prev_record or record
        if record is not None:
            for name in ("body_areas", "equipment"):
                linked = Exercise._meta.get_field(name).m2m_reverse_field_name()
                self.initial[name] = [
                    getattr(link, f"{linked}_id") for link in getattr(record, name).all()
                ]


@admin.register(Exercise)
class ExerciseAdmin(ContentAdmin):
    formfield_overrides = WIDE_TEXT
    form = ExerciseAdminForm
    inlines = [ExerciseStepInline]
    list_display = [
        "name",
        "kind",
        "position",
        "areas",
        "step_count",
        "dose_status",
        "order",
        "is_published",
        "updated_at",
    ]
    list_display_links = ["name"]
    list_editable = ["order", "is_published"]
    list_filter = [
        "is_published",
        "dosage_confirmed",
        "kind",
        "position",
        "body_areas",
        "equipment",
    ]
    search_fields = ["name", "summary", "target_area", "benefits", "steps__text"]
    prepopulated_fields = {"slug": ("name",)}
    filter_horizontal = ["body_areas", "equipment"]
    object_history_form_template = "admin/exercises/exercise/history_form.html"
    fieldsets = [
        (None, {"fields": ["name", "slug", "summary", "is_published", "order"]}),
        (
            "How it is done",
            {
                "fields": [
                    "kind",
                    "position",
                    "target_area",
                    "body_areas",
                    "equipment",
                    "equipment_needed",
                ]
            },
        ),
        (
            "How many, how long, how often",
            {
                "fields": [
                    ("repetitions", "sets", "rest_seconds"),
                    ("hold_seconds", "each_side", "side_label"),
                    ("times_per_day", "days_per_week"),
                    "directions",
                    "wording",
                    "dose_in_words",
                    "progression",
                    "dosage_source",
                    "dosage_confirmed",
                ],
                "description": "The numbers become one plain sentence on the exercise's page. "
                "Suggested doses follow published physiotherapy handouts; have the clinic's "
                "clinician check them, then tick “dose confirmed”.",
            },
        ),
        ("Why and with what care", {"fields": ["benefits", "safety_note"]}),
    ]

    readonly_fields = ["dose_in_words"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(step_count=Count("steps"))
            .prefetch_related("body_areas")
        )

    @admin.display(description="body areas")
    def areas(self, obj):
        return ", ".join(area.name for area in obj.body_areas.all())

    @admin.display(description="steps", ordering="step_count")
    def step_count(self, obj):
        return obj.step_count

    @admin.display(description="as patients read it")
    def dose_in_words(self, obj):
        words = obj.dose.describe() if obj.pk else ""
        return words or "Nothing yet: enter the numbers above and save."

    @admin.display(description="dose", ordering="dosage_confirmed")
    def dose_status(self, obj):
        if obj.dose.is_empty:
            return "missing"
        return "confirmed" if obj.dosage_confirmed else "suggested — for your clinician to confirm"

    def history_changes(self, request, record, previous):
        changes = super().history_changes(request, record, previous)
        if previous is not None and record.history_type == "~":
            changes += step_changes(record, previous)
        return changes

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """Show a version with its steps; reverting to it brings back those steps too."""
        record = get_object_or_404(Exercise.history, id=unquote(object_id), history_id=version_id)
        steps = steps_of_version(record)
        if request.method != "POST":
            live = ExerciseStep.objects.filter(exercise=record.id)
            current = {step.number: step.text for step in live}
            numbers = sorted({step.number for step in steps} | current.keys())
            then = {step.number: step.text for step in steps}
            context = {
                "version_steps": [
                    {"number": n, "then": then.get(n, ""), "now": current.get(n, "")}
                    for n in numbers
                ],
                **(extra_context or {}),
            }
            return super().history_form_view(request, object_id, version_id, context)
        with transaction.atomic():
            response = super().history_form_view(request, object_id, version_id, extra_context)
            if response.status_code == 302:
                restore_steps(Exercise.objects.get(pk=record.id), steps)
        return response


@admin.register(BodyArea)
class BodyAreaAdmin(ContentAdmin):
    list_display = ["name", "slug", "exercise_count", "order"]
    list_editable = ["order"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ("name",)}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(exercise_count=Count("exercises"))

    @admin.display(description="exercises", ordering="exercise_count")
    def exercise_count(self, obj):
        return obj.exercise_count


@admin.register(Equipment)
class EquipmentAdmin(BodyAreaAdmin):
    search_fields = ["name"]


class RoutineItemInline(admin.TabularInline):
    model = RoutineItem
    fields = [
        "position",
        "exercise",
        "repetitions",
        "sets",
        "hold_seconds",
        "times_per_day",
        "days_per_week",
        "dose_in_words",
    ]
    readonly_fields = ["dose_in_words"]
    ordering = ["position"]
    extra = 1
    view_on_site = False
    verbose_name_plural = "Exercises, in order (leave a number empty to use the exercise's own)"

    @admin.display(description="as patients read it")
    def dose_in_words(self, obj):
        if not obj.pk:
            return "Save to see the dose in words."
        words = obj.dose.describe()
        own = "" if obj.adjustment else " (the exercise's own dose)"
        return f"{words}{own}"


@admin.register(Routine)
class RoutineAdmin(ContentAdmin):
    inlines = [RoutineItemInline]
    list_display = ["name", "exercise_count", "order", "is_published", "updated_at"]
    list_display_links = ["name"]
    list_editable = ["order", "is_published"]
    list_filter = ["is_published"]
    search_fields = ["name", "summary", "purpose", "items__exercise__name"]
    prepopulated_fields = {"slug": ("name",)}
    fieldsets = [
        (None, {"fields": ["name", "slug", "summary", "is_published", "order"]}),
        ("Why these exercises", {"fields": ["purpose"]}),
    ]
    formfield_overrides = WIDE_TEXT

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(exercise_count=Count("items"))

    @admin.display(description="exercises", ordering="exercise_count")
    def exercise_count(self, obj):
        return obj.exercise_count

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """Revert to a version (or undo a deletion) and bring back that version's exercises too."""
        if request.method != "POST":
            return super().history_form_view(request, object_id, version_id, extra_context)
        record = get_object_or_404(Routine.history, id=unquote(object_id), history_id=version_id)
        items = items_of_version(record)
        with transaction.atomic():
            response = super().history_form_view(request, object_id, version_id, extra_context)
            if response.status_code == 302:
                restore_items(Routine.objects.get(pk=record.id), items)
        return response
