from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from backcare.backups import media_archive, restore


class Command(BaseCommand):
    help = (
        "Replace the database and the media folder with a backup's: give the database file made "
        "by `backup` (the media archive beside it is restored too)."
    )
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("database_file", help="backups/backcare-....dump or ....sqlite3")

    def handle(self, *args, **options):
        database_file = Path(options["database_file"])
        for path in (database_file, media_archive(database_file)):
            if not path.is_file():
                raise CommandError(f"{path} does not exist.")
        try:
            restore(database_file)
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Restored {database_file} and {media_archive(database_file)}.")
