"""A reading grade for short patient-facing texts: the Flesch–Kincaid grade, counted simply.

Syllables are counted by vowel groups (a silent final "e" and "-es"/"-ed" endings dropped), which
is within about one grade of dictionary-based counts for sentences like the checklist's. Treat the
figure as a check that a question stays plain, not as a measurement to the decimal.
"""

import re

_SENTENCE_END = re.compile(r"[.?!]+(?:\s|$)")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")


def syllables(word: str) -> int:
    """Return the number of syllables in an English word, estimated from its vowel groups."""
    word = re.sub(r"[^a-z]", "", word.lower())
    if len(word) <= 3:
        return 1
    word = re.sub(r"(?:[^laeiouy]es|[^laeiouy]ed|[^laeiouy]e)$", "", word)
    word = re.sub(r"^y", "", word)
    return max(1, len(re.findall(r"[aeiouy]{1,2}", word)))


def reading_grade(text: str) -> float:
    """Return the Flesch–Kincaid grade level of the text (US school grade)."""
    words = _WORD.findall(text.replace("-", " "))
    if not words:
        return 0.0
    sentences = max(1, len(_SENTENCE_END.findall(text)))
    syllable_count = sum(syllables(word) for word in words)
    return 0.39 * len(words) / sentences + 11.8 * syllable_count / len(words) - 15.59
