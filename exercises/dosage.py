"""How many, how long and how often: an exercise's dose, its limits, and the dose in plain words.

Pure on purpose (no ORM): the exercise model, the admin's preview and any other place that holds a
dose (a routine) build a `Dose` and ask it to describe or check itself.
"""

import re
from dataclasses import dataclass, fields

# The limits staff may enter, with why, per number (lowest, highest, unit, why).
LIMITS: dict[str, tuple[int, int, str, str]] = {
    "repetitions": (
        1,
        50,
        "times",
        "The guide's largest number is 20 (arm circles); 50 leaves room but catches slips like 500.",
    ),
    "sets": (1, 6, "sets", "Handouts use 1 to 5 sets; more than 6 is almost certainly a mistake."),
    "hold_seconds": (
        1,
        120,
        "seconds",
        "Stretches hold 15 to 30 seconds, short holds about 5; 2 minutes catches minutes typed "
        "as seconds. Leave it empty when there is no hold.",
    ),
    "rest_seconds": (5, 300, "seconds", "Handouts rest 1 to 2 minutes between sets."),
    "times_per_day": (1, 6, "times a day", "More than 6 sessions a day is not a home programme."),
    "days_per_week": (1, 7, "days a week", "7 is printed as “every day”."),
}


def _times(n: int) -> str:
    return "once" if n == 1 else f"{n} times"


def _seconds(n: int) -> str:
    if n % 60 == 0:
        minutes = n // 60
        return "1 minute" if minutes == 1 else f"{minutes} minutes"
    return "1 second" if n == 1 else f"{n} seconds"


@dataclass(frozen=True)
class Dose:
    """One exercise's dose. Empty numbers are None; `wording` replaces the generated words."""

    repetitions: int | None = None
    sets: int | None = None
    hold_seconds: int | None = None
    each_side: bool = False
    side_label: str = ""
    directions: tuple[str, ...] = ()
    rest_seconds: int | None = None
    times_per_day: int | None = None
    days_per_week: int | None = None
    wording: str = ""

    @classmethod
    def of(cls, source) -> "Dose":
        """Build the dose from any object with these attributes (an exercise, a routine item)."""
        values = {field.name: getattr(source, field.name) for field in fields(cls)}
        directions = values["directions"]
        if isinstance(directions, str):
            values["directions"] = tuple(d.strip() for d in directions.split(",") if d.strip())
        return cls(**values)

    @property
    def is_empty(self) -> bool:
        return not (self.wording or self.repetitions or self.hold_seconds or self.frequency)

    @property
    def side(self) -> str:
        if not self.each_side:
            return ""
        return f" with each {self.side_label}" if self.side_label else " on each side"

    @property
    def frequency(self) -> str:
        per_day = {1: "once a day", 2: "twice a day"}.get(self.times_per_day or 0)
        if self.times_per_day and not per_day:
            per_day = f"{self.times_per_day} times a day"
        per_week = ""
        if self.days_per_week == 7:
            per_week = "" if per_day else "every day"
        elif self.days_per_week:
            per_week = f"{self.days_per_week} day{'s' if self.days_per_week > 1 else ''} a week"
        return ", ".join(part for part in (per_day, per_week) if part)

    def describe(self) -> str:
        """Return the dose in plain words: "Hold for 20 seconds. Do it 3 times on each side, twice a day." """
        if self.wording:
            return self.wording
        reps, sets = self.repetitions, self.sets if (self.sets or 0) > 1 else None
        often = f", {self.frequency}" if self.frequency else ""
        sentences = []
        if self.hold_seconds:
            # With no count, "each side" belongs to the hold itself.
            sentences.append(
                f"Hold for {_seconds(self.hold_seconds)}{'' if reps or sets else self.side}."
            )
        if reps and len(self.directions) > 1:
            each_way = ", then ".join(f"{_times(reps)} {way}" for way in self.directions)
            if sets:
                sentences += [f"Do it {each_way}{self.side}.", f"Do {sets} sets{often}."]
            else:
                sentences.append(f"Do it {each_way}{self.side}{often}.")
        elif reps and sets:
            sentences.append(f"Do {sets} sets of {reps}{self.side}{often}.")
        elif reps:
            sentences.append(f"Do it {_times(reps)}{self.side}{often}.")
        elif self.frequency:
            sentences.append(f"Do it {self.frequency}.")
        if self.rest_seconds and (sets or (reps or 0) > 1):
            between = "sets" if sets else "each one"
            sentences.append(f"Rest for {_seconds(self.rest_seconds)} between {between}.")
        return " ".join(sentences)

    def problems(self) -> dict[str, str]:
        """Return what does not fit together, by field, in words for the clinic's staff.

        Each number's own range is checked by its field; this checks the dose as a whole. No dose
        at all is allowed (a draft being written): the page then says to start with a few.
        """
        found = {}
        if self.is_empty and not (self.sets or self.rest_seconds or self.directions):
            return found
        if not (self.repetitions or self.hold_seconds or self.wording):
            found["repetitions"] = (
                "Give a number of repetitions or a hold time (or both): otherwise there is "
                "nothing to do."
            )
        if not (self.times_per_day or self.days_per_week or self.wording):
            found["times_per_day"] = (
                "Say how often: times a day (stretches, mobility) or days a week (strength)."
            )
        if self.times_per_day and self.days_per_week:
            found["days_per_week"] = "Choose times a day or days a week, not both."
        if (self.sets or 0) > 1 and not self.repetitions:
            found["sets"] = "Sets need a number of repetitions in each set."
        if self.rest_seconds and not ((self.sets or 0) > 1 or (self.repetitions or 0) > 1):
            found["rest_seconds"] = (
                "A rest only makes sense between sets or repetitions; add them or clear the rest."
            )
        if self.directions and (len(self.directions) < 2 or not self.repetitions):
            found["directions"] = (
                "Give two or more directions (e.g. “backward, forward”) and a number of "
                "repetitions for each, or leave it empty."
            )
        minutes = round(estimate_seconds(self) / 60)
        if minutes > LONGEST_MINUTES:
            found["repetitions"] = (
                f"These numbers take about {minutes} minutes each time: check them. One exercise "
                f"takes {LONGEST_MINUTES} minutes at most (a stretch held 30 seconds 3 times "
                "takes about 2)."
            )
        if self.side_label and not self.each_side:
            found["side_label"] = (
                "A side word (such as “leg”) only applies with “each side” ticked."
            )
        return found


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


# One session of one exercise longer than this is a slip (40 repetitions held 110 seconds each is
# 75 minutes); the guide's longest, a strength exercise in sets with rests, takes about 4.
LONGEST_MINUTES = 15


# A count or a hold as a step writes it ("20 times", "20 seconds").
STATED_TIMES = re.compile(r"\b\d+ times\b")
STATED_SECONDS = re.compile(r"\b\d+ seconds?\b")


def with_dose_numbers(text: str, dose: Dose) -> str:
    """Return a step's text with the count and hold it states taken from this dose.

    "Circle your arms forward 20 times" under a dose of 10 reads "... 10 times"; a number the
    dose does not give stays as written.
    """
    if dose.repetitions:
        text = STATED_TIMES.sub(_times(dose.repetitions), text)
    if dose.hold_seconds:
        text = STATED_SECONDS.sub(_seconds(dose.hold_seconds), text)
    return text


# The fields that make a dose, on every model that holds one (an exercise's dose is signed off).
DOSE_FIELDS = tuple(field.name for field in fields(Dose))
