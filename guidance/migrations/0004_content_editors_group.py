"""The "Content editors" group: may add, change, delete and view the guide's content, nothing else."""

from django.db import migrations

from backcare.permissions import CONTENT_EDITORS, grant_content_editors

# The content models staff edit, with their history (so editors may read who changed what).
CONTENT_MODELS = {
    "exercises": ["bodyarea", "equipment", "exercise", "exercisestep"],
    "guidance": [
        "cause",
        "homeremedy",
        "lifestylechange",
        "preventiontip",
        "seekhelpsign",
        "guidetext",
        "clinicdetails",
        "warningsign",
    ],
}


def create_group(apps, schema_editor):
    grant_content_editors(apps, CONTENT_MODELS)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=CONTENT_EDITORS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("exercises", "0002_history"),
        ("guidance", "0003_history"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
