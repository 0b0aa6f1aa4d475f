"""The checklist's rules: its questions (warning signs), the combination rules and the red-flag
decisions."""

from django.contrib.postgres.search import SearchVector
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from backcare.content import (
    ClinicallyReviewed,
    NaturalKeyManager,
    NaturalKeyModel,
    PublishableModel,
    PublishedQuerySet,
)

from ..triage import CONTEXT, CONTEXT_LABEL, SIGN_LEVELS, Combination, Level, Rule


def warning_sign_search_vector():
    return SearchVector("question", weight="A", config="english") + SearchVector(
        "why", weight="B", config="english"
    )


def level_choices(name: str, *, short: bool = False, extra=()) -> type[models.TextChoices]:
    """Return choices of the levels a sign or a rule may set (triage.SIGN_LEVELS), labelled by the
    levels themselves (by their short names if asked), followed by the extra choices."""
    levels = [
        (level.name, (level.value, level.short_name if short else level.label))
        for level in SIGN_LEVELS
    ]
    return models.TextChoices(name, [*levels, *extra])


# How soon a warning sign needs a doctor, highest first; a "context" sign (such as age) has no level
# of its own: it counts only in combination rules.
Urgency = level_choices("Urgency", extra=[("CONTEXT", (CONTEXT, CONTEXT_LABEL))])
# The level a combination rule sets when it fires.
CombinationLevel = level_choices("CombinationLevel")


class SignGroup(models.TextChoices):
    """The checklist's fieldsets, in the order the patient meets them."""

    SYMPTOMS = "symptoms", "Other symptoms"
    ONSET = "onset", "How it started"
    PAIN = "pain", "The pain itself"
    HEALTH = "health", "You and your health"
    IMPACT = "impact", "How it is affecting you"


class WarningSign(ClinicallyReviewed, PublishableModel):
    """One question of the “When to see a doctor” checklist, with its urgency and clinical source."""

    # Its wording, why it matters, the sign in a few words (the search's Call 911 box), level,
    # where it is asked and whether it is asked at all go live only once approved: a reworded
    # question can ask something else, and "why" stands under the result (a staff QA pass put "a
    # fever with back pain is nothing to worry about" there, round 24).
    gated_fields = ("question", "why", "in_short", "urgency", "group", "source", "is_published")

    slug = models.SlugField(
        "short name",
        max_length=80,
        unique=True,
        help_text="A short fixed name for the sign; avoid changing it.",
    )
    question = models.CharField(
        max_length=250,
        help_text="The question as the patient reads it, in plain words, answered by ticking it, "
        "e.g. “Do you have chest pain or pressure, or shortness of breath, with the back pain?”",
    )
    why = models.CharField(
        "why this matters",
        max_length=300,
        help_text="One or two short sentences shown with the result, e.g. “Back pain with chest pain "
        "can be a sign of a heart problem.”",
    )
    in_short = models.CharField(
        "the sign in a few words",
        max_length=150,
        blank=True,
        help_text="The sign as a plain statement, shown when someone searches the site for it, "
        "under “Call 911 now if you have any of these”, e.g. “Chest pain or pressure, or "
        "shortness of breath”.",
    )
    search_words = models.TextField(
        "words people search with",
        blank=True,
        help_text="Other words a worried person might type for this sign, one phrase per line, "
        "e.g. “can’t pee” or “numb bottom”. When every word someone searches for is among "
        "the sign's few words or these phrases, the search shows what to do above every result.",
    )
    urgency = models.CharField(
        max_length=20,
        choices=Urgency,
        help_text="How soon a patient who ticks this needs help. The highest level ticked decides "
        "the result. Emergency questions are asked first, on their own. “No level alone” is for "
        "a question that only counts in a combination rule, such as age. Have a clinician approve "
        "any change.",
    )
    group = models.CharField(
        max_length=20,
        choices=SignGroup,
        help_text="The heading the question appears under, after the emergency questions. "
        "Emergency questions are asked first, on their own, whatever their heading.",
    )
    source = models.CharField(
        max_length=120,
        help_text="Where the rule comes from, e.g. “NHS back pain” or “NICE CKS neck pain”.",
    )
    reviewed_on = models.DateField(
        null=True,
        blank=True,
        help_text="When the question, its urgency and its source were last checked. Empty for a "
        "question no clinician has checked yet.",
    )
    order = models.PositiveSmallIntegerField(
        default=0, help_text="Lower numbers come first within their heading."
    )
    is_published = models.BooleanField(
        "published",
        default=True,
        help_text="Untick to take the question off the checklist (a draft). Its rule then stops "
        "counting.",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "slug"]
        verbose_name = "warning sign"
        verbose_name_plural = "warning signs"
        constraints = [
            models.CheckConstraint(
                condition=Q(urgency__in=Urgency.values), name="warning_sign_urgency_is_a_level"
            ),
            models.CheckConstraint(
                condition=Q(group__in=SignGroup.values), name="warning_sign_group_is_known"
            ),
        ]

    def __str__(self):
        return self.question

    def get_absolute_url(self):
        return reverse("guidance:checklist")

    @property
    def is_emergency(self) -> bool:
        return self.urgency == Level.EMERGENCY

    def to_rule(self) -> Rule:
        return Rule(
            slug=self.slug,
            question=self.question,
            why=self.why,
            urgency=self.urgency,
            in_short=self.in_short,
        )


