from django.conf import settings
from django.contrib.postgres.search import SearchVector
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from phonenumber_field.modelfields import PhoneNumberField
from phonenumbers import region_code_for_number
from simple_history.models import HistoricalRecords

from backcare.content import (
    ClinicallyReviewed,
    NaturalKeyModel,
    PublishableModel,
)


def lines(text: str) -> list[str]:
    """Return the non-empty lines of a field that holds one entry per line."""
    return [line.strip() for line in text.splitlines() if line.strip()]


class AdviceChecklist(ClinicallyReviewed, PublishableModel):
    """A checklist that several guide items show, e.g. the desk set-up checklist."""

    title = models.CharField(max_length=120, help_text="E.g. “Desk set-up checklist”.")
    slug = models.SlugField(
        "short name", max_length=80, unique=True, help_text="A short fixed name; avoid changing it."
    )
    intro = models.CharField(max_length=250, blank=True, help_text="One or two short sentences.")
    items = models.TextField(help_text="One thing to check per line, as an instruction.")
    source = models.CharField(
        max_length=300, help_text="Where it comes from; separate several with “; ”."
    )
    reviewed_on = models.DateField(help_text="When the checklist and its source were last checked.")

    history = HistoricalRecords()

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


def web_addresses(text: str) -> None:
    """Refuse lines that are not secure web addresses: the page shows only those, so another one
    was saved and then silently left out (a staff QA pass, round 24)."""
    check = URLValidator(schemes=["https"])
    wrong = []
    for number, line in enumerate(lines(text), 1):
        try:
            check(line)
        except ValidationError:
            wrong.append(str(number))
    if wrong:
        which = (
            f"Line {wrong[0]} is not a web address"
            if len(wrong) == 1
            else f"Lines {', '.join(wrong[:-1])} and {wrong[-1]} are not web addresses"
        )
        raise ValidationError(
            f"{which} starting with https://, e.g. "
            "https://www.nhs.uk/conditions/back-pain/. Put one address on each line."
        )


class GuideItem(ClinicallyReviewed, PublishableModel):
    """One titled paragraph of the guide, shown on its section's page under its own anchor.

    `body` is the clinic's article; the fields after it are added to the article for this site,
    from published guidance, each item with its source and the date it was reviewed.
    """

    title = models.CharField(max_length=120, help_text="The item's heading, e.g. “Muscle strain”.")
    slug = models.SlugField(
        "web address name",
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
        validators=[web_addresses],
        help_text="The sources' web addresses, one per line, each starting with https://; shown as "
        "links to read more.",
    )
    reviewed_on = models.DateField(
        null=True, blank=True, help_text="When the added text and its source were last checked."
    )

    history = HistoricalRecords(inherit=True)

    class Meta:
        abstract = True
        ordering = ["order", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        from ..sections import section_for_model

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


class GuideText(ClinicallyReviewed, NaturalKeyModel):
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

    # One-line texts shown without a heading of their own: their form has no title.
    UNTITLED = frozenset({Key.SEEK_HELP_SUMMARY, Key.THANKS})

    key = models.CharField(
        max_length=40, unique=True, choices=Key, help_text="Where this text appears."
    )
    title = models.CharField(
        max_length=120,
        blank=True,
        help_text="The heading shown above the text. Leave it empty for the page's usual heading.",
    )
    body = models.TextField(help_text="Plain words. A blank line starts a new paragraph.")
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    natural_key_field = "key"

    class Meta:
        ordering = ["key"]
        verbose_name = "guide text"
        verbose_name_plural = "guide texts"

    def __str__(self):
        return self.get_key_display()

    def get_absolute_url(self):
        from ..sections import section_for_text

        section = section_for_text(self.key)
        return reverse(section.url_name if section else "guidance:home")


class ClinicDetails(NaturalKeyModel):
    """The clinic's contact details, shown in the footer, the call to action and checklist results."""

    SINGLETON_KEY = "clinic"

    key = models.CharField(max_length=20, unique=True, default=SINGLETON_KEY, editable=False)
    name = models.CharField(max_length=120, help_text="The clinic's name as patients know it.")
    phone = PhoneNumberField(
        blank=True,
        help_text="The number patients call to book, e.g. “(631) 555-0100”, with an extension "
        "as “(631) 555-0100 ext. 2”. A number abroad starts with + and its country code. "
        "Leave empty to hide the call button.",
        error_messages={
            "invalid": "This is not a phone number we can call. Enter it as patients would dial "
            "it, e.g. (631) 555-0100 or (631) 555-0100 ext. 2; a number abroad starts with + "
            "and its country code."
        },
    )
    email = models.EmailField(blank=True, help_text="Optional.")
    address = models.TextField(blank=True, help_text="One line per line of the address.")
    hours = models.TextField(blank=True, help_text="Opening hours, one line per day or range.")
    cta_heading = models.CharField(
        "call to action heading", max_length=120, help_text="E.g. “Ready for expert help?”"
    )
    cta_body = models.TextField(
        "call to action text",
        help_text="Shown at the foot of the home page and guide pages, and on the contact page, "
        "once the clinic has a phone number, email or address (until then patients are asked to "
        "see their own doctor).",
    )
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

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
    def has_phone(self) -> bool:
        """Say whether patients can call the clinic (a number is entered and it is a real one)."""
        return bool(self.phone) and self.phone.is_valid()

    @property
    def phone_href(self) -> str:
        """Return the number as a `tel:` link in E.164, with its extension; "" without a number."""
        if not self.has_phone:
            return ""
        extension = f";ext={self.phone.extension}" if self.phone.extension else ""
        return f"tel:{self.phone.as_e164}{extension}"

    @property
    def has_contact(self) -> bool:
        """Say whether patients have a way to reach the clinic itself: a phone, email or address."""
        return self.has_phone or bool(self.email) or bool(self.address.strip())

    def reminder(self) -> str:
        """Tell staff what is missing from the clinic's contact details, or return ""."""
        if self.phone and not self.has_phone:
            return (
                f"The clinic's phone “{self.phone.raw_input or self.phone}” is not a number "
                "patients can call, so the site shows no call button. Correct it in the "
                "clinic's details."
            )
        if not self.has_contact:
            return (
                "The clinic's phone, email and address are empty, so patients have no way to "
                "contact the clinic: the site tells them to ask their own doctor instead. Add at "
                "least a phone number to the clinic's details."
            )
        return ""

    @property
    def phone_display(self) -> str:
        """Return the number as patients read it: national at home, international from abroad."""
        if not self.has_phone:
            return ""
        if region_code_for_number(self.phone) == settings.PHONENUMBER_DEFAULT_REGION:
            return self.phone.as_national
        return self.phone.as_international
