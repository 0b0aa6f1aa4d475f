from django.core.management.base import BaseCommand, CommandError

from backcare.signoff import to_do


class Command(BaseCommand):
    help = (
        "Print what waits for the clinical reviewers (the admin's “Clinical review: to do” list); "
        "exit with status 1 when a review is overdue, for a scheduled job."
    )

    def handle(self, *args, **options):
        work = to_do()
        sections = [
            ("Changes waiting for approval", [str(waiting) for waiting in work.pending]),
            ("Reviews overdue", [line(standing) for standing in work.overdue]),
            ("Changed since their review", [line(standing) for standing in work.changed]),
            ("Never reviewed", [line(standing) for standing in work.never_reviewed]),
            ("Patients' feedback", [str(entry) for entry in work.feedback]),
        ]
        for title, lines in sections:
            self.stdout.write(f"{title} ({len(lines)})")
            for text in lines or ["None."]:
                self.stdout.write(f"  - {text}" if lines else f"  {text}")
            self.stdout.write("")
        if work.overdue:
            raise CommandError(f"{len(work.overdue)} clinical review(s) overdue.", returncode=1)


def line(standing) -> str:
    return f"{standing.item} ({standing.kind}): {standing.in_words}"
