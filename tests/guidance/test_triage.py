import json
from pathlib import Path

import pytest

from guidance.models import WarningSign
from guidance.triage import Assessment, Level, Rule, UnknownSignError, assess

pytestmark = pytest.mark.django_db

SCENARIOS = json.loads((Path(__file__).parent / "scenarios.json").read_text(encoding="utf-8"))

RULES = [
    Rule(slug="worried", question="Worried?", why="Say so.", urgency=Level.ROUTINE),
    Rule(slug="fever", question="Fever?", why="Infection.", urgency=Level.URGENT),
    Rule(slug="chest-pain", question="Chest pain?", why="Heart.", urgency=Level.EMERGENCY),
    Rule(slug="stuck", question="Stuck?", why="Daily life.", urgency=Level.ROUTINE),
]


@pytest.fixture
def fixture_rules():
    """The rules as the checklist uses them: every published sign of the guide's fixture."""
    return [sign.to_rule() for sign in WarningSign.objects.published()]


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s["patient"] for s in SCENARIOS])
def test_each_test_patient_gets_the_expected_urgency(scenario, fixture_rules):
    assessment = assess(ticked=scenario["ticked"], rules=fixture_rules)
    assert assessment.urgency == scenario["expected"]
    assert {rule.slug for rule in assessment.reasons} == set(scenario["ticked"])


def test_the_scenarios_cover_every_sign_alone_and_nothing_ticked(fixture_rules):
    alone = {s["ticked"][0] for s in SCENARIOS if len(s["ticked"]) == 1}
    assert alone == {rule.slug for rule in fixture_rules}
    assert any(not s["ticked"] for s in SCENARIOS)
    assert len(SCENARIOS) >= 25


def test_nothing_ticked_means_self_care_with_no_reasons():
    assert assess(ticked=[], rules=RULES) == Assessment(urgency=Level.SELF_CARE, reasons=())


def test_the_highest_urgency_wins_and_every_reason_is_listed_most_urgent_first():
    assessment = assess(ticked={"stuck", "worried", "chest-pain", "fever"}, rules=RULES)
    assert assessment.urgency is Level.EMERGENCY
    assert [rule.slug for rule in assessment.reasons] == ["chest-pain", "fever", "worried", "stuck"]


def test_a_sign_ticked_twice_is_listed_once():
    assessment = assess(ticked=["fever", "fever"], rules=RULES)
    assert [rule.slug for rule in assessment.reasons] == ["fever"]


def test_an_unknown_sign_is_rejected_rather_than_ignored():
    with pytest.raises(UnknownSignError):
        assess(ticked=["fever", "made-up"], rules=RULES)


def test_a_rule_cannot_have_the_self_care_level():
    with pytest.raises(ValueError):
        Rule(slug="fine", question="Fine?", why="-", urgency=Level.SELF_CARE)


def test_a_rule_reads_its_level_from_the_databases_text():
    assert Rule(slug="x", question="X?", why="-", urgency="urgent").urgency is Level.URGENT


def test_two_rules_with_the_same_slug_are_refused():
    with pytest.raises(ValueError):
        assess(ticked=[], rules=[RULES[0], RULES[0]])


@pytest.mark.parametrize(
    ("level", "offers"),
    [
        (Level.EMERGENCY, False),
        (Level.URGENT, False),
        (Level.ROUTINE, True),
        (Level.SELF_CARE, True),
    ],
)
def test_exercises_are_offered_only_for_routine_and_self_care(level, offers):
    assert Assessment(urgency=level).offers_exercises is offers
