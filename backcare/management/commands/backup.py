from pathlib import Path

from django.core.management.base import BaseCommand

from backcare.backups import backup


class Command(BaseCommand):
    help = "Back up the database and the media folder into a folder (default: backups/)."

    def add_arguments(self, parser):
        parser.add_argument("--to", default="backups", help="the folder to save them in")

    def handle(self, *args, **options):
        database_file, media_file = backup(Path(options["to"]))
        self.stdout.write(f"Database: {database_file}\nMedia: {media_file}")
