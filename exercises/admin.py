from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Count
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from backcare.admin import WIDE_TEXT, ContentAdmin, VersionLinksForm

from . import drawing, figures, photos
from .figure_forms import FIGURE_FIELDS, PhotoForm, PoseForm, PoseFormSet, drawing_problems
from .history import (
    items_of_version,
    pose_changes,
    pose_summary,
    poses_of_version,
    restore_items,
    restore_poses,
    restore_steps,
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
)
from .routines import ADJUSTABLE


class ExerciseStepInline(admin.TabularInline):
    model = ExerciseStep
    fields = ["number", "text"]
    ordering = ["number"]
    extra = 1
    view_on_site = False
    formfield_overrides = WIDE_TEXT


class ExercisePoseInline(admin.StackedInline):
    """The figure's poses: each angle a number box, grouped by body part and folded away."""

    model = ExercisePose
    form = PoseForm
    formset = PoseFormSet
    ordering = ["order"]
    view_on_site = False
    classes = ["exercise-poses"]
    verbose_name = "pose of the figure"
    verbose_name_plural = "poses of the figure (drawn from left to right)"

    def get_extra(self, request, obj=None, **kwargs):
        # A new figure starts with a start and an end to fill in; an existing one adds by link.
        return 0 if obj is not None and obj.poses.exists() else 2

    def get_fieldsets(self, request, obj=None):
        about = [("order", "caption", "posture"), "alt_text", "arrows"]
        return [(None, {"fields": about})] + [
            (
                group,
                # One angle a row (the admin opens a folded group with an error only then);
                # the stylesheet sets them three to a row.
                {"fields": names, "classes": ["collapse", "angles"]},
            )
            for group, names in figures.angle_groups()
        ]


class ExercisePhotoInline(admin.StackedInline):
    """Photos of the exercise: where there is one, it comes first and the figure follows."""

    model = ExercisePhoto
    form = PhotoForm
    extra = 0
    ordering = ["order", "pk"]
    view_on_site = False
    readonly_fields = ["thumbnail"]
    fields = ["thumbnail", "upload", "alt_text", ("credit", "licence"), "source_url", "order"]
    verbose_name_plural = "photos (shown before the figure; deleting one removes its files)"

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
        if not any(name in self.errors for name in ("figure_view", *FIGURE_FIELDS)):
            for problem in drawing_problems(cleaned):
                self.add_error("figure_props", problem)
        return cleaned


