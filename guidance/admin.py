from django.contrib import admin
from django.db.models import Count
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join

from backcare.admin import WIDE_TEXT, ContentAdmin, VersionLinksForm
from backcare.signoff_admin import SignOffAdmin

from .models import (
    AdviceChecklist,
    Cause,
    ClinicDetails,
    CombinationRule,
    GuideText,
    HomeRemedy,
    LifestyleChange,
    PreventionTip,
    RedFlag,
    SeekHelpSign,
    WarningSign,
)
from .outcomes import outcome_changes
from .review import checklist_level, flag_problems, rule_in_words, rule_problems
from .sections import section_for_text
from .triage import combination_problems, level_name

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


class ChecklistAdmin(ContentAdmin):
    """The checklist's questions, rules and red flags: long sentences, one stylesheet."""

    formfield_overrides = WIDE_TEXT

    class Media:
        css = {"all": ["css/admin-checklist.css"]}


class TriageSignOffAdmin(SignOffAdmin):
    """A change to the triage's rules waits for a reviewer, who sees the test patients it moves.

    Deleting one would not wait: a question or rule on the checklist is taken off it by unticking
    "Published", which a reviewer approves, and only then deleted.
    """

    def deletion_blockers(self, obj) -> list[str]:
        if not obj.is_published:
            return super().deletion_blockers(obj)
        return [
            "It is on the checklist. To take it off, untick “Published” and save: a clinical "
            "reviewer approves that first. Once it is off the checklist it can be deleted."
        ]

    def pending_effects(self, change) -> list:
        return outcome_changes(self.model, change.object_id, change.values)


@admin.register(WarningSign)
class WarningSignAdmin(TriageSignOffAdmin, ChecklistAdmin):
    list_display = [
        "question",
        "level",
        "asked_in",
        "source",
        "reviewed_on",
        "red_flag_count",
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
                "description": "The urgency decides the checklist's answer. A change to it, to "
                "the question's words, to why it matters, to the heading or to whether it is "
                "published waits for a clinical reviewer's approval; until then the checklist "
                "keeps the approved version.",
            },
        ),
        (
            "In the site's search",
            {
                "fields": ["in_short", "search_words"],
                "description": "A search for these words shows the sign in a few words, with why "
                "it matters, above every result. A change to the few words waits for a reviewer.",
            },
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(red_flag_count=Count("red_flags"))

    @admin.display(description="urgency", ordering="urgency")
    def level(self, obj):
        return level_name(obj.urgency)

    @admin.display(description="asked", ordering="group")
    def asked_in(self, obj):
        if obj.is_emergency:
            return "Step 1: emergency signs"
        return f"Step 2: {obj.get_group_display()}"

    @admin.display(description="red flags", ordering="red_flag_count")
    def red_flag_count(self, obj):
        return obj.red_flag_count


class CombinationRuleAdminForm(VersionLinksForm):
    """Refuse a rule that could never mean anything; when reverting, start from that version's
    questions."""

    version_links = ("all_of", "any_of")

    def clean(self):
        cleaned_data = super().clean()
        all_of, any_of = cleaned_data.get("all_of"), cleaned_data.get("any_of")
        min_any = cleaned_data.get("min_any")
        if all_of is None or any_of is None or min_any is None:
            return cleaned_data
        slugs = [sign.slug for sign in all_of], [sign.slug for sign in any_of]
        for problem in combination_problems(*slugs, min_any if any_of else 0):
            self.add_error(None, problem)
        return cleaned_data


@admin.register(CombinationRule)
class CombinationRuleAdmin(TriageSignOffAdmin, ChecklistAdmin):
    form = CombinationRuleAdminForm
    # "check" says when a rule is a draft; the published filter lists drafts.
    list_display = ["summary", "in_words", "source_and_review", "status"]
    list_display_links = ["summary"]
    list_filter = ["urgency", "is_published"]
    search_fields = ["summary", "why", "source", "slug", "clinical_basis"]
    prepopulated_fields = {"slug": ("summary",)}
    filter_horizontal = ["all_of", "any_of"]
    readonly_fields = ["in_words"]
    fieldsets = [
        (None, {"fields": ["summary", "slug", "why", "order", "is_published"]}),
        (
            "When it fires",
            {
                "fields": ["all_of", "any_of", "min_any", "in_words"],
                "description": "The rule fires when every “must have” question is ticked and at "
                "least “how many” of the “and any of” questions are. It can only raise the "
                "level, never lower it.",
            },
        ),
        (
            "Clinical rule",
            {
                "fields": ["urgency", "source", "clinical_basis", "reviewed_on"],
                "description": "Have a clinician approve any change, then update the "
                "reviewed-on date.",
            },
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).with_signs()

    @admin.display(description="the rule in words", ordering="urgency")
    def in_words(self, obj):
        return rule_in_words(obj) if obj.pk else "Save the rule to see it in words."

    @admin.display(description="source", ordering="source")
    def source_and_review(self, obj):
        return format_html(
            "{}<br><small>Reviewed {}</small>", obj.source, date_format(obj.reviewed_on)
        )

    @admin.display(description="check")
    def status(self, obj):
        problems = rule_problems(obj)
        if not obj.is_published:
            problems.insert(0, "A draft: it does not count.")
        if not problems:
            return "Counts on the checklist"
        return format_html_join("", "<p>{}</p>", ((problem,) for problem in problems))


@admin.register(RedFlag)
class RedFlagAdmin(SignOffAdmin, ChecklistAdmin):
    list_display = ["flag", "decision_and_levels", "question", "reason_and_source"]
    list_display_links = ["flag"]
    list_filter = ["decision", "category", "guidance_level"]
    search_fields = ["flag", "reason", "source", "slug", "warning_sign__question"]
    list_select_related = ["warning_sign"]
    prepopulated_fields = {"slug": ("flag",)}
    fieldsets = [
        (None, {"fields": ["flag", "slug", "category", "source", "guidance_level", "order"]}),
        (
            "Decision",
            {
                "fields": ["decision", "warning_sign", "reason", "reviewed_on"],
                "description": "Asked or folded: a checklist question covers the flag and gives "
                "at least the guidance's level. Combination: the question raises the level only "
                "with another sign, through a combination rule. Set aside: not asked, for the "
                "reason given. Have a clinician approve any change.",
            },
        ),
    ]

    def deletion_blockers(self, obj) -> list[str]:
        return [
            "A red flag of the clinical guidance stays on record with what the checklist does "
            "about it. To change that, change its decision: a clinical reviewer approves it."
        ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related(
                "warning_sign__combinations_needing", "warning_sign__combinations_choosing"
            )
        )

    @admin.display(description="reason", ordering="category")
    def reason_and_source(self, obj):
        return format_html(
            "{}<br><small>{} · {} · reviewed {}</small>",
            obj.reason,
            obj.get_category_display(),
            obj.source,
            date_format(obj.reviewed_on) if obj.reviewed_on else "never",
        )

    @admin.display(description="decision", ordering="decision")
    def decision_and_levels(self, obj):
        problems = flag_problems(obj)
        check = format_html(
            "<br><strong>Check:</strong> {}",
            format_html_join(" ", "{}", ((problem,) for problem in problems)),
        )
        return format_html(
            "{}<br><small>Guidance: {}. Its question: {}.</small>{}",
            obj.get_decision_display().split(":")[0],
            obj.get_guidance_level_display(),
            checklist_level(obj),
            check if problems else "",
        )

    @admin.display(description="asked by", ordering="warning_sign__order")
    def question(self, obj):
        return obj.warning_sign.question if obj.warning_sign else "—"
