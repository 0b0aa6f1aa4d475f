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
from backcare.search import (
    STOPWORDS,
    WORD_ENDINGS,
    Notice,
    Query,
    Source,
    guide_words,
    rows_with_every_word,
    with_slips_mended,
)

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
# Round 29: "cold" and "hot" (the guide's home remedies), "stiff", "tight" and "weight" alone too.
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
        *("cold", "hot", "heat", "ice", "warm", "stiff", "stiffness", "tight", "weight"),
    }
)

# Words of the signs' search phrases that name nothing by themselves ("out" of "out of breath",
# "light" of "light hurts my eyes"): one of them alone is not read as naming the sign.
FILLER_WORDS = frozenset(
    {
        *("away", "around", "better", "between", "blue", "both", "cannot", "cant", "changed"),
        *("daily", "difficulty", "does", "double", "down", "drop", "every", "feel", "feeling"),
        *("get", "getting", "giving", "go", "goes", "had", "hard", "height", "high", "hit"),
        *("life", "light", "lost", "me", "minor", "myself", "not", "nowhere", "out", "paper"),
        *("problems", "properly", "road", "room", "see", "shape", "short", "should", "still"),
        *("struggling", "system", "that", "thin", "things", "touch", "trouble", "unable", "up"),
        *("very", "bad", "wakes", "way", "wet", "when", "won"),
    }
)


def names_no_sign(terms) -> bool:
    """Return whether the words searched for are too general to name a warning sign."""
    words = set(terms)
    return not words - GENERAL_WORDS or (len(words) == 1 and words <= ORDINARY_WORDS)


def word_forms(word: str) -> set[str]:
    """Return a word and the word without a common ending ("breathing": also "breath")."""
    return {word, *(word.removesuffix(end) for end in WORD_ENDINGS if word.endswith(end))}


def search_phrases(sign) -> list[tuple[str, ...]]:
    """Return the words of each of a sign's search phrases ("can't pee": can, t, pee)."""
    lines = sign.search_words.lower().splitlines()
    return [words for line in lines if (words := tuple(re.findall(r"\w+", line)))]


def naming_words(phrases) -> set[str]:
    """Return the words of the phrases that can name a sign alone, in each of their forms."""
    ignored = STOPWORDS | GENERAL_WORDS | FILLER_WORDS
    return {
        form
        for phrase in phrases
        for word in phrase
        if len(word) >= 3 and word not in ignored
        for form in word_forms(word)
    }


def signs_named(query: Query, phrases: dict, request) -> set[str]:
    """Return the slugs of the signs a query names.

    One word names a sign when it is a word of one of its search phrases ("breathless",
    "numbness"), not just a word of its question ("minutes" of "started within minutes"). More
    words name a sign when each is in its text, or when one of its phrases of two words or more is
    among them: in a long sentence too ("… and I feel short of breath").
    """
    if len(query.terms) == 1:
        forms = word_forms(query.terms[0])
        return {slug for slug, its in phrases.items() if forms & naming_words(its)}
    found = set(rows_with_every_word(WARNING_SIGNS, query, request))
    said = f" {' '.join(query.words)} "
    for slug, its in phrases.items():
        if any(len(phrase) >= 2 and f" {' '.join(phrase)} " in said for phrase in its):
            found.add(slug)
    return found


def headings() -> dict[Level, str]:
    return {
        Level.EMERGENCY: f"Call {settings.EMERGENCY_NUMBER} now if you have any of these",
        Level.URGENT: "Speak to a doctor today if you have any of these",
        Level.ROUTINE: "Book an appointment with a doctor if you have any of these",
    }


def notices(query: Query, request) -> list[Notice]:
    """Return what to do about the warning signs a query names, or, if it names none, the signs
    it names with each typing slip mended (a word neither the signs nor the guide use)."""
    if names_no_sign(query.terms):
        return []
    signs = kept(request, "guidance:signs", lambda: list(WarningSign.objects.published()))
    phrases = {sign.slug: search_phrases(sign) for sign in signs}
    found = signs_named(query, phrases, request)
    if not found:
        signs_use = Counter(word for its in phrases.values() for phrase in its for word in phrase)
        mended = with_slips_mended(query, signs_use, shortest=4)
        if mended:
            # Only a word the guide does not use either is a slip: "hold" is not "cold".
            known = dict.fromkeys(guide_words(request), 0) | signs_use
            mended = with_slips_mended(query, known, shortest=4)
        if mended and not names_no_sign(mended.terms):
            found = signs_named(mended, phrases, request)
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
