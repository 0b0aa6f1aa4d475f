"""The test patients: each gets the expected level from the checklist as loaded, with its source.

scenarios.json holds one patient per sign alone, per red flag in the review, per combination rule
(one that fires it and one a tick away), the patients of issues 11 and 14, the earlier ones, and (in a block of their own, before issue 14's)
the patients written from published cases.
Keys: patient, ticked, expected (the level the sources say the patient needs), source (the
checklist's sources that decide it); optional: fires (the combination rules that must fire,
most urgent first), near_miss (a rule the patient is one tick away from), flags (the red flags
the patient illustrates), none_apply, note, changed_from (the level before, with the note's why),
story and case (a published case told in plain words, and where it was published), and
checklist_gives (the level the checklist gives when it is not the expected one: the note says
what the rules miss, and docs/triage-validation.md counts it).
"""

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from guidance.models import CombinationRule, RedFlag, WarningSign
from guidance.selectors import checklist_combinations
from guidance.triage import assess

pytestmark = pytest.mark.django_db

SCENARIOS = json.loads((Path(__file__).parent / "scenarios.json").read_text(encoding="utf-8"))
BY_PATIENT = {scenario["patient"]: scenario for scenario in SCENARIOS}
PUBLISHED_CASES = [scenario for scenario in SCENARIOS if "case" in scenario]
NO_SIGN_SOURCE = "Triage: no warning sign ticked"

# The levels the test patients had before the red-flag review (issue 14). A patient may change level
# only with `changed_from` and a note that gives the source.
EARLIER_LEVELS = {
    "nothing ticked": "self-care",
    "only: chest-pain-or-breathlessness": "emergency",
    "only: bladder-or-bowel-problems": "emergency",
    "only: saddle-numbness": "emergency",
    "only: numbness-or-weakness-both-sides": "emergency",
    "only: numbness-or-weakness-getting-worse": "emergency",
    "only: numbness-or-weakness": "urgent",
    "only: fever": "urgent",
    "only: weight-loss": "urgent",
    "only: tearing-pain-between-shoulder-blades": "emergency",
    "only: sudden-severe-pain": "emergency",
    "only: serious-accident": "emergency",
    "only: minor-fall-with-weak-bones": "urgent",
    "only: after-an-injury": "routine",
    "only: pain-at-night-or-at-rest": "urgent",
    "only: pain-worse-coughing-or-sneezing": "urgent",
    "only: change-in-back-shape": "urgent",
    "only: severe-pain": "routine",
    "only: persistent-pain": "routine",
    "only: history-of-cancer": "urgent",
    "only: weak-immune-system": "urgent",
    "only: limitation-in-movement": "routine",
    "only: worried": "routine",
    "routine and emergency: worried, with chest pain": "emergency",
    "urgent and routine: fever, pain stopping daily life": "urgent",
    "urgent and emergency: history of cancer, bladder problems": "emergency",
    "all routine signs": "routine",
    "all urgent signs": "urgent",
    "every sign": "emergency",
    "one arm numb, slowly worsening pain: urgent": "urgent",
    "numbness in one arm that is getting worse": "emergency",
    "numbness in both arms": "emergency",
    "osteoporosis and a minor fall": "urgent",
    "car crash and persistent pain": "emergency",
    "tearing pain between shoulder blades, worried": "emergency",
    "sudden severe pain after the article's severe pain": "emergency",
    "steroids and night pain": "urgent",
    "weight loss, change in shape, coughing hurts": "urgent",
    "persistent pain and worried": "routine",
}


@pytest.fixture
def rules():
    """The rules as the checklist uses them: every published sign, in checklist order."""
    return [sign.to_rule() for sign in WarningSign.objects.published()]


@pytest.fixture
def combinations():
    return checklist_combinations()


def run(scenario, rules, combinations):
    return assess(
        ticked=scenario["ticked"],
        rules=rules,
        combinations=combinations,
        none_apply=scenario.get("none_apply", False),
    )


def labels(source: str) -> set[str]:
    return set(source.split("; "))


def level_given(scenario) -> str:
    """Return the level the checklist gives the patient today: the expected one unless noted."""
    return scenario.get("checklist_gives", scenario["expected"])


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s["patient"] for s in SCENARIOS])
def test_each_test_patient_gets_the_expected_level_reasons_and_combinations(
    scenario, rules, combinations
):
    assessment = run(scenario, rules, combinations)
    assert assessment.urgency == level_given(scenario)
    assert {rule.slug for rule in assessment.reasons} == set(scenario["ticked"])
    fired = [f.combination.slug for f in assessment.combinations]
    assert fired == scenario.get("fires", [])
    assert assessment.none_apply_ignored is bool(scenario.get("none_apply") and scenario["ticked"])


def answers(scenario) -> dict:
    data: dict = {"step": "other"}
    for sign in WarningSign.objects.filter(slug__in=scenario["ticked"]):
        data.setdefault("emergency" if sign.is_emergency else sign.group, []).append(sign.slug)
    if scenario.get("none_apply") or not scenario["ticked"]:
        data["none_apply"] = "on"
    return data


