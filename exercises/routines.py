"""A routine: exercises in order, each with its dose, kept in a web address and nowhere else.

The public site stores nothing, so a patient's routine lives in its URL's `do` parameter, readable
enough to share with a physiotherapist:

    do=shoulder-roll:5.2/d,upper-trapezius-stretch:3x20s.2/d,resistance-band-row:2x10.3/w

Each entry is an exercise's slug, then after a colon its dose: a count (`10` repetitions, `2x10` two
sets of 10, `3x20s` 3 holds of 20 seconds, `20s` one hold, `2x10x5s` two sets of 10 holds of 5
seconds) and how often (`2/d` twice a day, `3/w` three days a week), separated by a full stop.
A number left out keeps the exercise's own. Whether it goes on a side, in which directions and how
long to rest always follow the exercise.

Pure on purpose (no ORM): the views hand over the published exercises by slug; anything in an
address that is not a published exercise or a valid dose is dropped with a note, never an error.
"""

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields, replace

from .dosage import LIMITS, Dose

# The most exercises a routine holds: two printed pages of 6.
MAX_EXERCISES = 12
# Longer addresses are cut before they are read, so a huge one costs no more than a fair one.
MAX_CODE_LENGTH = 1000
COUNT = re.compile(
    r"(?:(?:(?P<sets>\d{1,3})x)?(?P<reps>\d{1,3})x)?(?P<hold>\d{1,3})s"  # 2x10x5s, 3x20s, 20s
    r"|(?:(?P<sets2>\d{1,3})x)?(?P<reps2>\d{1,3})"  # 2x10, 10
)
OFTEN = re.compile(r"(?P<times>\d{1,2})/(?P<unit>[dw])")


@dataclass(frozen=True)
class Adjustment:
    """Numbers that replace an exercise's own; None keeps the exercise's."""

    repetitions: int | None = None
    sets: int | None = None
    hold_seconds: int | None = None
    times_per_day: int | None = None
    days_per_week: int | None = None

    def __bool__(self) -> bool:
        return any(getattr(self, name) is not None for name in ADJUSTABLE)


# The numbers a routine may change (an Adjustment's); the rest of a dose belongs to the exercise.
ADJUSTABLE = tuple(field.name for field in fields(Adjustment))


def adjust(base: Dose, change: Adjustment) -> Dose:
    """Return the exercise's dose with these numbers changed (how often: one way replaces the other)."""
    if not change:
        return base
    values = {
        name: getattr(change, name) for name in ADJUSTABLE if getattr(change, name) is not None
    }
    if change.times_per_day is not None:
        values.setdefault("days_per_week", None)
    if change.days_per_week is not None:
        values.setdefault("times_per_day", None)
    adjusted = replace(base, wording="", **values)
    # The same numbers keep the clinic's own words for them.
    return base if adjusted == replace(base, wording="") else adjusted


def dose_problems(dose: Dose) -> list[str]:
    """Return what is wrong with a dose: a number out of its range, or numbers that do not fit."""
    found = []
    for name, (low, high, _unit, _why) in LIMITS.items():
        value = getattr(dose, name)
        if value is not None and not low <= value <= high:
            found.append(name)
    return found + list(dose.problems())


def is_valid(dose: Dose) -> bool:
    return not dose_problems(dose)


@dataclass(frozen=True)
class Entry:
    """One exercise of a routine with its dose (an exercise from ExerciseQuerySet)."""

    exercise: object
    dose: Dose

    @property
    def slug(self) -> str:
        return self.exercise.slug

    @property
    def is_changed(self) -> bool:
        """Whether the dose differs from the exercise's own."""
        return self.dose != self.exercise.dose

    @property
    def minutes(self) -> float:
        """About how long it takes, in half minutes (at least one half)."""
        return max(1, round(estimate_seconds(self.dose) / 30)) / 2

    @property
    def tick_rows(self) -> range:
        """One row of a week's tick boxes per session a day (at most 3 rows on paper)."""
        return range(min(self.dose.times_per_day or 1, 3))


