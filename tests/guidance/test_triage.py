"""The triage on its own: pure functions over made-up rules (the test patients are in test_scenarios)."""

import pytest

from guidance.triage import (
    CONTEXT,
    Assessment,
    Combination,
    FiredCombination,
    Level,
    Rule,
    UnknownSignError,
    assess,
    combination_problems,
)

RULES = [
    Rule(slug="worried", question="Worried?", why="Say so.", urgency=Level.ROUTINE),
    Rule(slug="fever", question="Fever?", why="Infection.", urgency=Level.URGENT),
    Rule(slug="chest-pain", question="Chest pain?", why="Heart.", urgency=Level.EMERGENCY),
    Rule(slug="stuck", question="Stuck?", why="Daily life.", urgency=Level.ROUTINE),
    Rule(slug="old", question="Over 50?", why="Context.", urgency=CONTEXT),
    Rule(slug="cancer", question="Cancer?", why="Spread.", urgency=Level.URGENT),
]


def combo(slug="c", urgency=Level.URGENT, **kwargs) -> Combination:
    return Combination(slug=slug, summary="S", why="W", urgency=urgency, source="X", **kwargs)


def fired_slugs(assessment) -> list[str]:
    return [fired.combination.slug for fired in assessment.combinations]


def test_nothing_ticked_means_self_care_with_no_reasons():
    combinations = [combo(all_of=["old", "stuck"])]
    assert assess(ticked=[], rules=RULES, combinations=combinations) == Assessment(
        urgency=Level.SELF_CARE, reasons=()
    )


def test_the_highest_urgency_wins_and_every_reason_is_listed_most_urgent_first_context_last():
    assessment = assess(ticked={"old", "stuck", "worried", "chest-pain", "fever"}, rules=RULES)
    assert assessment.urgency is Level.EMERGENCY
    assert [rule.slug for rule in assessment.reasons] == [
        "chest-pain",
        "fever",
        "worried",
        "stuck",
        "old",
    ]


def test_a_context_sign_alone_is_self_care_but_is_still_listed_as_a_reason():
    assessment = assess(ticked=["old"], rules=RULES)
    assert assessment.urgency is Level.SELF_CARE
    assert [rule.slug for rule in assessment.reasons] == ["old"]
    assert assessment.reasons[0].level == CONTEXT


def test_a_context_sign_reads_from_the_databases_text_and_from_none():
    assert Rule(slug="a", question="A?", why="-", urgency="context").urgency is None
    assert Rule(slug="a", question="A?", why="-", urgency=None).level == CONTEXT


def test_none_of_these_never_blocks_a_ticked_sign_and_is_noted_as_ignored():
    assessment = assess(ticked=["chest-pain"], rules=RULES, none_apply=True)
    assert assessment.urgency is Level.EMERGENCY
    assert assessment.none_apply_ignored
    alone = assess(ticked=[], rules=RULES, none_apply=True)
    assert alone.urgency is Level.SELF_CARE
    assert not alone.none_apply_ignored


def test_a_combination_of_all_of_signs_needs_every_one_of_them():
    c = combo(all_of=["old", "stuck"])
    assert c.min_any == 0
    assert c.matches({"old", "stuck", "worried"})
    assert not c.matches({"old"})
    assert assess(ticked=["old", "stuck"], rules=RULES, combinations=[c]).urgency is Level.URGENT
    assert assess(ticked=["stuck"], rules=RULES, combinations=[c]).urgency is Level.ROUTINE


def test_a_combination_of_any_of_signs_needs_min_any_of_them():
    c = combo(any_of=["worried", "stuck", "old"], min_any=2)
    assert not c.matches({"worried"})
    assert c.matches({"worried", "old"})
    assert c.matches({"worried", "old", "stuck"})


def test_a_combination_that_fires_decides_the_level_and_names_the_signs_it_counted():
    c = combo(all_of=["old"], any_of=["worried", "stuck", "fever"], urgency=Level.EMERGENCY)
    assert c.min_any == 1
    assert not c.matches({"old"})
    assert not c.matches({"worried", "stuck"})
    assessment = assess(ticked=["stuck", "old", "worried"], rules=RULES, combinations=[c])
    assert assessment.urgency is Level.EMERGENCY
    (fired,) = assessment.combinations
    assert fired.combination == c
    # In checklist order, not in the order they were ticked.
    assert [rule.slug for rule in fired.signs] == ["worried", "stuck", "old"]
    assert assessment.deciding == (fired,)
    assert assessment.deciding_combinations == (fired,)
    assert assessment.decided_by_combination


def test_a_combination_below_a_ticked_signs_level_fires_but_never_lowers_the_level():
    c = combo(all_of=["old", "worried"], urgency=Level.URGENT)
    assessment = assess(ticked=["old", "worried", "chest-pain"], rules=RULES, combinations=[c])
    assert assessment.urgency is Level.EMERGENCY
    assert fired_slugs(assessment) == ["c"]
    assert assessment.deciding_combinations == ()
    assert [rule.slug for rule in assessment.deciding] == ["chest-pain"]
    assert not assessment.decided_by_combination


