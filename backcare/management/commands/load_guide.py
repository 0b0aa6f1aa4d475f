from django.core.management.base import BaseCommand

from backcare.loading import load_guide


class Command(BaseCommand):
    help = (
        "Load the guide's content from fixtures/: add rows never loaded, bring each field that "
        "still holds what was last loaded up to date, and leave every field staff changed, and "
        "every row staff deleted, as staff left it."
    )
    # The checks would warn about content (the clinic's details) that this command is about to load.
    requires_system_checks = []

    def handle(self, *args, **options):
        report = load_guide()
        self.stdout.write(
            f"Guide content: {len(report.created)} rows added, {len(report.updated)} updated, "
            f"{len(report.kept)} kept as staff edited them, {len(report.unchanged)} unchanged, "
            f"{len(report.skipped)} not brought back (deleted by staff)."
            + (
                f" {len(report.held)} waiting for a clinical reviewer's approval."
                if report.held
                else ""
            )
        )
        listed = [
            ("updated", report.updated),
            ("waiting for a clinical reviewer's approval", report.held),
        ]
        if options["verbosity"] > 1:
            listed += [
                ("added", report.created),
                ("kept as staff edited it", report.kept),
                ("not brought back", report.skipped),
            ]
        elif report.kept or report.skipped:
            self.stdout.write("  (-v 2 lists the rows kept and not brought back)")
        for what, names in listed:
            for name in names:
                self.stdout.write(f"  {what}: {name}")
