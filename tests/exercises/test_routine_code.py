"""A routine's web address: read back exactly as written, and nothing in it can break the page."""

from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exercises.dosage import LIMITS, Dose
from exercises.models import Exercise
from exercises.routines import (
    MAX_EXERCISES,
    Adjustment,
    Entry,
    adjust,
    encode,
    encode_dose,
    estimate_seconds,
    is_valid,
    parse,
    parse_adjustment,
)

pytestmark = pytest.mark.django_db


def fake(slug: str, **dose) -> SimpleNamespace:
    return SimpleNamespace(slug=slug, dose=Dose(**dose))


STRETCH = fake(
    "upper-trapezius-stretch", repetitions=3, hold_seconds=20, each_side=True, times_per_day=2
)
ROW = fake("resistance-band-row", repetitions=10, sets=2, rest_seconds=60, days_per_week=3)
ROLL = fake("shoulder-roll", repetitions=5, directions=("backward", "forward"), times_per_day=2)
WORDED = fake(
    "neck-roll", repetitions=5, times_per_day=2, wording="Five slow circles, twice daily."
)
GUIDE = {exercise.slug: exercise for exercise in (STRETCH, ROW, ROLL, WORDED)}


@pytest.mark.parametrize(
    ("dose", "written"),
    [
        (STRETCH.dose, "3x20s.2/d"),
        (ROW.dose, "2x10.3/w"),
        (ROLL.dose, "5.2/d"),
        (Dose(hold_seconds=30, times_per_day=1), "30s.1/d"),
        (Dose(repetitions=10, sets=2, hold_seconds=5, days_per_week=3), "2x10x5s.3/w"),
        (Dose(), ""),
    ],
)
def test_a_dose_is_written_the_way_a_physiotherapist_would_jot_it(dose, written):
    assert encode_dose(dose) == written
    assert parse_adjustment(written) is not None


def test_a_routine_reads_back_in_order_with_every_dose():
    routine = parse("resistance-band-row:2x12.3/w,upper-trapezius-stretch:2x30s.1/d", GUIDE)
    assert routine.slugs == ["resistance-band-row", "upper-trapezius-stretch"]
    assert routine.entries[0].dose.describe() == (
        "Do 2 sets of 12, 3 days a week. Rest for 1 minute between sets."
    )
    assert routine.entries[1].dose.describe() == (
        "Hold for 30 seconds. Do it 2 times on each side, once a day."
    )
    assert routine.notes == []


def test_an_exercise_without_a_dose_in_the_link_keeps_the_guides_own():
    routine = parse("shoulder-roll", GUIDE)
    assert routine.entries[0].dose == ROLL.dose
    assert routine.code == "shoulder-roll:5.2/d"


def test_a_number_left_out_of_the_link_keeps_the_exercises_own():
    (entry,) = parse("upper-trapezius-stretch:5", GUIDE).entries
    assert (entry.dose.repetitions, entry.dose.hold_seconds) == (5, 20)
    assert entry.dose.each_side and entry.is_changed


def test_how_often_given_one_way_replaces_the_other():
    (entry,) = parse("upper-trapezius-stretch:3/w", GUIDE).entries
    assert (entry.dose.times_per_day, entry.dose.days_per_week) == (None, 3)


def test_the_clinics_own_wording_stays_until_the_patient_changes_a_number():
    assert parse("neck-roll:5.2/d", GUIDE).entries[0].dose.describe() == WORDED.dose.wording
    assert (
        parse("neck-roll:8.2/d", GUIDE).entries[0].dose.describe() == "Do it 8 times, twice a day."
    )


def test_unknown_exercises_repeats_and_bad_doses_are_dropped_with_notes_that_repeat_nothing():
    spam = "call-555-0100-for-pills"
    routine = parse(
        f"{spam},shoulder-roll,shoulder-roll:9.1/d,resistance-band-row:500,"
        "upper-trapezius-stretch:3/d.2/w",
        GUIDE,
    )
    assert routine.slugs == ["shoulder-roll", "resistance-band-row", "upper-trapezius-stretch"]
    # A bad dose falls back to the guide's; the exercise stays.
    assert routine.entries[1].dose == ROW.dose
    assert routine.entries[2].dose == STRETCH.dose
    assert routine.notes == [
        "1 exercise in this link is not in the guide (any more), so we left it out.",
        "An exercise was in the link more than once; it is shown once.",
        "2 doses in this link could not be used, so those exercises show the guide's own dose.",
    ]
    assert not any("555" in note for note in routine.notes)


