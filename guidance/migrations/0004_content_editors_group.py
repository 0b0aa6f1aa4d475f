"""The "Content editors" group: may add, change, delete and view the guide's content, nothing else."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP_NAME = "Content editors"

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
    # Permissions are normally created after all migrations have run; make sure they exist now.
    # The migration's app configs are stubs without models_module, which create_permissions needs.
    for app_label in CONTENT_MODELS:
        app_config = apps.get_app_config(app_label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP_NAME)
    codenames = []
    for models in CONTENT_MODELS.values():
        for model in models:
            codenames += [f"{action}_{model}" for action in ("add", "change", "delete", "view")]
            codenames.append(f"view_historical{model}")
    permissions = Permission.objects.filter(
        content_type__app_label__in=list(CONTENT_MODELS), codename__in=codenames
    )
    group.permissions.set(permissions)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("exercises", "0002_history"),
        ("guidance", "0003_history"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
