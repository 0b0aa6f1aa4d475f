"""What a change to the checklist's rules would do to the test patients, for the reviewer who approves it.

Every test patient (settings.BACKCARE_TRIAGE_SCENARIOS, the scenarios the test suite checks) is run
through the triage twice: with the rules as they are live, and with the waiting change applied.
"""

import copy
import json
from dataclasses import dataclass

from django.conf import settings

from .models import CombinationRule, WarningSign
from .triage import Combination, Level, Rule, assess


@dataclass(frozen=True)
class Outcome:
    """A test patient whose level the change would alter."""

    patient: str
    source: str
    expected: str
    before: Level
    after: Level

    def __str__(self):
        verb = "higher" if self.after.rank < self.before.rank else "lower"
        return (
            f"“{self.patient}” would get {self.after.short_name.lower()} instead of "
            f"{self.before.short_name.lower()} ({verb}; the test expects "
            f"{self.expected}; source: {self.source})"
        )


def test_patients() -> list[dict]:
    return json.loads(settings.BACKCARE_TRIAGE_SCENARIOS.read_text(encoding="utf-8"))


def with_values(row, values: dict):
    """Return an unsaved copy of the row with the change's values of its own fields."""
    changed = copy.copy(row)
    for name, value in values.items():
        model_field = row._meta.get_field(name)
        if not model_field.many_to_many:
            setattr(changed, model_field.attname, value)
    return changed


def checklist(signs: list[WarningSign], rules: list[CombinationRule]):
    """Return the triage's rules and combinations from these rows, as the checklist reads them."""
    published = [sign for sign in signs if sign.is_published]
    combinations = []
    for rule, all_of, any_of in rules:
        if not rule.is_published:
            continue
        try:
            combinations.append(
                Combination(
                    slug=rule.slug,
                    summary=rule.summary,
                    why=rule.why,
                    urgency=rule.urgency,
                    source=rule.source,
                    all_of=all_of,
                    any_of=any_of,
                    min_any=rule.min_any if any_of else 0,
                )
            )
        except ValueError:
            # As on the checklist: a rule that cannot fire as written is left out.
            continue
    return [sign.to_rule() for sign in published], combinations


def outcome_changes(model: type, object_id: int, values: dict) -> list[Outcome]:
    """Return the test patients whose level changes if this row took these values."""
    signs = list(WarningSign.objects.all())
    slugs = {sign.pk: sign.slug for sign in signs}
    rules = [
        (rule, [slugs[s.pk] for s in rule.all_of.all()], [slugs[s.pk] for s in rule.any_of.all()])
        for rule in CombinationRule.objects.with_signs()
    ]
    if model is WarningSign:
        changed_signs = [
            with_values(sign, values) if sign.pk == object_id else sign for sign in signs
        ]
        changed_rules = rules
    elif model is CombinationRule:
        changed_signs = signs
        changed_rules = [
            (
                with_values(rule, values),
                [slugs[pk] for pk in values.get("all_of", [])] if "all_of" in values else all_of,
                [slugs[pk] for pk in values.get("any_of", [])] if "any_of" in values else any_of,
            )
            if rule.pk == object_id
            else (rule, all_of, any_of)
            for rule, all_of, any_of in rules
        ]
    else:
        return []
    now = checklist(signs, rules)
    then = checklist(changed_signs, changed_rules)
    return [
        Outcome(
            patient=patient["patient"],
            source=patient["source"],
            expected=patient["expected"],
            before=before,
            after=after,
        )
        for patient in test_patients()
        if (before := level_of(patient, *now)) != (after := level_of(patient, *then))
    ]


def level_of(patient: dict, rules: list[Rule], combinations) -> Level:
    """Return the patient's level; a sign not on the checklist cannot be ticked."""
    known = {rule.slug for rule in rules}
    ticked = [slug for slug in patient["ticked"] if slug in known]
    return assess(ticked=ticked, rules=rules, combinations=combinations).urgency
