from django.core.management.base import BaseCommand

from backcare.loading import load_guide


class Command(BaseCommand):
    help = (
        "Load the guide's content from fixtures/. Adds rows never loaded before; never overwrites "
        "a row staff edited and never brings back a row staff deleted."
    )
    # The checks would warn about content (the clinic's details) that this command is about to load.
    requires_system_checks = []

    def handle(self, *args, **options):
        report = load_guide()
        self.stdout.write(
            f"Guide content: {len(report.created)} rows added, {len(report.kept)} left as they are"
            + (f", {len(report.skipped)} skipped (parent deleted)" if report.skipped else "")
            + "."
        )
        if options["verbosity"] > 1:
            for name in report.created:
                self.stdout.write(f"  added {name}")