def test_a_combination_at_the_same_level_as_a_sign_shares_the_decision_with_it():
    c = combo(all_of=["old", "cancer"], urgency=Level.URGENT)
    assessment = assess(ticked=["old", "cancer"], rules=RULES, combinations=[c])
    deciding = assessment.deciding
    assert [type(d) for d in deciding] == [FiredCombination, Rule]
    assert not assessment.decided_by_combination


def test_fired_combinations_are_listed_most_urgent_first():
    low = combo("low", urgency=Level.ROUTINE, all_of=["old", "worried"])
    high = combo("high", urgency=Level.EMERGENCY, all_of=["old", "cancer"])
    assessment = assess(ticked=["old", "worried", "cancer"], rules=RULES, combinations=[low, high])
    assert fired_slugs(assessment) == ["high", "low"]


def test_a_combination_naming_a_sign_off_the_checklist_cannot_fire_and_breaks_nothing():
    c = combo(all_of=["old", "unpublished"])
    assessment = assess(ticked=["old"], rules=RULES, combinations=[c])
    assert assessment.urgency is Level.SELF_CARE
    assert assessment.combinations == ()


@pytest.mark.parametrize(
    "kwargs",
    [
        {"all_of": ["old"]},
        {"any_of": ["old", "stuck"]},
        {"all_of": ["old"], "any_of": ["old", "stuck"]},
        {"any_of": ["old", "stuck"], "min_any": 3},
        {"all_of": ["old", "stuck"], "any_of": ["worried"], "min_any": 0},
        {"all_of": ["old", "stuck"], "min_any": 1},
        {"all_of": ["old", "stuck"], "urgency": Level.SELF_CARE},
        {"all_of": "old-and-stuck"},
    ],
    ids=[
        "one sign",
        "one of two",
        "a sign in both lists",
        "three of two",
        "none of the choices",
        "a count without choices",
        "self-care",
        "a string, not a list",
    ],
)
def test_a_combination_that_cannot_be_meant_is_refused(kwargs):
    with pytest.raises((ValueError, TypeError)):
        combo(**kwargs)


def test_the_reasons_a_combination_is_refused_are_in_words_an_editor_understands():
    assert combination_problems(["old"], [], 0) == [
        "A combination needs at least two ticked questions to fire; one question's level "
        "is set on the question itself."
    ]
    assert "from 1 to 2" in combination_problems([], ["old", "stuck"], 3)[0]
    assert "both" in combination_problems(["old"], ["old", "stuck"], 1)[0]
    assert combination_problems(["old"], ["stuck", "worried"], 1) == []


def test_a_combination_reads_its_level_and_lists_from_the_databases_types():
    c = combo(all_of=["old", "old", "stuck"], urgency="emergency")
    assert c.urgency is Level.EMERGENCY
    assert c.all_of == ("old", "stuck")


def test_two_combinations_with_the_same_slug_are_refused():
    c = combo(all_of=["old", "stuck"])
    with pytest.raises(ValueError):
        assess(ticked=[], rules=RULES, combinations=[c, c])


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


def partner_slugs(assessment) -> list[tuple[str, list[str]]]:
    (alone,) = assessment.alone
    return [(level, [rule.slug for rule in rules]) for level, rules in alone.partners]


def test_a_context_sign_alone_names_the_signs_that_ticked_with_it_would_raise_the_level():
    combinations = [
        combo("age-and-stuck", urgency=Level.URGENT, all_of=["old"], any_of=["stuck", "worried"]),
        combo("age-stuck-worried", urgency=Level.EMERGENCY, all_of=["old", "stuck", "worried"]),
        # Fever is urgent alone: with age it adds nothing, so it is no partner.
        combo("age-and-fever", urgency=Level.URGENT, all_of=["old", "fever"]),
    ]
    assessment = assess(ticked=["old"], rules=RULES, combinations=combinations)
    assert assessment.urgency is Level.SELF_CARE
    assert [sign.rule.slug for sign in assessment.alone] == ["old"]
    # One more sign fires the urgent rule; the emergency one needs two more, so it is not named.
    assert partner_slugs(assessment) == [(Level.URGENT, ["worried", "stuck"])]

    with_stuck = assess(ticked=["old", "stuck"], rules=RULES, combinations=combinations)
    assert with_stuck.urgency is Level.URGENT
    assert with_stuck.alone == ()


def test_a_context_sign_in_no_combination_is_alone_with_no_partners():
    assessment = assess(ticked=["old", "worried"], rules=RULES)
    assert assessment.urgency is Level.ROUTINE
    assert partner_slugs(assessment) == []