class CombinationRuleQuerySet(PublishedQuerySet):
    def with_signs(self):
        """Fetch each rule's questions with it (two queries for every rule's two lists)."""
        signs = WarningSign.objects.only("slug", "question", "is_published", "order")
        return self.prefetch_related(
            models.Prefetch("all_of", queryset=signs), models.Prefetch("any_of", queryset=signs)
        )


class CombinationRule(ClinicallyReviewed, PublishableModel):
    """A rule over several warning signs that raises the checklist's level when they come together.

    E.g. “a history of cancer with a nerve sign is an emergency”. It fires when every “must have”
    question is ticked and at least “how many” of the “and any of” questions are.
    """

    # What it says under a result (its summary and why) waits too, as a question's words do.
    gated_fields = (
        *("summary", "why", "urgency", "all_of", "any_of", "min_any", "source", "is_published"),
    )

    slug = models.SlugField(
        "short name",
        max_length=80,
        unique=True,
        help_text="A short fixed name for the rule; avoid changing it.",
    )
    summary = models.CharField(
        max_length=200,
        help_text="The rule in a few plain words, shown to the patient when it decides their "
        "result, e.g. “Cancer in the past, with numbness, weakness or problems peeing”.",
    )
    why = models.CharField(
        "why this matters",
        max_length=300,
        help_text="One or two short sentences shown to the patient with the result.",
    )
    urgency = models.CharField(
        max_length=20,
        choices=CombinationLevel,
        help_text="The level the result gets when the rule fires. A rule only ever raises the "
        "level. Have a clinician approve any change.",
    )
    all_of = models.ManyToManyField(
        WarningSign,
        blank=True,
        related_name="combinations_needing",
        verbose_name="must have",
        help_text="Every one of these questions must be ticked.",
    )
    any_of = models.ManyToManyField(
        WarningSign,
        blank=True,
        related_name="combinations_choosing",
        verbose_name="and any of",
        help_text="At least “how many” of these questions must be ticked too.",
    )
    min_any = models.PositiveSmallIntegerField(
        "how many of them",
        default=1,
        help_text="How many of the “and any of” questions are needed. Ignored (0) when that list "
        "is empty.",
    )
    source = models.CharField(
        max_length=120,
        help_text="Where the rule comes from, e.g. “NICE CKS back pain; NICE NG234 spinal "
        "metastases”.",
    )
    clinical_basis = models.TextField(
        blank=True, help_text="For the clinician: what the guidance says, in a few sentences."
    )
    reviewed_on = models.DateField(
        help_text="When the rule, its level and its source were last checked."
    )
    order = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers come first.")
    is_published = models.BooleanField(
        "published",
        default=True,
        help_text="Untick to stop the rule counting (a draft).",
    )

    objects = NaturalKeyManager.from_queryset(CombinationRuleQuerySet)()
    history = HistoricalRecords(m2m_fields=[all_of, any_of])

    class Meta:
        ordering = ["order", "slug"]
        verbose_name = "combination rule"
        verbose_name_plural = "combination rules"
        constraints = [
            models.CheckConstraint(
                condition=Q(urgency__in=CombinationLevel.values),
                name="combination_rule_urgency_is_a_level",
            ),
        ]

    def __str__(self):
        return self.summary

    def get_absolute_url(self):
        return reverse("guidance:checklist")

    def to_combination(self) -> Combination:
        """Return the rule for the triage; raises ValueError if its lists cannot make a rule."""
        all_of = [sign.slug for sign in self.all_of.all()]
        any_of = [sign.slug for sign in self.any_of.all()]
        return Combination(
            slug=self.slug,
            summary=self.summary,
            why=self.why,
            urgency=self.urgency,
            source=self.source,
            all_of=all_of,
            any_of=any_of,
            min_any=self.min_any if any_of else 0,
        )


