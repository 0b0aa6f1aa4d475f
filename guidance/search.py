"""What site search finds in this app: every section's items, and what to do about a warning sign.

A search for a warning sign's words ("chest pain", "can't pee", "numb bottom") is answered first with
what to do, above every result: a box per level, each sign in plain words with why it matters. The
checklist's questions themselves are not listed as results.
"""

from django.conf import settings
from django.urls import reverse

from backcare.cache import kept
from backcare.search import Notice, Query, Source, rows_with_every_word

from .models import WarningSign, guide_item_search_vector, warning_sign_search_vector
from .sections import SECTIONS
from .triage import SIGN_LEVELS, Level


def _item_url(section):
    return lambda slug: f"{section.get_absolute_url()}#{slug}"


# The checklist's warning signs: searched for notices, never listed as results.
WARNING_SIGNS = Source(
    kind="warning-sign",
    label="Warning sign: check your symptoms",
    model=WarningSign,
    title="in_short",
    summary=("search_words",),
    text=("question", "why"),
    url=lambda slug: reverse("guidance:checklist"),
    vector=warning_sign_search_vector,
    fuzzy_title=False,
    listed=False,
)

SOURCES = [
    *(
        Source(
            kind=section.name,
            label=str(section.model._meta.verbose_name).capitalize(),
            model=section.model,
            title="title",
            summary=("summary",),
            text=("body", "more", "do", "dont"),
            url=_item_url(section),
            vector=guide_item_search_vector,
        )
        for section in SECTIONS
    ),
    WARNING_SIGNS,
]

# Words that say where or how much it hurts, not which sign: a search for "back pain" or "upper
# back ache" alone names no warning sign.
GENERAL_WORDS = frozenset(
    {"pain", "painful", "back", "upper", "ache", "aches", "aching", "sore", "hurt", "hurts"}
)


def headings() -> dict[Level, str]:
    return {
        Level.EMERGENCY: f"Call {settings.EMERGENCY_NUMBER} now if you have any of these",
        Level.URGENT: "Speak to a doctor today if you have any of these",
        Level.ROUTINE: "Book an appointment with a doctor if you have any of these",
    }


def notices(query: Query, request) -> list[Notice]:
    """Return what to do about the warning signs whose words are every word searched for."""
    if not set(query.terms) - GENERAL_WORDS:
        return []
    found = set(rows_with_every_word(WARNING_SIGNS, query, request))
    if not found:
        return []
    signs = kept(request, "guidance:signs", lambda: list(WarningSign.objects.published()))
    matched = [sign for sign in signs if sign.slug in found and sign.in_short]
    titles = headings()
    return [
        Notice(
            level=level.value,
            heading=titles[level],
            items=[(sign.in_short, sign.why) for sign in matched if sign.urgency == level],
            is_emergency=level is Level.EMERGENCY,
        )
        for level in SIGN_LEVELS
        if any(sign.urgency == level for sign in matched)
    ]
