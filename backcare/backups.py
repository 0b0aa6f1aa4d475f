"""Backups that restore: the database and the photos' folder, side by side in one folder.

- PostgreSQL: `pg_dump -Fc` (one consistent snapshot, taken while the site runs) and `pg_restore`.
- SQLite: SQLite's online backup API, which copies a consistent database while it is in use (a
  plain file copy of a database being written can be torn).
- The media folder (MEDIA_ROOT, the photos' renditions): a tar.gz next to the database's file.

`dumpdata` and `loaddata` are not a backup: loading them into a fresh database fails on the
history tables, and they lose what is not a model (sequences, the search indexes).
"""

import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.utils import timezone


def database_settings() -> dict:
    return settings.DATABASES["default"]


def is_postgresql() -> bool:
    return database_settings()["ENGINE"] == "django.db.backends.postgresql"


def postgresql_env() -> dict[str, str]:
    """The libpq environment that names the database, so no password is on a command line."""
    db = database_settings()
    env = dict(os.environ)
    for name, key in (("PGHOST", "HOST"), ("PGPORT", "PORT"), ("PGUSER", "USER")):
        if db.get(key):
            env[name] = str(db[key])
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    env["PGDATABASE"] = db["NAME"]
    return env


def sqlite_connect(name) -> sqlite3.Connection:
    name = str(name)
    return sqlite3.connect(name, uri=name.startswith("file:"))


def media_archive(database_file: Path) -> Path:
    return database_file.with_name(database_file.name.split(".", 1)[0] + "-media.tar.gz")


def backup(folder: Path) -> tuple[Path, Path]:
    """Save the database and the media folder into `folder`; return the two files."""
    folder.mkdir(parents=True, exist_ok=True)
    stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
    if is_postgresql():
        database_file = folder / f"backcare-{stamp}.dump"
        subprocess.run(
            ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "-f", database_file],
            env=postgresql_env(),
            check=True,
        )
    else:
        database_file = folder / f"backcare-{stamp}.sqlite3"
        source = sqlite_connect(database_settings()["NAME"])
        target = sqlite3.connect(database_file)
        try:
            source.backup(target)
        finally:
            target.close()
            source.close()
    media = Path(settings.MEDIA_ROOT)
    with tarfile.open(media_archive(database_file), "w:gz") as archive:
        if media.is_dir():
            archive.add(media, arcname="media")
    return database_file, media_archive(database_file)


def restore(database_file: Path) -> None:
    """Replace the database and the media folder with a backup's (made by `backup`)."""
    connections.close_all()
    if database_file.suffix == ".dump":
        if not is_postgresql():
            raise ValueError("A .dump is a PostgreSQL backup: set DATABASE_URL to PostgreSQL.")
        subprocess.run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                "--exit-on-error",
                "--dbname",
                database_settings()["NAME"],
                database_file,
            ],
            env=postgresql_env(),
            check=True,
        )
    else:
        if is_postgresql():
            raise ValueError("A .sqlite3 file is an SQLite backup: DATABASE_URL names PostgreSQL.")
        source = sqlite_connect(database_file)
        target = sqlite_connect(database_settings()["NAME"])
        try:
            source.backup(target)
        finally:
            target.close()
            source.close()
    restore_media(media_archive(database_file))


def restore_media(archive_file: Path) -> None:
    """Make MEDIA_ROOT hold exactly what the archive holds."""
    media = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(dir=media.parent, prefix=".restoring-") as folder:
        with tarfile.open(archive_file) as archive:
            archive.extractall(folder, filter="data")
        unpacked = Path(folder) / "media"
        unpacked.mkdir(exist_ok=True)
        # Emptied and refilled, not replaced: the folder may be a mount point shared by servers.
        media.mkdir(parents=True, exist_ok=True)
        for child in media.iterdir():
            shutil.rmtree(child) if child.is_dir() else child.unlink()
        for child in unpacked.iterdir():
            shutil.move(child, media / child.name)
