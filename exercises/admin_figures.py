"""An exercise's figure in the admin: its poses, the figure as saved, and a preview of the form.

"Preview the drawing" posts the change form, as it is, to a page of its own that draws the figure
in a new tab without saving anything.
"""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from backcare.admin import StaffFields

from . import drawing, figures
from .figure_forms import FIGURE_FIELDS, PoseForm, PoseFormSet, arrow_fieldsets
from .models import ExercisePose

FIGURE_FIELDSETS = [
    (
        "The figure",
        {
            "fields": ["figure_preview"],
            "description": "The figure is drawn from the poses below. Change an angle, then "
            "press “Preview the drawing” to see it without saving, or save to show it on the "
            "site.",
        },
    ),
    (
        "How the figure is drawn: view, props and colours",
        {
            "fields": ["figure_view", "figure_props", "figure_highlight", "figure_in_front"],
            "classes": ["collapse"],
        },
    ),
]


class ExercisePoseInline(StaffFields, admin.StackedInline):
    """The figure's poses: each angle a number box, grouped by body part and folded away."""

    model = ExercisePose
    form = PoseForm
    formset = PoseFormSet
    ordering = ["order"]
    view_on_site = False
    classes = ["exercise-poses"]
    verbose_name = "pose of the figure"
    verbose_name_plural = "poses of the figure (drawn from left to right)"
    # Where the exercise's change form shows it (templates/admin/exercises/exercise/change_form.html).
    after_fieldset = FIGURE_FIELDSETS[-1][0]

    def get_extra(self, request, obj=None, **kwargs):
        # A new figure starts with a start and an end to fill in; an existing one adds by link.
        return 0 if obj is not None and obj.poses.exists() else 2

    def get_fieldsets(self, request, obj=None):
        about = [("order", "caption", "posture"), "alt_text"]
        # Rarely changed, so folded like the angles: the edit page stays short (issue 19).
        own = ("Only this pose", {"fields": ["highlight", "view"], "classes": ["collapse"]})
        return [(None, {"fields": about}), own, *arrow_fieldsets()] + [
            (
                group,
                # One angle a row (the admin opens a folded group with an error only then);
                # the stylesheet sets them three to a row.
                {"fields": names, "classes": ["collapse", "angles"]},
            )
            for group, names in figures.angle_groups()
        ]


def preview_problems(form, formset) -> list[str]:
    """Return what stops the posted figure being drawn, each naming the pose and field."""
    problems = [
        f"{form.fields[name].label}: {error}"
        for name in ("figure_view", *FIGURE_FIELDS)
        for error in form.errors.get(name, [])
    ]
    if not problems and formset.is_valid():
        if getattr(formset, "figure", None) is None:
            problems.append("There are no poses to draw: add a start and an end position.")
        return problems
    problems += [str(error) for error in formset.non_form_errors()]
    for pose_form in formset.forms:
        label = pose_form.data.get(f"{pose_form.prefix}-caption") or "a new pose"
        for field, errors in pose_form.errors.items():
            where = str(pose_form.fields[field].label) if field in pose_form.fields else ""
            for error in errors:
                # Most messages name their field already ("Right elbow bend goes from").
                named = not where or where.split(" (")[0] in error
                problems.append(f"Pose “{label}”: {'' if named else where + ': '}{error}")
    return problems


class FigurePreviewAdmin:
    """ExerciseAdmin's figure: the figure as saved (a read-only field) and the preview page."""

    @property
    def figure_preview_url_name(self):
        return f"{self.opts.app_label}_{self.opts.model_name}_figure_preview"

    @admin.display(description="the figure")
    def figure_preview(self, obj):
        url = reverse(
            f"{self.admin_site.name}:{self.figure_preview_url_name}",
            args=[obj.pk] if obj.pk else [],
        )
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
        view = self.admin_site.admin_view(self.figure_preview_view)
        name = self.figure_preview_url_name
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
        problems = preview_problems(form, formset)
        figure = None if problems else getattr(formset, "figure", None)
        drawn = ""
        if figure is not None:
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
