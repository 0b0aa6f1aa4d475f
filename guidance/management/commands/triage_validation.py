import json

from django.conf import settings
from django.core.management.base import BaseCommand

from guidance.models import WarningSign
from guidance.selectors import checklist_combinations
from guidance.validation import REPORT_PATH, SCENARIOS_PATH, render, run_patients


def build_report() -> str:
    """Return the validation report for the patients on file and the rules in the database."""
    scenarios = json.loads((settings.BASE_DIR / SCENARIOS_PATH).read_text(encoding="utf-8"))
    rules = [sign.to_rule() for sign in WarningSign.objects.published()]
    return render(run_patients(scenarios, rules, checklist_combinations()))


class Command(BaseCommand):
    help = (
        f"Run every test patient in {SCENARIOS_PATH} through the checklist's rules as they are in "
        f"the database and write the open triage validation to {REPORT_PATH}. `make validate` "
        "runs it on a fresh database loaded from fixtures/, so staff edits never change it."
    )

    def handle(self, *args, **options):
        report = build_report()
        (settings.BASE_DIR / REPORT_PATH).write_text(report, encoding="utf-8")
        self.stdout.write(f"Wrote {REPORT_PATH}.")
