"""The guide's sections, written once: their URLs, pages, navigation and sitemap derive from here."""

from dataclasses import dataclass

from django.urls import reverse

from .models import (
    Cause,
    GuideItem,
    GuideText,
    HomeRemedy,
    LifestyleChange,
    PreventionTip,
    SeekHelpSign,
)


@dataclass(frozen=True)
class Section:
    """One page of titled items from the article (causes, home remedies...)."""

    name: str
    route: str
    model: type[GuideItem]
    title: str
    nav_label: str
    lead: str
    description: str
    intro_key: str
    closing_key: str = ""
    # In the header's main menu too (with this label), not only in the footer.
    menu_label: str = ""
    # The page leads straight to the checklist: the emergency signs and a "check your symptoms" box.
    leads_to_checklist: bool = False

    @property
    def url_name(self) -> str:
        return f"guidance:{self.name}"

    def get_absolute_url(self) -> str:
        return reverse(self.url_name)

    def see_also(self) -> list[tuple[str, str]]:
        """Return the (label, url) of the other places a reader of this section may want next."""
        links = [
            ("exercises for upper back pain", "exercises:list"),
            ("home remedies", "guidance:remedies"),
            ("when to see a doctor", "guidance:checklist"),
        ]
        shown = {self.url_name, "guidance:checklist" if self.leads_to_checklist else ""}
        return [(label, reverse(name)) for label, name in links if name not in shown]


SECTIONS = (
    Section(
        name="causes",
        route="causes/",
        model=Cause,
        title="Why your upper back hurts",
        nav_label="Causes",
        menu_label="Why it hurts",
        lead="The common causes of upper back pain.",
        description="Common causes of upper back pain: muscle strain, posture, injury, "
        "medical conditions and stress.",
        intro_key=GuideText.Key.CAUSES,
    ),
    Section(
        name="remedies",
        route="home-remedies/",
        model=HomeRemedy,
        title="What helps at home",
        nav_label="Home remedies",
        menu_label="What helps",
        lead="Home remedies that can ease upper back pain.",
        description="Home remedies for upper back pain: heat and cold, pain relievers, rest, "
        "massage and a better workspace.",
        intro_key=GuideText.Key.REMEDIES,
    ),
    Section(
        name="lifestyle",
        route="lifestyle/",
        model=LifestyleChange,
        title="Lifestyle changes",
        nav_label="Lifestyle changes",
        lead="Everyday habits that help your upper back recover.",
        description="Lifestyle changes that relieve upper back pain: posture, activity, "
        "ergonomics, diet and stress.",
        intro_key=GuideText.Key.LIFESTYLE,
    ),
    Section(
        name="prevention",
        route="prevention/",
        model=PreventionTip,
        title="Preventing upper back pain",
        nav_label="Prevention",
        lead="Ways to keep your back healthy.",
        description="How to prevent upper back pain: exercise, mindful movement, weight, "
        "sleep position and check-ups.",
        intro_key=GuideText.Key.PREVENTION,
    ),
    Section(
        name="seek_help",
        route="when-to-seek-help/",
        model=SeekHelpSign,
        title="When to seek professional help",
        nav_label="When to seek help",
        lead="Signs that your upper back pain needs a doctor.",
        description="When to see a doctor about upper back pain: persistent or severe pain, "
        "numbness or weakness, injury, limited movement.",
        intro_key=GuideText.Key.SEEK_HELP,
        closing_key=GuideText.Key.SEEK_HELP_SUMMARY,
        leads_to_checklist=True,
    ),
)


def section_for_model(model: type[GuideItem]) -> Section:
    """Return the section that lists this kind of item."""
    return next(section for section in SECTIONS if section.model is model)


def section_for_text(key: str) -> Section | None:
    """Return the section whose page shows this framing text, or None for the home page's."""
    return next((s for s in SECTIONS if key in (s.intro_key, s.closing_key)), None)
