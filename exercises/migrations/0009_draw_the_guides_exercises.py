# The Content editors group may edit poses. How each exercise of the guide is drawn (its view,
# props and coloured parts) and its poses reach databases loaded before figures existed through
# load_guide, from the fixtures, as all content does.

from django.db import migrations

from backcare.permissions import grant_content_editors, revoke_content_editors

CONTENT_MODELS = {"exercises": ["exercisepose"]}


def grant(apps, schema_editor):
    grant_content_editors(apps, CONTENT_MODELS)


def revoke(apps, schema_editor):
    revoke_content_editors(apps, CONTENT_MODELS)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("exercises", "0008_figures"),
    ]

    operations = [
        migrations.RunPython(grant, revoke),
    ]