def test_every_test_patient_gets_the_same_level_through_the_checklist_page(client):
    url = reverse("guidance:checklist")
    levels = {}
    for scenario in SCENARIOS:
        response = client.post(url, answers(scenario))
        box = BeautifulSoup(response.content, "lxml").select_one("main [data-urgency]")
        levels[scenario["patient"]] = box["data-urgency"] if box else "no result"
    assert levels == {scenario["patient"]: level_given(scenario) for scenario in SCENARIOS}


def test_every_test_patient_names_a_source_the_checklist_uses():
    used = set()
    for model in (WarningSign, CombinationRule, RedFlag):
        for source in model.objects.values_list("source", flat=True):
            used |= labels(source)
    for scenario in SCENARIOS:
        if scenario["source"] == NO_SIGN_SOURCE:
            assert not scenario["ticked"], scenario["patient"]
        else:
            assert labels(scenario["source"]) <= used, scenario["patient"]


def test_the_patients_cover_every_sign_alone_and_nothing_ticked(rules):
    alone = {s["ticked"][0] for s in SCENARIOS if s["patient"].startswith("only: ")}
    assert alone == {rule.slug for rule in rules}
    assert BY_PATIENT["nothing ticked"]["ticked"] == []
    assert len(SCENARIOS) - len(PUBLISHED_CASES) == 168


def test_the_earlier_patients_keep_their_level_unless_a_note_gives_the_source():
    changed = {}
    for patient, level in EARLIER_LEVELS.items():
        scenario = BY_PATIENT[patient]
        if scenario["expected"] != level:
            assert scenario["changed_from"] == level
            changed[patient] = scenario["note"]
    assert list(changed) == ["all urgent signs"]
    # A history of cancer with numbness in one arm: suspected spinal cord compression.
    assert "NG234" in BY_PATIENT["all urgent signs"]["source"]
    assert "cancer-with-nerve-symptoms" in changed["all urgent signs"]


def test_every_red_flag_in_the_review_has_one_patient_with_only_that_flag():
    for flag in RedFlag.objects.select_related("warning_sign"):
        (scenario,) = [
            s
            for s in SCENARIOS
            if s.get("flags") == [flag.slug] and s["patient"].startswith("flag ")
        ]
        assert labels(scenario["source"]) & labels(flag.source), flag.slug
        if flag.warning_sign is not None:
            assert scenario["ticked"] == [flag.warning_sign.slug], flag.slug
        else:
            # Set aside: the patient has nothing (or something else) to tick; the note says why.
            assert scenario["note"], flag.slug


def test_every_combination_rule_has_a_patient_it_fires_for_and_one_a_tick_away(combinations):
    for combination in combinations:
        firing = [s for s in SCENARIOS if combination.slug in s.get("fires", [])]
        near = [s for s in SCENARIOS if s.get("near_miss") == combination.slug]
        assert firing and near, combination.slug
        for scenario in firing + near:
            assert labels(scenario["source"]) >= labels(combination.source), scenario["patient"]
        for scenario in near:
            assert not combination.matches(scenario["ticked"]), scenario["patient"]
            one_more = [
                s for s in combination.signs if combination.matches({*scenario["ticked"], s})
            ]
            assert one_more, f"{scenario['patient']} is more than one tick away"


@pytest.mark.parametrize(
    "patient",
    [
        "issue 14: injects drugs, upper back pain getting worse, no fever",
        "issue 14: three weeks after spinal surgery, pain getting worse, red scar",
    ],
)
def test_the_two_patients_of_issue_14_reach_urgent_and_would_not_without_the_new_question(
    patient, rules, combinations
):
    scenario = BY_PATIENT[patient]
    assert "fever" not in scenario["ticked"]
    assert run(scenario, rules, combinations).urgency == "urgent"
    new = {"injected-drugs", "spine-surgery-or-injection"}
    without = {**scenario, "ticked": [s for s in scenario["ticked"] if s not in new]}
    assert run(without, rules, combinations).urgency == "routine"


def test_at_least_20_patients_come_from_published_cases_8_of_them_needing_only_self_care():
    assert len(PUBLISHED_CASES) >= 20
    assert sum(1 for s in PUBLISHED_CASES if s["expected"] == "self-care") >= 8
    for scenario in PUBLISHED_CASES:
        assert scenario["patient"].startswith("published case: "), scenario["patient"]
        assert scenario["story"] and scenario["case"] and scenario["note"], scenario["patient"]
    # One block, so that other patients can be added before or after it without mixing.
    first = SCENARIOS.index(PUBLISHED_CASES[0])
    assert SCENARIOS[first : first + len(PUBLISHED_CASES)] == PUBLISHED_CASES


def test_a_patient_the_checklist_gets_wrong_says_so_and_why():
    wrong = [s for s in SCENARIOS if "checklist_gives" in s]
    for scenario in wrong:
        assert scenario["checklist_gives"] != scenario["expected"], scenario["patient"]
        assert scenario["note"], scenario["patient"]
    # Only published cases may disagree with the checklist: a rule's own patients never do.
    assert all("case" in scenario for scenario in wrong)
