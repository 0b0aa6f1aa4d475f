"""The "Content editors" group may edit the red-flag review and the combination rules."""

from django.db import migrations

from backcare.permissions import grant_content_editors, revoke_content_editors

CONTENT_MODELS = {"guidance": ["combinationrule", "redflag"]}


def grant(apps, schema_editor):
    grant_content_editors(apps, CONTENT_MODELS)


def revoke(apps, schema_editor):
    revoke_content_editors(apps, CONTENT_MODELS)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("guidance", "0008_red_flags_and_combinations"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