class RedFlag(ClinicallyReviewed, NaturalKeyModel):
    """One red flag from the clinical guidance, and what the checklist does about it (the review)."""

    class Category(models.TextChoices):
        CORD = "cord", "Spinal cord or cauda equina"
        CANCER = "cancer", "Cancer"
        INFECTION = "infection", "Infection"
        FRACTURE = "fracture", "Fracture"
        DEFORMITY = "deformity", "Deformity"
        INFLAMMATORY = "inflammatory", "Inflammatory"
        VASCULAR = "vascular", "Heart, blood vessels and lungs"
        OTHER = "other", "Other"

    class Decision(models.TextChoices):
        ASKED = "asked", "Asked: a question names it"
        FOLDED = "folded", "Folded: a question's wording plainly covers it"
        COMBINATION = "combination", "Combination: raises the level only with another sign"
        SET_ASIDE = "set-aside", "Set aside on purpose"

    GuidanceLevel = level_choices(
        "GuidanceLevel", short=True, extra=[("NOT_STATED", ("not-stated", "Not stated"))]
    )

    # The reason waits with the decision it explains (it went live while the decision waited).
    gated_fields = ("decision", "warning_sign", "guidance_level", "reason", "source")

    slug = models.SlugField(
        "short name",
        max_length=80,
        unique=True,
        help_text="A short fixed name for the flag; avoid changing it.",
    )
    flag = models.CharField(
        max_length=250, help_text="The red flag as the guidance describes it, in plain words."
    )
    category = models.CharField(
        max_length=20, choices=Category, help_text="What the flag can point to."
    )
    source = models.CharField(
        max_length=120, help_text="Where the flag comes from, e.g. “NICE CKS back pain”."
    )
    guidance_level = models.CharField(
        "level in the guidance",
        max_length=20,
        choices=GuidanceLevel,
        help_text="How soon the guidance says a patient with this flag needs help.",
    )
    decision = models.CharField(
        max_length=20, choices=Decision, help_text="What the checklist does about the flag."
    )
    warning_sign = models.ForeignKey(
        WarningSign,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="red_flags",
        verbose_name="question that asks it",
        help_text="The checklist question that asks this flag. Leave empty only when it is set "
        "aside.",
    )
    reason = models.TextField(help_text="Why this decision, for the clinician who reviews it.")
    reviewed_on = models.DateField(
        null=True,
        blank=True,
        help_text="When this decision was last checked. Empty for a decision no clinician has "
        "checked yet.",
    )
    order = models.PositiveSmallIntegerField(
        default=0, help_text="Lower numbers come first within a category."
    )
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["category", "order", "slug"]
        verbose_name = "red flag"
        verbose_name_plural = "red-flag review"
        constraints = [
            models.CheckConstraint(
                condition=(Q(decision="set-aside") & Q(warning_sign__isnull=True))
                | (~Q(decision="set-aside") & Q(warning_sign__isnull=False)),
                name="red_flag_question_matches_decision",
                violation_error_message="Choose the question that asks the flag, unless it is "
                "set aside; a flag set aside has no question.",
            ),
        ]

    def __str__(self):
        return self.flag

    def get_absolute_url(self):
        # The checklist is where the review's decisions take effect.
        return reverse("guidance:checklist")
