"""The "Content editors" group may add, change, delete and view ready-made routines."""

from django.db import migrations

from backcare.permissions import grant_content_editors, revoke_content_editors

ROUTINE_MODELS = {"exercises": ["routine", "routineitem"]}


def grant(apps, schema_editor):
    grant_content_editors(apps, ROUTINE_MODELS)


def revoke(apps, schema_editor):
    revoke_content_editors(apps, ROUTINE_MODELS)


class Migration(migrations.Migration):
    dependencies = [
        ("exercises", "0005_routines"),
        ("guidance", "0004_content_editors_group"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
