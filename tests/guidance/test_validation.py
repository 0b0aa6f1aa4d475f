"""The open triage validation: docs/triage-validation.md is what `make validate` writes today, and
its totals count the patients the checklist gets wrong."""

import json
import re

import pytest
from django.conf import settings

from guidance.management.commands.triage_validation import build_report
from guidance.triage import Level, Rule
from guidance.validation import LAY_READERS_PATH, REPORT_PATH, render, run_patients

pytestmark = pytest.mark.django_db


def test_the_committed_report_is_what_make_validate_writes_for_the_patients_and_rules_today():
    committed = (settings.BASE_DIR / REPORT_PATH).read_text(encoding="utf-8")
    assert committed == build_report(), (
        "docs/triage-validation.md is out of date: run `make validate` and commit it."
    )


RULES = [
    Rule(slug="chest-pain", question="Chest pain?", why="", urgency=Level.EMERGENCY),
    Rule(slug="a-strain", question="A strain?", why="", urgency=Level.ROUTINE),
    Rule(slug="age", question="Over 50?", why="", urgency=None),
]


def patient(name, ticked, expected, **extra):
    return {"patient": name, "ticked": ticked, "expected": expected, "source": "test", **extra}


NAMES = [
    "Emergencies caught",
    "Under-triaged (less urgent than needed)",
    "Over-triaged (more urgent than needed)",
    "Self-care correctly identified",
]


def figures(report: str, name: str) -> list[str]:
    """Return a totals row's two figures: for every patient, and for the published cases."""
    line = next(line for line in report.splitlines() if line.startswith(f"| {name} |"))
    return [cell.strip() for cell in line.strip("|").split("|")][1:3]


def test_the_totals_count_emergencies_missed_and_patients_sent_too_high():
    report = render(
        run_patients(
            [
                patient("heart attack as back pain", ["a-strain"], "emergency", case="A report"),
                patient("chest pain", ["chest-pain"], "emergency"),
                patient("strained lifting boxes", ["a-strain"], "self-care", case="NHS page"),
                patient("aged 60, nothing else", ["age"], "self-care"),
            ],
            RULES,
        )
    )
    totals = {name: figures(report, name) for name in NAMES}
    assert totals["Emergencies caught"] == ["1 of 2 (50 %)", "0 of 1 (0 %)"]
    assert totals["Under-triaged (less urgent than needed)"] == ["1 of 2 (50 %)", "1 of 1 (100 %)"]
    assert totals["Over-triaged (more urgent than needed)"] == ["1 of 2 (50 %)", "1 of 1 (100 %)"]
    assert totals["Self-care correctly identified"] == ["1 of 2 (50 %)", "0 of 1 (0 %)"]
    wrong = report.split("## Patients the checklist gets wrong")[1].split("## Every patient")[0]
    assert "**heart attack as back pain**: under-triaged, gets routine and needs emergency" in wrong
    assert "**strained lifting boxes**: over-triaged, gets routine and needs self-care" in wrong
    assert "chest pain" not in wrong


def test_every_patient_on_file_has_a_row_with_its_story_source_and_both_levels():
    report = (settings.BASE_DIR / REPORT_PATH).read_text(encoding="utf-8")
    rows = re.findall(r"^\| (\d+) \| (.*) \|$", report, flags=re.MULTILINE)
    scenarios = json.loads((settings.BASE_DIR / "tests/guidance/scenarios.json").read_text())
    assert len(rows) == len(scenarios)
    case = next(s for s in scenarios if "case" in s)
    row = next(cells for _, cells in rows if cells.startswith(case["patient"].replace("|", "\\|")))
    assert case["story"] in row and case["case"] in row
    assert Level(case["expected"]).short_name in row


def test_the_report_links_the_lay_readers_page_whose_tally_is_the_tables():
    report = (settings.BASE_DIR / REPORT_PATH).read_text(encoding="utf-8")
    assert "(triage-lay-readers.md)" in report
    page = (settings.BASE_DIR / LAY_READERS_PATH).read_text(encoding="utf-8")
    stories = re.findall(r"^\| (\d+) \|(.*)\|$", page, flags=re.MULTILINE)
    assert len(stories) >= 30
    reached = 0
    for number, cells in stories:
        parts = [cell.strip() for cell in cells.split("|")]
        should, readers = parts[1], parts[-1]
        # What the page gave for the reader's ticks: a level, then the questions ticked.
        readers_level = readers.split(" (")[0]
        assert readers_level in {"Emergency", "Urgent", "Routine", "Self-care"}, number
        reached += readers_level == should
    assert f"**{reached} of {len(stories)} stories reached the level they should**" in page
