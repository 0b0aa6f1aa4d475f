from django.contrib import admin

from backcare.admin import ContentAdmin

from .models import (
    Cause,
    ClinicDetails,
    GuideText,
    HomeRemedy,
    LifestyleChange,
    PreventionTip,
    SeekHelpSign,
    WarningSign,
)
from .sections import section_for_text


class GuideItemAdmin(ContentAdmin):
    """The admin shared by every kind of guide item (causes, remedies, tips, signs...)."""

    list_display = ["title", "order", "is_published", "updated_at"]
    list_display_links = ["title"]
    list_editable = ["order", "is_published"]
    list_filter = ["is_published"]
    search_fields = ["title", "body"]
    prepopulated_fields = {"slug": ("title",)}
    fields = ["title", "slug", "body", "order", "is_published"]


@admin.register(Cause)
class CauseAdmin(GuideItemAdmin):
    pass


@admin.register(HomeRemedy)
class HomeRemedyAdmin(GuideItemAdmin):
    pass


@admin.register(LifestyleChange)
class LifestyleChangeAdmin(GuideItemAdmin):
    pass


@admin.register(PreventionTip)
class PreventionTipAdmin(GuideItemAdmin):
    pass


@admin.register(SeekHelpSign)
class SeekHelpSignAdmin(GuideItemAdmin):
    pass


def title_help(key: str) -> str:
    """Say where a framing text's title shows, in the editor's terms."""
    section = section_for_text(key)
    if section is not None:
        return (
            f"The main heading of the “{section.title}” page. Leave it empty to use "
            f"“{section.title}”."
        )
    if key == GuideText.Key.INTRODUCTION:
        return "The main heading of the home page. Leave it empty to use “Upper back pain relief”."
    return "The heading above this text on the home page. Leave it empty for no heading."


@admin.register(GuideText)
class GuideTextAdmin(ContentAdmin):
    list_display = ["__str__", "title", "updated_at"]
    search_fields = ["title", "body"]

    def get_fields(self, request, obj=None):
        # A one-line text has no heading on the page: offering a title would promise what is not.
        if obj is not None and obj.key in GuideText.UNTITLED:
            return ["key", "body"]
        return ["key", "title", "body"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        if obj is not None and "title" in form.base_fields:
            form.base_fields["title"].help_text = title_help(obj.key)
        return form

    def get_readonly_fields(self, request, obj=None):
        return ["key"] if obj else []

    def has_add_permission(self, request):
        # Each place in the guide has one text; a new one only makes sense for a missing place.
        existing = GuideText.objects.values_list("key", flat=True)
        return super().has_add_permission(request) and len(set(existing)) < len(GuideText.Key)


@admin.register(ClinicDetails)
class ClinicDetailsAdmin(ContentAdmin):
    list_display = ["name", "phone", "email", "updated_at"]
    fieldsets = [
        (None, {"fields": ["name", "phone", "email", "address", "hours"]}),
        ("Call to action", {"fields": ["cta_heading", "cta_body"]}),
    ]

    def has_add_permission(self, request):
        # One clinic: its details are edited, never added a second time.
        return super().has_add_permission(request) and not ClinicDetails.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(WarningSign)
class WarningSignAdmin(ContentAdmin):
    list_display = [
        "question",
        "urgency",
        "group",
        "source",
        "reviewed_on",
        "order",
        "is_published",
    ]
    list_display_links = ["question"]
    list_editable = ["order", "is_published"]
    list_filter = ["urgency", "group", "is_published"]
    search_fields = ["question", "why", "source", "slug"]
    prepopulated_fields = {"slug": ("question",)}
    fieldsets = [
        (None, {"fields": ["question", "slug", "why", "group", "order", "is_published"]}),
        (
            "Clinical rule",
            {
                "fields": ["urgency", "source", "reviewed_on"],
                "description": "The urgency decides the checklist's answer. Have a clinician "
                "approve any change, then update the reviewed-on date.",
            },
        ),
    ]
