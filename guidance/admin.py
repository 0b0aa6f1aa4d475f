from django.contrib import admin

from backcare.admin import ContentAdmin

from .models import (
    AdviceChecklist,
    Cause,
    ClinicDetails,
    GuideText,
    HomeRemedy,
    LifestyleChange,
    PreventionTip,
    SeekHelpSign,
    WarningSign,
)

ADDED_TO_THE_ARTICLE = (
    "Added to the article for this site, in plain words, from published guidance (NHS, NICE CKS, "
    "NHS inform); it is not part of the clinic's article. Please have a clinician check it, "
    "correct anything that differs from the clinic's advice, and update the reviewed date."
)


class GuideItemAdmin(ContentAdmin):
    """The admin shared by every kind of guide item (causes, remedies, tips, signs...)."""

    list_display = ["title", "added_text", "reviewed_on", "order", "is_published", "updated_at"]
    list_display_links = ["title"]
    list_editable = ["order", "is_published"]
    list_filter = ["is_published", "reviewed_on"]
    list_select_related = ["checklist"]
    search_fields = ["title", "body", "summary", "more", "do", "dont"]
    prepopulated_fields = {"slug": ("title",)}
    fieldsets = [
        (
            "From the clinic's article",
            {"fields": ["title", "slug", "body", "order", "is_published"]},
        ),
        (
            "Added to the article — for the clinic to review",
            {
                "fields": [
                    "summary",
                    "more",
                    ("do", "dont"),
                    "checklist",
                    "source",
                    "source_urls",
                    "reviewed_on",
                ],
                "description": ADDED_TO_THE_ARTICLE,
            },
        ),
    ]

    @admin.display(description="added to the article", boolean=True)
    def added_text(self, obj):
        return obj.has_added_text


@admin.register(AdviceChecklist)
class AdviceChecklistAdmin(ContentAdmin):
    list_display = ["title", "reviewed_on", "is_published", "updated_at"]
    search_fields = ["title", "intro", "items"]
    prepopulated_fields = {"slug": ("title",)}
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "title",
                    "slug",
                    "intro",
                    "items",
                    "source",
                    "reviewed_on",
                    "is_published",
                ],
                "description": ADDED_TO_THE_ARTICLE,
            },
        )
    ]


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


@admin.register(GuideText)
class GuideTextAdmin(ContentAdmin):
    list_display = ["__str__", "title", "updated_at"]
    search_fields = ["title", "body"]
    fields = ["key", "title", "body"]

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
