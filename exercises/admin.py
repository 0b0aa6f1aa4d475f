from django import forms
from django.contrib import admin, messages
from django.contrib.admin.views.main import ChangeList
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.db.models import Count
from django.utils.html import format_html

from backcare.admin import WIDE_TEXT, ContentAdmin, StaffFields, VersionLinksForm
from backcare.signoff import with_gated_values_approved
from backcare.signoff_admin import SignOffAdmin

from .admin_figures import FIGURE_FIELDSETS, ExercisePoseInline, FigurePreviewAdmin
from .figure_forms import FIGURE_FIELDS, PhotoForm, drawing_problems, keep_unticked_order
from .forms import PartForm, RenumberedFormSet
from .history import (
    item_changes,
    item_rows,
    items_of_version,
    photo_changes,
    photo_summary,
    photos_of_version,
    pose_changes,
    pose_summary,
    poses_of_version,
    restore_items,
    restore_photos,
    restore_poses,
    restore_routine_places,
    restore_steps,
    routine_places_lost_with,
    step_changes,
    steps_of_version,
)
from .models import (
    BodyArea,
    Equipment,
    Exercise,
    ExercisePhoto,
    ExercisePose,
    ExerciseStep,
    Routine,
    RoutineItem,
    StepOrigin,
)
from .routines import ADJUSTABLE

TEXT_FIELDSET = "What it says"
DOSE_FIELDSET = "How many, how long, how often"


class ExerciseStepInline(StaffFields, admin.TabularInline):
    model = ExerciseStep
    form = PartForm
    formset = RenumberedFormSet
    after_fieldset = TEXT_FIELDSET
    fields = ["number", "text", "origin", "article_text", "count_follows_dose"]
    ordering = ["number"]
    extra = 1
    view_on_site = False
    # Beside the step's origin and the article's words, a step wraps onto lines of its own box.
    formfield_overrides = {
        models.CharField: {"widget": forms.Textarea(attrs={"rows": 3, "cols": 40})},
    }

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        # A step staff write in is theirs, not the article's, until they say otherwise: it tells
        # patients so and is listed for clinical review (the fixtures name each step's origin).
        if db_field.name == "origin":
            kwargs["initial"] = StepOrigin.ADDED
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class ExercisePhotoInline(StaffFields, admin.StackedInline):
    """Photos of the exercise: where there is one, it comes first and the figure follows."""

    model = ExercisePhoto
    after_fieldset = DOSE_FIELDSET
    form = PhotoForm
    extra = 0
    ordering = ["order", "pk"]
    view_on_site = False
    readonly_fields = ["thumbnail"]
    fields = ["thumbnail", "upload", "alt_text", ("credit", "licence"), "source_url", "order"]
    verbose_name_plural = (
        "photos (shown before the figure; a deleted one can be restored from the history)"
    )

    @admin.display(description="as it is served")
    def thumbnail(self, obj):
        if not obj.renditions:
            return "Not uploaded yet."
        small = obj.renditions[0]
        return format_html(
            '<img src="{}" width="{}" height="{}" alt="{}"> {} × {} pixels, in {} sizes',
            default_storage.url(small["jpeg"]),
            small["width"],
            small["height"],
            obj.alt_text,
            obj.width,
            obj.height,
            len(obj.renditions),
        )


class ExerciseAdminForm(VersionLinksForm):
    """The exercise form; when reverting, it starts from the chosen version's areas and equipment."""

    version_links = ("body_areas", "equipment")

    figure_props = FIGURE_FIELDS["figure_props"](
        label="Props in the drawing",
        help_text="Drawn in light grey. Tick one of each at most.",
    )
    figure_highlight = FIGURE_FIELDS["figure_highlight"](
        label="Parts drawn in colour",
        help_text="Leave them all unticked to colour the parts that move between the poses.",
    )
    figure_in_front = FIGURE_FIELDS["figure_in_front"](
        label="Drawn in front",
        help_text="Parts drawn over the rest, e.g. an arm whose hand rests on the head.",
    )

    def clean(self):
        cleaned = super().clean()
        keep_unticked_order(self, FIGURE_FIELDS)
        if not any(name in self.errors for name in ("figure_view", *FIGURE_FIELDS)):
            for problem in drawing_problems(cleaned):
                self.add_error("figure_props", problem)
        return cleaned


