"""The run's loaded guide, put back for a test on committed data.

A test on committed data (`transactional_db`) ends by emptying every table. Django then makes the
permissions again, but not the guide, nor the staff groups the data migrations made. `keep()` notes
them once the test database is ready; `restore()` brings them back for the next such test.

On SQLite's in-memory test database, `keep()` copies the whole database and `restore()` copies it
back (sqlite3's backup: a few milliseconds, where load_guide takes about 2 s). Elsewhere
(PostgreSQL), load_guide runs again and the groups are made again from what `keep()` noted.
"""

import sqlite3

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection

from backcare.loading import load_guide

migrated: dict[str, list[tuple[str, str]]] = {}
copy: list[sqlite3.Connection] = []


def in_memory() -> bool:
    return connection.vendor == "sqlite" and connection.is_in_memory_db()


def keep() -> None:
    for group in Group.objects.prefetch_related("permissions__content_type"):
        migrated[group.name] = [
            (permission.content_type.app_label, permission.codename)
            for permission in group.permissions.all()
        ]
    if in_memory():
        connection.ensure_connection()
        copy.append(sqlite3.connect(":memory:", check_same_thread=False))
        connection.connection.backup(copy[0])


def restore() -> None:
    if copy and in_memory():
        connection.ensure_connection()
        copy[0].backup(connection.connection)
        # The emptied database's content types had other ids than the copy's.
        ContentType.objects.clear_cache()
        return
    load_guide()
    for name, rights in migrated.items():
        group, created = Group.objects.get_or_create(name=name)
        if created:
            group.permissions.set(
                permission
                for permission in Permission.objects.select_related("content_type")
                if (permission.content_type.app_label, permission.codename) in rights
            )
