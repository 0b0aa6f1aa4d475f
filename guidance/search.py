"""What site search finds in this app: every section's items, and what to do about a warning sign.

A search for a warning sign's words ("chest pain", "can't pee", "numb bottom") is answered first with
what to do, above every result: a box per level, each sign in plain words with why it matters. The
checklist's questions themselves are not listed as results.
"""

import re
from collections import Counter

from django.conf import settings
from django.urls import reverse

from backcare.cache import kept
from backcare.search import Notice, Query, Source, rows_with_every_word, with_slips_mended

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


# One of these words alone says where, when or doing what, and names no sign: "neck", "exercise",
# "walking" or "sleep" alone is most often a search for the guide's exercises and tips (a patient
# QA pass, round 24: "exercise" opened with a red Call 911 box about chest pain on effort, and
# "shoulder" with the torn-aorta one). With another word ("shoulder blade pain") the box shows.
ORDINARY_WORDS = frozenset(
    {
        *("arm", "arms", "leg", "legs", "hand", "hands", "foot", "feet", "finger", "fingers"),
        *("thumb", "head", "face", "eye", "eyes", "chin", "neck", "shoulder", "shoulders"),
        *("blade", "blades", "shoulderblade", "shoulderblades", "spine", "spinal"),
        *("exercise", "exercises", "exercising", "excercise", "excercises", "activity"),
        *("activities", "stairs", "walk", "walks", "walking", "sit", "sitting", "lie", "lying"),
        *("bed", "sleep", "sleeping", "night", "work", "working", "move", "moving", "turn"),
        *("turning", "bend", "bending", "rest", "home", "car", "day", "week", "weeks", "month"),
        *("months", "year", "doctor", "toilet", "forward"),
    }
)


def names_no_sign(terms) -> bool:
    """Return whether the words searched for are too general to name a warning sign."""
    words = set(terms)
    return not words - GENERAL_WORDS or (len(words) == 1 and words <= ORDINARY_WORDS)


def headings() -> dict[Level, str]:
    return {
        Level.EMERGENCY: f"Call {settings.EMERGENCY_NUMBER} now if you have any of these",
        Level.URGENT: "Speak to a doctor today if you have any of these",
        Level.ROUTINE: "Book an appointment with a doctor if you have any of these",
    }


def sign_words(signs) -> Counter:
    """Return the words (4 letters or more) of the signs' few words and search words."""
    return Counter(
        word
        for sign in signs
        for word in re.findall(r"\w{4,}", f"{sign.in_short} {sign.search_words}".lower())
    )


def notices(query: Query, request) -> list[Notice]:
    """Return what to do about the warning signs whose words are every word searched for, or,
    if none has them all, every word with a typing slip mended."""
    if names_no_sign(query.terms):
        return []
    found = set(rows_with_every_word(WARNING_SIGNS, query, request))
    signs = kept(request, "guidance:signs", lambda: list(WarningSign.objects.published()))
    mended = None if found else with_slips_mended(query, sign_words(signs), shortest=4)
    if mended and not names_no_sign(mended.terms):
        found = set(rows_with_every_word(WARNING_SIGNS, mended, request))
    if not found:
        return []
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