class ChangedStepsFilter(admin.SimpleListFilter):
    """Exercises with steps adapted or added by the clinic, for clinical review."""

    title = "steps changed from the article"
    parameter_name = "steps_changed"

    def lookups(self, request, model_admin):
        return [("yes", "Adapted or added by the clinic"), ("no", "The article's words only")]

    def queryset(self, request, queryset):
        changed = ExerciseStep.objects.changed_from_article().values("exercise")
        if self.value() == "yes":
            return queryset.filter(pk__in=changed)
        if self.value() == "no":
            return queryset.exclude(pk__in=changed)
        return queryset


class DoseChangeList(ChangeList):
    """The exercise list, with whether a reviewer approved each dose found in one query."""

    def get_results(self, request):
        super().get_results(request)
        approved = with_gated_values_approved(self.result_list)
        for exercise in self.result_list:
            exercise.dose_approved = exercise.pk in approved


@admin.register(Exercise)
class ExerciseAdmin(SignOffAdmin, FigurePreviewAdmin, ContentAdmin):
    # A sentence or two each: three lines of box show them whole.
    formfield_overrides = {
        **WIDE_TEXT,
        models.TextField: {"widget": forms.Textarea(attrs={"rows": 3, "cols": 90})},
    }
    form = ExerciseAdminForm
    inlines = [ExerciseStepInline, ExercisePoseInline, ExercisePhotoInline]
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
        "kind",
        "position",
        "body_areas",
        "equipment",
        ChangedStepsFilter,
    ]
    search_fields = ["name", "summary", "target_area", "benefits", "steps__text"]
    prepopulated_fields = {"slug": ("name",)}
    filter_horizontal = ["body_areas", "equipment"]
    object_history_form_template = "admin/exercises/exercise/history_form.html"
    # What staff change most comes first: the words, the steps, the dose, the photos. Each inline
    # follows the fieldset its `after_fieldset` names (admin/exercises/exercise/change_form.html).
    fieldsets = [
        (
            TEXT_FIELDSET,
            {"fields": ["name", "summary", "benefits", "safety_note", "is_published"]},
        ),
        (
            DOSE_FIELDSET,
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
                ],
                "description": "The numbers become one plain sentence on the exercise's page. "
                "Suggested doses follow published physiotherapy handouts. A change to the numbers "
                "waits for a clinical reviewer's approval; until a reviewer has approved a dose, "
                "the page says it is suggested by this guide.",
            },
        ),
        (
            "Where it is listed: kind, body areas, equipment, address",
            {
                "fields": [
                    "kind",
                    "position",
                    "target_area",
                    "body_areas",
                    "equipment",
                    "equipment_needed",
                    "slug",
                    "order",
                ],
                "classes": ["collapse"],
            },
        ),
        *FIGURE_FIELDSETS,
    ]

    readonly_fields = ["dose_in_words", "figure_preview"]

    class Media:
        css = {"all": ["css/admin.css", "css/figures.css", "css/figures-motion.css"]}

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

    def get_changelist(self, request, **kwargs):
        return DoseChangeList

    @admin.display(description="dose")
    def dose_status(self, obj):
        if obj.dose.is_empty:
            return "missing"
        approved = getattr(obj, "dose_approved", None)
        if approved is None:
            approved = bool(with_gated_values_approved([obj]))
        # The dose itself, then whether a clinician approved it (a staff QA pass: the column said
        # only "suggested — for a clinical reviewer to approve", never the dose).
        return f"{obj.dose.describe()} ({'approved' if approved else 'not yet approved'})"

    def history_changes(self, request, delta):
        changes = super().history_changes(request, delta)
        if delta.new_record.history_type == "~":
            record, previous = delta.new_record, delta.old_record
            changes += step_changes(record, previous) + pose_changes(record, previous)
            changes += photo_changes(record, previous)
        return changes

    def delete_view(self, request, object_id, extra_context=None):
        # The routines it leaves, by name and place (the page said only "1 exercise in the routine").
        items = RoutineItem.objects.filter(exercise_id=object_id).select_related("routine")
        in_routines = [
            f"{item.routine.name} (exercise {item.position})"
            for item in items.order_by("routine__order", "routine__name")
        ]
        extra_context = {**(extra_context or {}), "in_routines": in_routines}
        return super().delete_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """Show a version with its steps, poses and photos; reverting brings them back too."""
        record = self.history_record(object_id, version_id)
        steps, poses = steps_of_version(record), poses_of_version(record)
        photos_then = photos_of_version(record)
        if request.method != "POST":
            live = ExerciseStep.objects.filter(exercise=record.id)
            current = {step.number: step.text for step in live}
            numbers = sorted({step.number for step in steps} | current.keys())
            then = {step.number: step.text for step in steps}
            live_poses = {
                pose.order: pose_summary(pose)
                for pose in ExercisePose.objects.filter(exercise=record.id)
            }
            poses_then = {pose.order: pose_summary(pose) for pose in poses}
            context = {
                "version_steps": [
                    {"number": n, "then": then.get(n, ""), "now": current.get(n, "")}
                    for n in numbers
                ],
                "version_photos": photo_rows(
                    photos_then, ExercisePhoto.objects.filter(exercise=record.id)
                ),
                "version_poses": [
                    {"number": n, "then": poses_then.get(n, ""), "now": live_poses.get(n, "")}
                    for n in sorted(poses_then.keys() | live_poses.keys())
                ],
                **(extra_context or {}),
            }
            return super().history_form_view(request, object_id, version_id, context)
        # Undoing a deletion also puts it back in the ready-made routines it was taken from.
        routine_places = (
            []
            if Exercise.objects.filter(pk=record.id).exists()
            else routine_places_lost_with(record.id)
        )
        with transaction.atomic():
            response = super().history_form_view(request, object_id, version_id, extra_context)
            if response.status_code == 302:
                exercise = Exercise.objects.get(pk=record.id)
                restore_steps(exercise, steps)
                restore_poses(exercise, poses)
                restore_photos(exercise, photos_then)
                restore_routine_places(exercise, routine_places)
        return response


