"""Questions a layperson answers the way a clinician would (issue 22, point 8).

Lay readers misread these questions; each is rewritten in what people notice, with time frames and
examples on both sides of a line that changes the level, reads at about US grade 6, and has a test
patient in scenarios.json with a story and a source.
"""

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from guidance.models import WarningSign
from tests.readability import reading_grade

pytestmark = pytest.mark.django_db

SCENARIOS = json.loads((Path(__file__).parent / "scenarios.json").read_text(encoding="utf-8"))
REWRITTEN = (
    "meningitis-signs",
    "saddle-numbness",
    "sudden-severe-pain",
    "serious-accident",
    "after-an-injury",
    "minor-fall-with-weak-bones",
    "pain-at-night-or-at-rest",
    "persistent-pain",
    "weak-immune-system",
    "numbness-or-weakness",
    "dizzy-when-turning-head",
    "severe-pain",
    "pain-getting-worse",
    "age-under-20-or-over-50",
    "pain-on-exertion",
)


def question(slug: str) -> str:
    return WarningSign.objects.get(slug=slug).question


def test_each_rewritten_question_reads_at_about_grade_6():
    grades = {slug: round(reading_grade(question(slug)), 1) for slug in REWRITTEN}
    assert {slug: grade for slug, grade in grades.items() if grade > 7} == {}


def test_each_rewritten_question_has_a_test_patient_with_a_story_who_ticks_it():
    stories = [s for s in SCENARIOS if s.get("story")]
    ticked = {slug for s in stories for slug in s["ticked"]}
    assert set(REWRITTEN) - ticked == set()
    for scenario in stories:
        assert scenario["source"], scenario["patient"]


def test_a_stiff_neck_with_fever_or_light_hurting_the_eyes_is_an_emergency_asked_without_back_pain():
    sign = WarningSign.objects.get(slug="meningitis-signs")
    assert sign.urgency == "emergency"
    for word in ("stiff", "fever", "headache", "light"):
        assert word in sign.question
    # Someone with neck symptoms and no back pain reads nothing about back pain, here or in the
    # fever question's reason.
    assert "back" not in sign.question.lower() and "back" not in sign.why.lower()
    assert not WarningSign.objects.get(slug="fever").why.startswith("Back pain")


def test_a_bad_fall_and_a_minor_fall_each_give_examples_of_height_stairs_and_getting_up():
    bad, minor = question("serious-accident"), question("after-an-injury")
    assert "flight of stairs" in bad and "chair" in bad and "could not get up" in bad
    assert "one or two steps" in minor and "got up from by yourself" in minor


def test_saddle_numbness_is_asked_as_what_people_notice_not_as_buttocks():
    text = question("saddle-numbness")
    assert "toilet" in text and "paper" in text and "sit" in text
    assert "buttocks" not in text


def test_sudden_pain_with_sweating_needs_minutes_and_a_cold_sweat_not_feeling_unwell():
    text = question("sudden-severe-pain")
    assert "within a few minutes" in text and "cold sweat" in text
    assert "unwell" not in text


def test_sudden_very_bad_pain_counts_alone_when_nothing_set_it_off_but_not_after_lifting():
    text = question("sudden-severe-pain")
    assert "nothing you did" in text and "lifting" in text


def test_a_strain_from_lifting_or_sport_is_not_asked_as_a_small_injury_but_a_knock_is():
    text = question("after-an-injury")
    assert "strain from lifting or sport does not count" in text and "knock" in text


def test_pain_on_effort_that_goes_with_rest_is_an_emergency_asked_with_a_time_frame():
    sign = WarningSign.objects.get(slug="pain-on-exertion")
    assert sign.urgency == "emergency"
    assert "In the last month" in sign.question
    assert "stairs" in sign.question and "rest" in sign.question


def test_night_pain_asks_what_tells_it_from_a_posture_ache():
    text = question("pain-at-night-or-at-rest")
    assert "wake you up" in text and "lie still" in text and "builds up in the day" in text


def test_steroids_are_asked_in_one_question_only_and_with_a_time_frame():
    asked = [s.slug for s in WarningSign.objects.published() if "steroid" in s.question.lower()]
    assert asked == ["weak-immune-system"]
    assert "3 months" in question("weak-immune-system")
    assert "in the last year" in question("weak-immune-system")


def test_no_improvement_has_a_time_frame_and_is_asked_without_a_negative():
    text = question("persistent-pain")
    assert "4 weeks" in text
    assert not re.search(r"\bnot (improved|got better)\b", text)


def test_a_hand_or_fingers_alone_count_as_spreading_into_an_arm():
    text = question("numbness-or-weakness")
    assert "hand" in text and "thumb" in text


def test_dizziness_on_standing_up_is_told_apart_from_dizziness_on_turning_the_head():
    text = question("dizzy-when-turning-head")
    assert "stand up does not count" in text and "turn your head" in text


def test_the_checklist_says_once_at_the_top_how_to_answer_for_someone_else(client):
    soup = BeautifulSoup(client.get(reverse("guidance:checklist")).content, "lxml")
    notes = soup.find_all(string=re.compile("Answering for someone else"))
    assert len(notes) == 1
    assert notes[0].find_parent(class_="page-intro") is not None


def test_very_bad_and_getting_worse_are_two_questions_and_both_count_with_age(client):
    assert " or " not in question("severe-pain")
    assert "week" in question("pain-getting-worse")
    assert question("severe-pain") != question("pain-getting-worse")


def test_the_age_question_says_what_new_means():
    text = question("age-under-20-or-over-50")
    assert "in the last 3 months" in text and "not had back pain like it before" in text


def test_the_urgent_result_names_a_stiff_neck_with_a_fever_among_the_signs_to_call_for(client):
    response = client.post(reverse("guidance:checklist"), {"step": "other", "symptoms": ["fever"]})
    meanwhile = BeautifulSoup(response.content, "lxml").select_one(".result-meanwhile")
    assert "a stiff neck with a fever" in meanwhile.get_text()
