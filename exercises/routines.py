"""A routine: exercises in order, each with its dose, kept in a web address and nowhere else.

The public site stores nothing, so a patient's routine lives in its URL's `do` parameter, readable
enough to share with a physiotherapist:

    do=shoulder-roll:5.2/d,upper-trapezius-stretch:3x20s.2/d,resistance-band-row:2x10.3/w

Each entry is an exercise's slug, then after a colon its dose: a count (`10` repetitions, `2x10` two
sets of 10, `3x20s` 3 holds of 20 seconds, `20s` one hold, `2x10x5s` two sets of 10 holds of 5
seconds) and how often (`2/d` twice a day, `3/w` three days a week), separated by a full stop.
A number left out keeps the exercise's own. Whether it goes on a side, in which directions and how
long to rest always follow the exercise.

A physiotherapist may add a progression to an entry (`up1to15`: one more repetition each week up
to 15; `up5sto30s`: hold 5 seconds longer each week up to 30) and a start date to the routine
(`start:2026-12-07`, always written first), so the same address gives the dose of the day:

    do=start:2026-12-07,shoulder-roll:5.2/d.up1to15,upper-trapezius-stretch:3x20s.2/d.up5sto30s

The dose in the address is the starting one; `dose_on()` gives the dose for a day.

Pure on purpose (no ORM): the views hand over the published exercises by slug; anything in an
address that is not a published exercise or a valid dose is dropped with a note, never an error.
"""

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields, replace
from datetime import date

from .dosage import LIMITS, Dose, estimate_seconds

# The most exercises a routine holds: two printed pages of 6.
MAX_EXERCISES = 12
# Longer addresses are cut before they are read, so a huge one costs no more than a fair one.
MAX_CODE_LENGTH = 1000
COUNT = re.compile(
    r"(?:(?:(?P<sets>\d{1,3})x)?(?P<reps>\d{1,3})x)?(?P<hold>\d{1,3})s"  # 2x10x5s, 3x20s, 20s
    r"|(?:(?P<sets2>\d{1,3})x)?(?P<reps2>\d{1,3})"  # 2x10, 10
)
OFTEN = re.compile(r"(?P<times>\d{1,2})/(?P<unit>[dw])")
PROGRESSION = re.compile(r"up(?P<step>\d{1,3})(?P<unit>s?)to(?P<up_to>\d{1,3})(?P=unit)")
START = "start"
# The start dates an address may carry: a routine from before 2020 or after 2099 is a slip.
FIRST_START, LAST_START = date(2020, 1, 1), date(2099, 12, 31)


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


# What a progression may grow, with the largest weekly step a physiotherapist would give.
GROWS = {"repetitions": 10, "hold_seconds": 30}


@dataclass(frozen=True)
class Progression:
    """A dose that grows each week from the routine's start: `step` more, up to `up_to`."""

    grows: str
    step: int
    up_to: int

    def fits(self, dose: Dose) -> bool:
        """Whether it can grow this dose: the dose has the number, and the target is in range."""
        if self.grows not in GROWS or not 1 <= self.step <= GROWS[self.grows]:
            return False
        now = getattr(dose, self.grows)
        low, high, _unit, _why = LIMITS[self.grows]
        return now is not None and now < self.up_to <= high and low <= self.up_to

    def describe(self) -> str:
        """Say it in plain words: "One more repetition each week, up to 15." """
        if self.grows == "hold_seconds":
            return f"Hold {self.step} seconds longer each week, up to {self.up_to} seconds."
        more = "One more repetition" if self.step == 1 else f"{self.step} more repetitions"
        return f"{more} each week, up to {self.up_to}."

    @property
    def code(self) -> str:
        unit = "s" if self.grows == "hold_seconds" else ""
        return f"up{self.step}{unit}to{self.up_to}{unit}"