@pytest.mark.parametrize(
    "dose_text",
    ["0", "51", "2x0", "7x10", "121s", "0s", "3/d.3/w", "9/d", "8/w", "10.12", "x", "10x", "-3"],
)
def test_a_dose_out_of_its_limits_or_unreadable_is_not_used(dose_text):
    routine = parse(f"resistance-band-row:{dose_text}", GUIDE)
    assert routine.entries[0].dose == ROW.dose
    assert len(routine.notes) == 1


def test_a_routine_keeps_its_first_twelve_exercises():
    guide = {
        f"exercise-{n}": fake(f"exercise-{n}", repetitions=5, times_per_day=1) for n in range(20)
    }
    routine = parse(",".join(guide), guide)
    assert routine.slugs == [f"exercise-{n}" for n in range(MAX_EXERCISES)]
    assert routine.notes == ["A routine holds up to 12 exercises; we kept the first ones."]


def test_a_huge_link_is_cut_before_it_is_read():
    routine = parse("shoulder-roll," + "x" * 100_000, GUIDE)
    assert routine.slugs == ["shoulder-roll"]
    assert routine.notes


def test_reordering_removing_and_changing_a_dose_make_new_routines():
    routine = parse("shoulder-roll,resistance-band-row,upper-trapezius-stretch", GUIDE)
    assert routine.moved(0, -1).slugs == routine.slugs
    assert routine.moved(2, 1).slugs == routine.slugs
    assert routine.moved(1, -1).slugs == [
        "resistance-band-row",
        "shoulder-roll",
        "upper-trapezius-stretch",
    ]
    assert routine.without(0).slugs == ["resistance-band-row", "upper-trapezius-stretch"]
    changed = routine.with_dose(1, adjust(ROW.dose, Adjustment(repetitions=15)))
    assert (
        changed.code
        == "shoulder-roll:5.2/d,resistance-band-row:2x15.3/w,upper-trapezius-stretch:3x20s.2/d"
    )
    assert routine.with_added(Entry(exercise=ROLL, dose=ROLL.dose)).slugs == routine.slugs


def test_a_session_is_estimated_from_holds_sides_directions_sets_and_rests():
    # 3 holds of 20 s (+2 s in and out) on each side, and 10 s to set up.
    assert estimate_seconds(STRETCH.dose) == 10 + 3 * 2 * 22
    # 2 sets of 10 at 3 s each, a minute's rest between the sets.
    assert estimate_seconds(ROW.dose) == 10 + 2 * 10 * 3 + 60
    assert estimate_seconds(ROLL.dose) == 10 + 5 * 2 * 3


@given(st.text(max_size=300))
def test_any_text_reads_as_a_routine_of_valid_doses_without_an_error(text):
    routine = parse(text, GUIDE)
    assert len(routine.entries) <= MAX_EXERCISES
    assert all(is_valid(entry.dose) for entry in routine.entries)
    assert len(routine.notes) <= 4


TOKENS = st.sampled_from(
    ["shoulder-roll", "resistance-band-row", "x", ":", ",", ".", "/", "d", "w", "s", "3", "20", "0"]
)


@given(st.lists(TOKENS, max_size=40).map("".join))
def test_text_made_of_the_codes_own_pieces_never_breaks_it_either(text):
    routine = parse(text, GUIDE)
    assert all(is_valid(entry.dose) for entry in routine.entries)
    # What the page then links to reads back the same.
    assert parse(routine.code, GUIDE).entries == routine.entries


def number(name):
    low, high = LIMITS[name][:2]
    return st.one_of(st.none(), st.integers(low, high))


ADJUSTMENTS = st.builds(
    Adjustment,
    repetitions=number("repetitions"),
    sets=number("sets"),
    hold_seconds=number("hold_seconds"),
    times_per_day=number("times_per_day"),
    days_per_week=st.none(),
)


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_every_routine_of_the_guides_exercises_reads_back_exactly_from_its_own_link(data):
    guide = {exercise.slug: exercise for exercise in Exercise.objects.published()}
    slugs = data.draw(st.lists(st.sampled_from(sorted(guide)), unique=True, max_size=MAX_EXERCISES))
    entries = []
    for slug in slugs:
        exercise = guide[slug]
        dose = adjust(exercise.dose, data.draw(ADJUSTMENTS))
        entries.append(Entry(exercise=exercise, dose=dose if is_valid(dose) else exercise.dose))
    code = encode(entries)
    routine = parse(code, guide)
    assert routine.notes == []
    assert [(e.slug, e.dose) for e in routine.entries] == [(e.slug, e.dose) for e in entries]
    assert len(code) <= 40 * len(entries)