@dataclass
class Plan:
    """Exercises in order with their doses, and notes on what an address held that could not be used."""

    entries: list[Entry]
    notes: list[str]

    @property
    def slugs(self) -> list[str]:
        return [entry.slug for entry in self.entries]

    @property
    def code(self) -> str:
        return encode(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def __contains__(self, slug: str) -> bool:
        return slug in self.slugs

    @property
    def minutes(self) -> float:
        """About how long one session takes: its exercises' estimates added up, so removing one
        always shortens it, and the figures shown beside each add up to the total."""
        return sum(entry.minutes for entry in self.entries)

    def replaced(self, entries: list[Entry]) -> "Plan":
        return Plan(entries=entries, notes=[])

    def with_added(self, entry: Entry) -> "Plan":
        if entry.slug in self or len(self.entries) >= MAX_EXERCISES:
            return self.replaced(self.entries)
        return self.replaced([*self.entries, entry])

    def without(self, index: int) -> "Plan":
        return self.replaced([e for i, e in enumerate(self.entries) if i != index])

    def moved(self, index: int, step: int) -> "Plan":
        """Move one entry up (step -1) or down (step 1); at either end it stays."""
        entries = list(self.entries)
        other = index + step
        if 0 <= index < len(entries) and 0 <= other < len(entries):
            entries[index], entries[other] = entries[other], entries[index]
        return self.replaced(entries)

    def with_dose(self, index: int, dose: Dose) -> "Plan":
        entries = list(self.entries)
        entries[index] = replace(entries[index], dose=dose)
        return self.replaced(entries)


def encode_dose(dose: Dose) -> str:
    """Write a dose's numbers the way a routine's address carries them ("3x20s.2/d")."""
    count = ""
    prefix = f"{dose.sets}x" if dose.sets is not None else ""
    if dose.hold_seconds is not None:
        reps = f"{dose.repetitions}x" if dose.repetitions is not None else ""
        count = f"{prefix if reps else ''}{reps}{dose.hold_seconds}s"
    elif dose.repetitions is not None:
        count = f"{prefix}{dose.repetitions}"
    often = ""
    if dose.times_per_day is not None:
        often = f"{dose.times_per_day}/d"
    elif dose.days_per_week is not None:
        often = f"{dose.days_per_week}/w"
    return ".".join(part for part in (count, often) if part)


def encode(entries: Iterable[Entry]) -> str:
    """Write a routine as its `do` parameter: every number written out, so it reads the same later."""
    parts = []
    for entry in entries:
        dose = encode_dose(entry.dose)
        parts.append(f"{entry.slug}:{dose}" if dose else entry.slug)
    return ",".join(parts)


def parse_adjustment(text: str) -> Adjustment | None:
    """Read the dose part of an entry ("3x20s.2/d"); None when any piece of it cannot be read."""
    values: dict[str, int] = {}
    for token in text.lower().split("."):
        if match := COUNT.fullmatch(token):
            if "repetitions" in values or "hold_seconds" in values:
                return None
            groups = {key: int(value) for key, value in match.groupdict().items() if value}
            sets = groups.get("sets", groups.get("sets2"))
            reps = groups.get("reps", groups.get("reps2"))
            if "hold" in groups:
                values["hold_seconds"] = groups["hold"]
            if reps is not None:
                values["repetitions"] = reps
            if sets is not None:
                values["sets"] = sets
        elif match := OFTEN.fullmatch(token):
            if "times_per_day" in values or "days_per_week" in values:
                return None
            name = "times_per_day" if match["unit"] == "d" else "days_per_week"
            values[name] = int(match["times"])
        elif token:
            return None
    return Adjustment(**values)


def parse(code: str, exercises: Mapping[str, object]) -> Plan:
    """Read a routine's `do` parameter against the published exercises (by slug).

    Unknown exercises, repeats, doses that cannot be read or are out of range, and anything past
    the 12th exercise are left out, each kind with one note that never repeats what was written.
    """
    entries: list[Entry] = []
    unknown = repeated = bad_doses = too_many = 0
    truncated = len(code) > MAX_CODE_LENGTH
    # Split no further than a full routine and a little more: the rest is cut anyway.
    pieces = code[:MAX_CODE_LENGTH].split(",", MAX_EXERCISES * 2)
    if truncated or len(pieces) > MAX_EXERCISES * 2:
        too_many += 1
    for piece in pieces[: MAX_EXERCISES * 2]:
        slug, _, dose_text = piece.strip().partition(":")
        if not slug and not dose_text:
            continue
        exercise = exercises.get(slug.lower())
        if exercise is None:
            unknown += 1
            continue
        if any(entry.slug == exercise.slug for entry in entries):
            repeated += 1
            continue
        if len(entries) >= MAX_EXERCISES:
            too_many += 1
            continue
        dose = exercise.dose
        if dose_text:
            change = parse_adjustment(dose_text)
            candidate = adjust(dose, change) if change is not None else None
            if candidate is None or not is_valid(candidate):
                bad_doses += 1
            else:
                dose = candidate
        entries.append(Entry(exercise=exercise, dose=dose))
    notes = []
    if unknown:
        notes.append(
            f"{_count(unknown, 'exercise')} in this link {'is' if unknown == 1 else 'are'} not in "
            "the guide (any more), so we left "
            f"{'it' if unknown == 1 else 'them'} out."
        )
    if repeated:
        notes.append("An exercise was in the link more than once; it is shown once.")
    if bad_doses:
        notes.append(
            f"{_count(bad_doses, 'dose')} in this link could not be used, so "
            f"{'that exercise shows' if bad_doses == 1 else 'those exercises show'} "
            "the guide's own dose."
        )
    if too_many:
        notes.append(f"A routine holds up to {MAX_EXERCISES} exercises; we kept the first ones.")
    return Plan(entries=entries, notes=notes)


def _count(n: int, noun: str) -> str:
    return f"1 {noun}" if n == 1 else f"{n} {noun}s"


# How long one repetition takes without a hold, setting up each exercise, and a hold's way in and out.
SECONDS_PER_MOVE = 3
SECONDS_TO_SET_UP = 10
SECONDS_INTO_A_HOLD = 2


def estimate_seconds(dose: Dose) -> int:
    """Estimate one session of a dose, for "about N minutes"; wording alone counts as a minute."""
    if not (dose.repetitions or dose.hold_seconds):
        return 60
    each = dose.hold_seconds + SECONDS_INTO_A_HOLD if dose.hold_seconds else SECONDS_PER_MOVE
    reps = dose.repetitions or 1
    ways = max(1, len(dose.directions))
    sides = 2 if dose.each_side else 1
    sets = dose.sets or 1
    moving = sets * reps * ways * sides * each
    rest = 0
    if dose.rest_seconds:
        rest = dose.rest_seconds * (sets - 1 if sets > 1 else reps - 1)
    return SECONDS_TO_SET_UP + moving + rest