def photo_rows(then: list, live) -> list[dict]:
    """Return a version's photos beside the live ones, as _version_children.html lists them."""
    then_words = {photo.pk: photo_summary(photo) for photo in then}
    now_words = {photo.pk: photo_summary(photo) for photo in live}
    numbers = {photo.pk: photo.order for photo in [*live, *then]}
    return [
        {"number": numbers[pk], "then": then_words.get(pk, ""), "now": now_words.get(pk, "")}
        for pk in sorted(numbers, key=lambda pk: (numbers[pk], pk))
    ]


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

    def deletion_blockers(self, obj) -> list[str]:
        # Deleting it would drop it from these exercises silently, and bringing it back from
        # "Recently deleted" would not put it back on them.
        names = [exercise.name for exercise in obj.exercises.order_by("order", "name")]
        if not names:
            return super().deletion_blockers(obj)
        return [f"Exercises list it: {', '.join(names)}. Take it off them first."]


@admin.register(Equipment)
class EquipmentAdmin(BodyAreaAdmin):
    search_fields = ["name"]


class RoutineItemInline(StaffFields, admin.TabularInline):
    model = RoutineItem
    fields = ["position", "exercise", *ADJUSTABLE, "dose_in_words"]
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
    object_history_form_template = "admin/exercises/routine/history_form.html"
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

    def history_changes(self, request, delta):
        changes = super().history_changes(request, delta)
        if delta.new_record.history_type == "~":
            changes += item_changes(delta.new_record, delta.old_record)
        return changes

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        routine = form.instance
        published = routine.items.filter(exercise__is_published=True).count()
        if routine.is_published and not published:
            # It would leave the site with "changed successfully" and nothing more said.
            self.message_user(
                request,
                f"“{routine}” has no published exercise now, so patients no longer see it. Add "
                "an exercise, or publish one of its exercises, to show it again.",
                messages.WARNING,
            )
        elif routine.is_published and published < routine.items.count():
            self.message_user(
                request,
                f"Some of “{routine}”'s exercises are drafts: patients see it without them until "
                "they are published.",
                messages.WARNING,
            )

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """Show a version with its exercises (the page showed none); reverting brings them back."""
        record = self.history_record(object_id, version_id)
        items = items_of_version(record)
        if request.method != "POST":
            live = list(RoutineItem.objects.filter(routine=record.id))
            context = {"version_items": item_rows(items, live), **(extra_context or {})}
            return super().history_form_view(request, object_id, version_id, context)
        with transaction.atomic():
            response = super().history_form_view(request, object_id, version_id, extra_context)
            if response.status_code == 302:
                restore_items(Routine.objects.get(pk=record.id), items)
        return response