@admin.register(Exercise)
class ExerciseAdmin(ContentAdmin):
    formfield_overrides = WIDE_TEXT
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
        (
            "How it is drawn",
            {
                "fields": [
                    "figure_preview",
                    "figure_view",
                    "figure_props",
                    "figure_highlight",
                    "figure_in_front",
                ],
                "description": "The figure is drawn from the poses below. Change an angle, then "
                "press “Preview the drawing” to see it without saving, or save to show it on the "
                "site.",
            },
        ),
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

    @admin.display(description="the figure")
    def figure_preview(self, obj):
        name = f"{self.opts.app_label}_{self.opts.model_name}_figure_preview"
        url = reverse(f"{self.admin_site.name}:{name}", args=[obj.pk] if obj.pk else [])
        button = format_html(
            '<p><button type="submit" class="button" formaction="{}" formtarget="_blank" '
            "formnovalidate>Preview the drawing</button> Shows the figure as it is in this form, "
            "in a new tab, without saving.</p>",
            url,
        )
        if obj.pk is None:
            return format_html("{}<p>Add the poses below to draw it.</p>", button)
        problems = drawing.figure_problems(obj.figure_data())
        drawn = drawing.figure_html(obj)
        if problems or not drawn:
            return format_html(
                "{}<p>As saved, no figure is shown: {}</p>", button, " ".join(problems)
            )
        return format_html("{}<p>As saved:</p>{}", button, drawn)

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}_figure_preview"
        view = self.admin_site.admin_view(self.figure_preview_view)
        return [
            path("figure-preview/", view, name=name),
            path("<path:object_id>/figure-preview/", view, name=name),
            *super().get_urls(),
        ]

    def figure_preview_view(self, request, object_id=None):
        """Draw the figure from the change form's data as posted, without saving anything."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        obj = None
        if object_id is not None:
            obj = self.get_object(request, object_id)
            if obj is None:
                raise Http404("No such exercise.")
        allowed = (
            self.has_change_permission(request, obj)
            if obj is not None
            else self.has_add_permission(request)
        )
        if not allowed:
            raise PermissionDenied
        form = self.get_form(request, obj, change=obj is not None)(request.POST, instance=obj)
        form.is_valid()
        exercise = form.instance
        inline = ExercisePoseInline(self.model, self.admin_site)
        formset = inline.get_formset(request, obj)(request.POST, instance=exercise, prefix="poses")
        problems = [
            f"{form.fields[name].label}: {error}"
            for name in ("figure_view", *FIGURE_FIELDS)
            for error in form.errors.get(name, [])
        ]
        if not problems and formset.is_valid():
            figure = getattr(formset, "figure", None)
            if figure is None:
                problems.append("There are no poses to draw: add a start and an end position.")
        else:
            problems += [str(error) for error in formset.non_form_errors()]
            for pose_form in formset.forms:
                label = pose_form.data.get(f"{pose_form.prefix}-caption") or "a new pose"
                for field, errors in pose_form.errors.items():
                    where = str(pose_form.fields[field].label) if field in pose_form.fields else ""
                    for error in errors:
                        # Most messages name their field already ("Right elbow bend goes from").
                        named = not where or where.split(" (")[0] in error
                        problems.append(f"Pose “{label}”: {'' if named else where + ': '}{error}")
            figure = None
        drawn = ""
        if figure is not None and not problems:
            # Everything the renderer writes is escaped by it.
            drawn = mark_safe(  # noqa: S308
                figures.render_sequence(
                    figure,
                    name=exercise.name or "New exercise",
                    id_prefix="preview",
                    animate=True,
                    expanded=True,
                )
            )
        context = {
            **self.admin_site.each_context(request),
            "title": f"Preview of the figure of {exercise.name or 'a new exercise'}",
            "opts": self.opts,
            "original": obj,
            "problems": problems,
            "drawn": drawn,
        }
        return TemplateResponse(request, "admin/exercises/exercise/figure_preview.html", context)

    @admin.display(description="dose", ordering="dosage_confirmed")
    def dose_status(self, obj):
        if obj.dose.is_empty:
            return "missing"
        return "confirmed" if obj.dosage_confirmed else "suggested — for your clinician to confirm"

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        # A deleted photo's files go with it, once the deletion is saved.
        for obj in getattr(formset, "deleted_objects", []):
            if isinstance(obj, ExercisePhoto):
                transaction.on_commit(lambda files=obj.renditions: photos.delete_files(files))

    def delete_model(self, request, obj):
        self._delete_photo_files(ExercisePhoto.objects.filter(exercise=obj))
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        self._delete_photo_files(ExercisePhoto.objects.filter(exercise__in=queryset))
        super().delete_queryset(request, queryset)

    @staticmethod
    def _delete_photo_files(photo_rows):
        for files in photo_rows.values_list("renditions", flat=True):
            transaction.on_commit(lambda files=files: photos.delete_files(files))

    def history_changes(self, request, delta):
        changes = super().history_changes(request, delta)
        if delta.new_record.history_type == "~":
            record, previous = delta.new_record, delta.old_record
            changes += step_changes(record, previous) + pose_changes(record, previous)
        return changes

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """Show a version with its steps and poses; reverting to it brings them back too."""
        record = get_object_or_404(Exercise.history, id=object_id, history_id=version_id)
        steps, poses = steps_of_version(record), poses_of_version(record)
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
                "version_poses": [
                    {"number": n, "then": poses_then.get(n, ""), "now": live_poses.get(n, "")}
                    for n in sorted(poses_then.keys() | live_poses.keys())
                ],
                **(extra_context or {}),
            }
            return super().history_form_view(request, object_id, version_id, context)
        with transaction.atomic():
            response = super().history_form_view(request, object_id, version_id, extra_context)
            if response.status_code == 302:
                exercise = Exercise.objects.get(pk=record.id)
                restore_steps(exercise, steps)
                restore_poses(exercise, poses)
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
        record = get_object_or_404(Routine.history, id=object_id, history_id=version_id)
        items = items_of_version(record)
        with transaction.atomic():
            response = super().history_form_view(request, object_id, version_id, extra_context)
            if response.status_code == 302:
                restore_items(Routine.objects.get(pk=record.id), items)
        return response
