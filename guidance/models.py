from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import models
from django.db.models import Q
from django.urls import reverse

from backcare.content import NaturalKeyModel, PublishableModel
from backcare.history import ContentHistory

from .triage import Rule


def lines(text: str) -> list[str]:
    """Return the non-empty lines of a field that holds one entry per line."""
    return [line.strip() for line in text.splitlines() if line.strip()]


class AdviceChecklist(PublishableModel):
    """A checklist that several guide items show, e.g. the desk set-up checklist."""

    title = models.CharField(max_length=120, help_text="E.g. “Desk set-up checklist”.")
    slug = models.SlugField(
        max_length=80, unique=True, help_text="A short fixed name; avoid changing it."
    )
    intro = models.CharField(max_length=250, blank=True, help_text="One or two short sentences.")
    items = models.TextField(help_text="One thing to check per line, as an instruction.")
    source = models.CharField(
        max_length=300, help_text="Where it comes from; separate several with “; ”."
    )
    reviewed_on = models.DateField(help_text="When the checklist and its source were last checked.")

    history = ContentHistory()

    class Meta:
        ordering = ["title"]
        verbose_name = "advice checklist"
        verbose_name_plural = "advice checklists"

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        item = next(
            (
                i
                for model in GuideItem.__subclasses__()
                for i in model.objects.filter(checklist=self)[:1]
            ),
            None,
        )
        return item.get_absolute_url() if item else reverse("guidance:home")

    @property
    def item_list(self) -> list[str]:
        return lines(self.items)


def guide_item_search_vector():
    """What site search reads of a guide item on PostgreSQL, the title weighing most."""
    return (
        SearchVector("title", weight="A", config="english")
        + SearchVector("summary", weight="B", config="english")
        + SearchVector("body", "more", "do", "dont", weight="C", config="english")
    )


def warning_sign_search_vector():
    return SearchVector("question", weight="A", config="english") + SearchVector(
        "why", weight="B", config="english"
    )


