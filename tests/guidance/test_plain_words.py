"""The checklist speaks plainly (about US grade 6) and kindly: no question reads as an accusation."""

import re
from statistics import mean

import pytest

from guidance.models import CombinationRule, WarningSign
from tests.readability import reading_grade, syllables

pytestmark = pytest.mark.django_db

# Words that judge a person rather than describe a fact; none belongs in what a patient reads.
JUDGING_WORDS = ("abuse", "addict", "illegal", "illicit", "junkie", "drug user", "misuse")


@pytest.mark.parametrize(
    ("word", "count"),
    [("back", 1), ("pain", 1), ("tingling", 2), ("shivery", 3), ("osteoporosis", 5), ("ache", 1)],
)
def test_syllables_are_counted_closely_enough_for_a_reading_grade(word, count):
    assert abs(syllables(word) - count) <= 1


def test_a_long_sentence_of_long_words_reads_harder_than_a_short_plain_one():
    assert reading_grade("Do you have a fever?") < 3
    assert (
        reading_grade(
            "Do you experience significant neurological symptomatology accompanying "
            "musculoskeletal discomfort, particularly paraesthesia?"
        )
        > 14
    )


def test_every_published_question_reads_at_about_grade_6_and_none_above_grade_10():
    grades = {
        sign.slug: round(reading_grade(sign.question), 1)
        for sign in WarningSign.objects.published()
    }
    assert {slug: grade for slug, grade in grades.items() if grade > 10} == {}
    assert mean(grades.values()) <= 6.5


def test_what_a_combination_tells_the_patient_reads_plainly():
    for rule in CombinationRule.objects.published():
        assert reading_grade(rule.summary) <= 10, rule.slug
        assert reading_grade(rule.why) <= 10, rule.slug


def test_no_question_or_reason_judges_the_patient():
    texts = [
        text for sign in WarningSign.objects.published() for text in (sign.question, sign.why)
    ] + [text for rule in CombinationRule.objects.all() for text in (rule.summary, rule.why)]
    for text in texts:
        for word in JUDGING_WORDS:
            assert not re.search(rf"\b{word}", text, re.IGNORECASE), text


def test_the_injecting_question_asks_about_a_fact_not_who_the_patient_is():
    question = WarningSign.objects.get(slug="injected-drugs").question
    assert not question.lower().startswith("do you inject")
    assert "a doctor did not prescribe" in question
    assert question.startswith("In the past year, have you")