@dataclass(frozen=True)
class Entry:
    """One exercise of a routine with its dose (an exercise from ExerciseQuerySet)."""

    exercise: object
    dose: Dose
    progression: Progression | None = None

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
    start: date | None = None

    @property
    def slugs(self) -> list[str]:
        return [entry.slug for entry in self.entries]

    @property
    def code(self) -> str:
        return encode(self.entries, start=self.start)

    @property
    def diary_code(self) -> str:
        """The code without its start date, under which an earlier version kept the diary (the
        diary's script takes it into the phone's one diary)."""
        return encode(self.entries)

    @property
    def progresses(self) -> bool:
        """Whether its doses change with the date (a start date and a progression)."""
        return self.start is not None and any(e.progression for e in self.entries)

    def entries_on(self, day: date) -> list[Entry]:
        """Return the entries with that day's doses, to show (the address keeps the starting ones)."""
        return [
            replace(entry, dose=dose_on(entry, start=self.start, day=day)) for entry in self.entries
        ]

    def __len__(self) -> int:
        return len(self.entries)

    def __contains__(self, slug: str) -> bool:
        return slug in self.slugs

    @property
    def minutes(self) -> float:
        """About how long one session takes: its exercises' estimates added up, so removing one
        always shortens it, and the figures shown beside each add up to the total."""
        return sum(entry.minutes for entry in self.entries)

    def entry_for(self, slug: str) -> Entry | None:
        return next((entry for entry in self.entries if entry.slug == slug), None)

    def neighbours(self, slug: str) -> tuple[Entry | None, Entry | None]:
        """Return the entries just before and after this exercise's, in the routine's order."""
        index = self.slugs.index(slug)
        before = self.entries[index - 1] if index else None
        after = self.entries[index + 1] if index + 1 < len(self.entries) else None
        return before, after

    def replaced(self, entries: list[Entry]) -> "Plan":
        return Plan(entries=entries, notes=[], start=self.start)

    def starting(self, start: date | None) -> "Plan":
        return Plan(entries=list(self.entries), notes=[], start=start)

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

    def with_dose(self, index: int, dose: Dose, progression: Progression | None = None) -> "Plan":
        """Give one entry a new dose and progression (one that does not fit the dose is dropped)."""
        entries = list(self.entries)
        if progression is not None and not progression.fits(dose):
            progression = None
        entries[index] = replace(entries[index], dose=dose, progression=progression)
        return self.replaced(entries)


def dose_on(entry: Entry, *, start: date | None, day: date) -> Dose:
    """Return an entry's dose on a day: grown by its progression for each whole week since start."""
    progression = entry.progression
    if progression is None or start is None or day < start:
        return entry.dose
    now = getattr(entry.dose, progression.grows)
    grown = min(progression.up_to, now + (day - start).days // 7 * progression.step)
    if grown == now:
        return entry.dose
    return replace(entry.dose, wording="", **{progression.grows: grown})


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


def encode(entries: Iterable[Entry], start: date | None = None) -> str:
    """Write a routine as its `do` parameter: every number written out, so it reads the same later."""
    parts = [f"{START}:{start.isoformat()}"] if start else []
    for entry in entries:
        dose = ".".join(
            part
            for part in (encode_dose(entry.dose), entry.progression and entry.progression.code)
            if part
        )
        parts.append(f"{entry.slug}:{dose}" if dose else entry.slug)
    return ",".join(parts)


def parse_progression(text: str) -> Progression | None:
    """Read a progression ("up1to15", "up5sto30s"); None when it is not one."""
    if match := PROGRESSION.fullmatch(text.lower()):
        grows = "hold_seconds" if match["unit"] else "repetitions"
        return Progression(grows=grows, step=int(match["step"]), up_to=int(match["up_to"]))
    return None


def parse_start(text: str) -> date | None:
    """Read a start date ("2026-12-07"); None when it is not a date in range."""
    try:
        start = date.fromisoformat(text)
    except ValueError:
        return None
    return start if len(text) == 10 and FIRST_START <= start <= LAST_START else None


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
    start = None
    unknown = repeated = bad_doses = too_many = bad_progressions = bad_start = 0
    truncated = len(code) > MAX_CODE_LENGTH
    # Split no further than a full routine and a little more: the rest is cut anyway.
    pieces = code[:MAX_CODE_LENGTH].split(",", MAX_EXERCISES * 2)
    if truncated or len(pieces) > MAX_EXERCISES * 2:
        too_many += 1
    for piece in pieces[: MAX_EXERCISES * 2]:
        slug, _, dose_text = piece.strip().partition(":")
        if not slug and not dose_text:
            continue
        if slug.lower() == START and START not in exercises:
            if start is None and (start := parse_start(dose_text)) is None:
                bad_start += 1
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
        # A progression is the dose's last part.
        count_text, _, last = dose_text.rpartition(".")
        progression = parse_progression(last)
        if last.lower().startswith("up"):
            dose_text = count_text
        if dose_text:
            change = parse_adjustment(dose_text)
            candidate = adjust(dose, change) if change is not None else None
            if candidate is None or not is_valid(candidate):
                bad_doses += 1
            else:
                dose = candidate
        if last.lower().startswith("up") and (progression is None or not progression.fits(dose)):
            bad_progressions += 1
            progression = None
        entries.append(Entry(exercise=exercise, dose=dose, progression=progression))
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
    if bad_progressions:
        notes.append(
            f"{_count(bad_progressions, 'weekly increase')} in this link could not be used, so "
            f"{'that exercise keeps its' if bad_progressions == 1 else 'those exercises keep their'}"
            " dose every week."
        )
    if bad_start:
        notes.append("The start date in this link could not be used; it was left out.")
    return Plan(entries=entries, notes=notes, start=start)


def _count(n: int, noun: str) -> str:
    return f"1 {noun}" if n == 1 else f"{n} {noun}s"
