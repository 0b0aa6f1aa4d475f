"""The "Content editors" group may edit the advice checklists.

The advice added to the article (reviewed 2026-11-27) reaches databases loaded before it through
load_guide, from the fixtures, as all wording does: each field that still holds what was loaded
takes the fixtures' text, and a field staff wrote is left alone.
"""

from django.db import migrations

from backcare.permissions import grant_content_editors, revoke_content_editors


def grant(apps, schema_editor):
    grant_content_editors(apps, {"guidance": ["advicechecklist"]})


def revoke(apps, schema_editor):
    revoke_content_editors(apps, {"guidance": ["advicechecklist"]})


class Migration(migrations.Migration):
    dependencies = [
        ("guidance", "0011_advice"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(grant, revoke),
    ]
