"""The open triage validation: every test patient run through the triage, with the totals set beside
the published figures for symptom checkers.

Pure on purpose, like the triage: it takes the patients, the rules and the combinations, and returns
the report as Markdown. The same inputs give the same text (no dates, no timings), so CI can
regenerate it and compare it with the committed file.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .triage import Combination, Level, Rule, assess

# Where the patients are kept, and the two documents: the generated one and the lay readers' one,
# which is written by hand and never regenerated.
SCENARIOS_PATH = "tests/guidance/scenarios.json"
REPORT_PATH = "docs/triage-validation.md"
LAY_READERS_PATH = "docs/triage-lay-readers.md"


@dataclass(frozen=True)
class Outcome:
    """One test patient: what the sources say they need and what the checklist gives them."""

    patient: str
    story: str
    case: str
    source: str
    ticked: tuple[str, ...]
    expected: Level
    actual: Level
    note: str

    @property
    def published_case(self) -> bool:
        """Whether the patient was written from a published case, not from a rule."""
        return bool(self.case)

    @property
    def verdict(self) -> str:
        if self.actual.rank > self.expected.rank:
            return "under-triaged"
        if self.actual.rank < self.expected.rank:
            return "over-triaged"
        return "right level"


def run_patients(
    scenarios: Sequence[Mapping], rules: Sequence[Rule], combinations: Sequence[Combination] = ()
) -> list[Outcome]:
    """Return every patient's outcome through the triage, in the file's order."""
    outcomes = []
    for scenario in scenarios:
        assessment = assess(
            ticked=scenario["ticked"],
            rules=rules,
            combinations=combinations,
            none_apply=scenario.get("none_apply", False),
        )
        outcomes.append(
            Outcome(
                patient=scenario["patient"],
                story=scenario.get("story", ""),
                case=scenario.get("case", ""),
                source=scenario["source"],
                ticked=tuple(scenario["ticked"]),
                expected=Level(scenario["expected"]),
                actual=assessment.urgency,
                note=scenario.get("note", ""),
            )
        )
    return outcomes


@dataclass(frozen=True)
class Totals:
    """The four figures of the issue, and two more the published studies report."""

    patients: int
    emergencies: int
    emergencies_caught: int
    could_be_under: int  # every patient who needs more than self-care
    under: int
    could_be_over: int  # every patient who needs less than an emergency
    over: int
    self_care: int
    self_care_identified: int
    right_level: int
    safe: int

    @classmethod
    def of(cls, outcomes: Sequence[Outcome]) -> "Totals":
        def count(test) -> int:
            return sum(1 for o in outcomes if test(o))

        return cls(
            patients=len(outcomes),
            emergencies=count(lambda o: o.expected is Level.EMERGENCY),
            emergencies_caught=count(
                lambda o: o.expected is Level.EMERGENCY and o.actual is Level.EMERGENCY
            ),
            could_be_under=count(lambda o: o.expected is not Level.SELF_CARE),
            under=count(lambda o: o.verdict == "under-triaged"),
            could_be_over=count(lambda o: o.expected is not Level.EMERGENCY),
            over=count(lambda o: o.verdict == "over-triaged"),
            self_care=count(lambda o: o.expected is Level.SELF_CARE),
            self_care_identified=count(
                lambda o: o.expected is Level.SELF_CARE and o.actual is Level.SELF_CARE
            ),
            right_level=count(lambda o: o.verdict == "right level"),
            # Gilbert et al.'s "safe": at the level, more cautious, or at most one level less.
            safe=count(lambda o: o.actual.rank - o.expected.rank <= 1),
        )


def share(part: int, whole: int) -> str:
    """Return "3 of 4 (75 %)", or "none to count" when there is nothing to count."""
    if not whole:
        return "none to count"
    return f"{part} of {whole} ({100 * part / whole:.0f} %)"


def cell(text: str) -> str:
    """Return text that cannot break a Markdown table row."""
    return " ".join(text.split()).replace("|", "\\|") or "–"


GOALS = {
    "emergencies": "100 %",
    "under": "0",
    "over": "≤ 10 %",
    "self_care": "≥ 90 %",
    "right_level": "–",
    "safe": "–",
}

PUBLISHED = {
    "emergencies": "80 % (95 % CI 75–86 %) of emergency vignettes, 23 symptom checkers "
    "(Semigran 2015); the 2020 apps missed more than 40 % (Schmieding 2022)",
    "under": "–",
    "over": "over-triage errors per under-triage error: 1.11 in 2020, 2.82 in 2015 "
    "(Schmieding 2022)",
    "self_care": "33 % (95 % CI 26–40 %) of self-care vignettes (Semigran 2015)",
    "right_level": "57 % (95 % CI 52–61 %), 23 checkers (Semigran 2015); median 55.8 % in "
    "2020 against 59.1 % in 2015, 22 apps (Schmieding 2022)",
    "safe": "GPs 97.0 % ± 2.5 %; apps 80.0–97.8 %, Ada 97.0 % (Gilbert 2020)",
}


def goals_line(who: str, totals: Totals) -> str:
    """Return, in a sentence, which of the four goals these patients meet."""
    goals = [
        ("every emergency caught", totals.emergencies_caught == totals.emergencies),
        ("none under-triaged", totals.under == 0),
        ("at most 1 in 10 over-triaged", 10 * totals.over <= totals.could_be_over),
        (
            "at least 9 in 10 self-care identified",
            10 * totals.self_care_identified >= 9 * totals.self_care,
        ),
    ]
    met = [name for name, ok in goals if ok]
    missed = [name for name, ok in goals if not ok]
    parts = []
    if met:
        parts.append("meet " + ", ".join(met))
    if missed:
        parts.append("miss " + ", ".join(missed))
    return f"- {who} " + "; ".join(parts) + "."


def totals_rows(all_outcomes: Sequence[Outcome]) -> list[str]:
    everyone = Totals.of(all_outcomes)
    cases = Totals.of([o for o in all_outcomes if o.published_case])
    rows = [
        (
            "emergencies",
            "Emergencies caught",
            lambda t: share(t.emergencies_caught, t.emergencies),
        ),
        (
            "under",
            "Under-triaged (less urgent than needed)",
            lambda t: share(t.under, t.could_be_under),
        ),
        (
            "over",
            "Over-triaged (more urgent than needed)",
            lambda t: share(t.over, t.could_be_over),
        ),
        (
            "self_care",
            "Self-care correctly identified",
            lambda t: share(t.self_care_identified, t.self_care),
        ),
        ("right_level", "Exactly the right level", lambda t: share(t.right_level, t.patients)),
        ("safe", "Safe advice (Gilbert's definition)", lambda t: share(t.safe, t.patients)),
    ]
    lines = [
        f"| | all {everyone.patients} patients | the {cases.patients} published cases | goal "
        "| published symptom checkers |",
        "| --- | --- | --- | --- | --- |",
    ]
    for key, name, figure in rows:
        lines.append(
            f"| {name} | {figure(everyone)} | {figure(cases)} | {GOALS[key]} | {PUBLISHED[key]} |"
        )
    lines += [
        "",
        goals_line("All the patients", everyone),
        goals_line("The published cases", cases),
    ]
    return lines


INTRO = """\
# Open triage validation

