from django.core.management.base import BaseCommand, CommandError

from backcare.signoff import to_do
from feedback.records import KEEP_COMMENTS_DAYS, delete_old_feedback


class Command(BaseCommand):
    help = (
        "Print what waits for the clinical reviewers (the admin's “Clinical review: to do” list); "
        "delete readers' comments older than 90 days; exit with status 1 when a review is overdue. "
        "Run it daily."
    )

    def handle(self, *args, **options):
        deleted = delete_old_feedback()
        self.stdout.write(
            f"Deleted {deleted} reader's comment{'s' if deleted != 1 else ''} "
            f"older than {KEEP_COMMENTS_DAYS} days.\n"
        )
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
