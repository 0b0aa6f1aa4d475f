from django.core.management.base import BaseCommand

from feedback.records import delete_old_feedback


class Command(BaseCommand):
    help = "Delete readers' comments older than 90 days (the helpfulness counts are kept)."

    def handle(self, *args, **options):
        deleted = delete_old_feedback()
        self.stdout.write(
            f"Deleted {deleted} comment{'s' if deleted != 1 else ''} older than 90 days."
        )