Generated by `make validate` from [the test patients](../{scenarios}) and the checklist's rules
as `fixtures/` loads them, through the real triage (`guidance/triage.py`). Do not edit it by
hand: CI generates it again and fails when it differs from this file. What lay readers made of
the questions is in [Lay readers](triage-lay-readers.md), kept by hand beside this report.

Each patient has a story, the boxes they tick, the source of the level they should get
(“expected”) and the level the checklist gives them (“actual”). Patients from a published case
cite it; the others were written one per rule, per red flag and per combination, so the checklist
meets them by construction: read the published cases' column for a fairer test.
"""

DEFINITIONS = """\
- **Emergencies caught**: patients who need an emergency and get one.
- **Under-triaged**: patients who get a less urgent level than they need, of every patient who
  needs more than self-care. **Over-triaged**: patients who get a more urgent level than they
  need, of every patient who needs less than an emergency.
- **Self-care correctly identified**: patients who need only self-care and are told so.
- **Safe advice**: the level, more cautious, or at most one level less cautious (Gilbert et al.).

The published figures come from independent vignettes across all of medicine, put into each
checker by researchers; ours are back and neck pain only, ticked as the case describes. They are
beside each other for scale, not as a like-for-like comparison.

Sources: Semigran HL, Linder JA, Gidengil C, Mehrotra A. Evaluation of symptom checkers for self
diagnosis and triage: audit study. BMJ 2015;351:h3480. Schmieding ML, Kopka M, Schmidt K,
Schulz-Niethammer S, Balzer F, Feufel MA. Triage accuracy of symptom checker apps: 5-year
follow-up evaluation. J Med Internet Res 2022;24(5):e31810. Gilbert S, Mehl A, Baluch A, et al.
How accurate are digital symptom assessment apps for suggesting conditions and urgency advice? A
clinical vignettes comparison to GPs. BMJ Open 2020;10:e040269.
"""


LAY_READERS = """\
## Lay readers

Kept by hand and never regenerated: [Lay readers](triage-lay-readers.md) holds short stories in
patients' own words, the level each should get and why, and the level readers reached from the
rendered checklist page alone, with the questions they found unclear. Do it again whenever a
question's wording changes.
"""


def render(outcomes: Sequence[Outcome]) -> str:
    """Return the report as Markdown: totals, the patients the checklist gets wrong, then all."""
    lines = [INTRO.format(scenarios=SCENARIOS_PATH), "## Totals", ""]
    lines += totals_rows(outcomes)
    lines += ["", DEFINITIONS, "## Patients the checklist gets wrong", ""]
    wrong = [o for o in outcomes if o.verdict != "right level"]
    if not wrong:
        lines.append("None: every patient gets the level they should.")
    for outcome in wrong:
        lines.append(
            f"- **{cell(outcome.patient)}**: {outcome.verdict}, gets "
            f"{outcome.actual.short_name.lower()} and needs "
            f"{outcome.expected.short_name.lower()}. {cell(outcome.note)}"
        )
    lines += [
        "",
        LAY_READERS,
        "## Every patient",
        "",
        "| # | patient | ticks | source | expected | actual | |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for number, o in enumerate(outcomes, start=1):
        story = o.patient + (f": {o.story}" if o.story else "")
        source = f"{o.case} (rules: {o.source})" if o.case else o.source
        ticks = ", ".join(o.ticked) or "nothing"
        mark = "✓" if o.verdict == "right level" else f"**{o.verdict}**"
        lines.append(
            f"| {number} | {cell(story)} | {cell(ticks)} | {cell(source)} "
            f"| {o.expected.short_name} | {o.actual.short_name} | {mark} |"
        )
    return "\n".join(lines) + "\n"