class GuideItem(PublishableModel):
    """One titled paragraph of the guide, shown on its section's page under its own anchor.

    `body` is the clinic's article; the fields after it are added to the article for this site,
    from published guidance, each item with its source and the date it was reviewed.
    """

    title = models.CharField(max_length=120, help_text="The item's heading, e.g. “Muscle strain”.")
    slug = models.SlugField(
        max_length=120,
        unique=True,
        help_text="The anchor in the page's address; avoid changing it.",
    )
    body = models.TextField(
        "the article's text",
        help_text="The clinic's article, in plain words. A blank line starts a new paragraph.",
    )
    order = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers come first.")
    summary = models.CharField(
        "in short",
        max_length=200,
        blank=True,
        help_text="One or two short sentences, shown in search results.",
    )
    more = models.TextField(
        "what to do",
        blank=True,
        help_text="What a patient needs to act, in plain words. A blank line starts a new paragraph.",
    )
    do = models.TextField(
        "do", blank=True, help_text="One action per line, without a full stop, e.g. “Keep moving”."
    )
    dont = models.TextField(
        "don’t",
        blank=True,
        help_text="One action per line, without a full stop, e.g. “Don’t stay in bed for long”.",
    )
    checklist = models.ForeignKey(
        AdviceChecklist,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="A checklist to show with this item, e.g. the desk set-up checklist.",
    )
    source = models.CharField(
        max_length=300,
        blank=True,
        help_text="Where the added text comes from; separate several with “; ”, e.g. "
        "“NHS: Back pain; NHS: Neck pain”.",
    )
    source_urls = models.TextField(
        "source links",
        blank=True,
        help_text="The sources' web addresses, one per line; shown as links to read more.",
    )
    reviewed_on = models.DateField(
        null=True, blank=True, help_text="When the added text and its source were last checked."
    )

    history = ContentHistory(inherit=True)

    class Meta:
        abstract = True
        ordering = ["order", "title"]
        # For site search on PostgreSQL only (see backcare.migration_operations).
        indexes = [
            GinIndex(guide_item_search_vector(), name="%(class)s_search"),
            GinIndex(fields=["title"], opclasses=["gin_trgm_ops"], name="%(class)s_title_trgm"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        from .sections import section_for_model

        return f"{reverse(section_for_model(type(self)).url_name)}#{self.slug}"

    @property
    def do_list(self) -> list[str]:
        return lines(self.do)

    @property
    def dont_list(self) -> list[str]:
        return lines(self.dont)

    @property
    def source_links(self) -> list[tuple[str, str]]:
        """Return (address, short label) for each source link, e.g. "nhs.uk/conditions/back-pain"."""
        return [
            (url, url.removeprefix("https://").removeprefix("www.").rstrip("/"))
            for url in lines(self.source_urls)
            if url.startswith("https://")
        ]

    @property
    def has_added_text(self) -> bool:
        return bool(self.more or self.do or self.dont or self.checklist_id)


class Cause(GuideItem):
    class Meta(GuideItem.Meta):
        verbose_name = "cause"
        verbose_name_plural = "causes"


class HomeRemedy(GuideItem):
    class Meta(GuideItem.Meta):
        verbose_name = "home remedy"
        verbose_name_plural = "home remedies"


class LifestyleChange(GuideItem):
    class Meta(GuideItem.Meta):
        verbose_name = "lifestyle change"
        verbose_name_plural = "lifestyle changes"


class PreventionTip(GuideItem):
    class Meta(GuideItem.Meta):
        verbose_name = "prevention tip"
        verbose_name_plural = "prevention tips"


class SeekHelpSign(GuideItem):
    """One of the guide's signs that it is time to see a professional."""

    class Meta(GuideItem.Meta):
        verbose_name = "sign to seek help"
        verbose_name_plural = "signs to seek help"


class Urgency(models.TextChoices):
    """How soon a warning sign needs a doctor, highest first; “self-care” is never a sign's level."""

    EMERGENCY = "emergency", "Emergency: call the emergency number now"
    URGENT = "urgent", "Urgent: speak to a doctor today"
    ROUTINE = "routine", "Routine: book an appointment"


class SignGroup(models.TextChoices):
    """The checklist's fieldsets, in the order the patient meets them."""

    SYMPTOMS = "symptoms", "Other symptoms"
    ONSET = "onset", "How it started"
    PAIN = "pain", "The pain itself"
    HEALTH = "health", "Your health"
    IMPACT = "impact", "How it is affecting you"


class WarningSign(PublishableModel):
    """One question of the “When to see a doctor” checklist, with its urgency and clinical source."""

    slug = models.SlugField(
        max_length=80, unique=True, help_text="A short fixed name for the sign; avoid changing it."
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
    urgency = models.CharField(
        max_length=20,
        choices=Urgency,
        help_text="How soon a patient who ticks this needs help. The highest level ticked decides "
        "the result. Have a clinician approve any change.",
    )
    group = models.CharField(
        max_length=20, choices=SignGroup, help_text="The heading the question appears under."
    )
    source = models.CharField(
        max_length=120,
        help_text="Where the rule comes from, e.g. “NHS back pain” or “NICE CKS neck pain”.",
    )
    reviewed_on = models.DateField(
        help_text="When the question, its urgency and its source were last checked."
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

    history = ContentHistory()

    class Meta:
        ordering = ["order", "slug"]
        verbose_name = "warning sign"
        verbose_name_plural = "warning signs"
        indexes = [GinIndex(warning_sign_search_vector(), name="warningsign_search")]
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

    def to_rule(self) -> Rule:
        return Rule(slug=self.slug, question=self.question, why=self.why, urgency=self.urgency)


class GuideText(NaturalKeyModel):
    """A piece of the guide's framing text: its introduction, section intros, closing words."""

    class Key(models.TextChoices):
        INTRODUCTION = "introduction", "Introduction (home page)"
        CAUSES = "causes", "Causes: introduction"
        REMEDIES = "remedies", "Home remedies: introduction"
        LIFESTYLE = "lifestyle", "Lifestyle changes: introduction"
        SEEK_HELP = "seek-help", "When to seek help: introduction"
        SEEK_HELP_SUMMARY = "seek-help-summary", "When to seek help: closing line"
        PREVENTION = "prevention", "Prevention: introduction"
        SUMMARY = "summary", "Summary"
        JOURNEY = "journey", "Your journey to relief"
        FINAL_THOUGHTS = "final-thoughts", "Final thoughts"
        THANKS = "thanks", "Thank you"

    key = models.CharField(
        max_length=40, unique=True, choices=Key, help_text="Where this text appears."
    )
    title = models.CharField(
        max_length=120, blank=True, help_text="Heading shown above the text, if any."
    )
    body = models.TextField(help_text="Plain words. A blank line starts a new paragraph.")
    updated_at = models.DateTimeField(auto_now=True)

    history = ContentHistory()

    natural_key_field = "key"

    class Meta:
        ordering = ["key"]
        verbose_name = "guide text"
        verbose_name_plural = "guide texts"

    def __str__(self):
        return self.get_key_display()

    def get_absolute_url(self):
        from .sections import section_for_text

        section = section_for_text(self.key)
        return reverse(section.url_name if section else "guidance:home")


class ClinicDetails(NaturalKeyModel):
    """The clinic's contact details, shown in the footer, the call to action and checklist results."""

    SINGLETON_KEY = "clinic"

    key = models.CharField(max_length=20, unique=True, default=SINGLETON_KEY, editable=False)
    name = models.CharField(max_length=120, help_text="The clinic's name as patients know it.")
    phone = models.CharField(
        max_length=40,
        blank=True,
        help_text="The number patients call to book, e.g. “(631) 555-0100”. "
        "Leave empty to hide the call button.",
    )
    email = models.EmailField(blank=True, help_text="Optional.")
    address = models.TextField(blank=True, help_text="One line per line of the address.")
    hours = models.TextField(blank=True, help_text="Opening hours, one line per day or range.")
    cta_heading = models.CharField(
        "call to action heading", max_length=120, help_text="E.g. “Ready for expert help?”"
    )
    cta_body = models.TextField(
        "call to action text", help_text="Shown at the foot of the home page and guide pages."
    )
    updated_at = models.DateTimeField(auto_now=True)

    history = ContentHistory()

    natural_key_field = "key"

    class Meta:
        verbose_name = "clinic details"
        verbose_name_plural = "clinic details"
        constraints = [
            models.CheckConstraint(condition=Q(key="clinic"), name="clinic_details_is_singleton")
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("guidance:contact")

    @property
    def phone_href(self) -> str:
        digits = "".join(ch for ch in self.phone if ch.isdigit() or ch == "+")
        return f"tel:{digits}" if digits else ""
