"""Who sees readers' feedback in the admin: editors the counts, clinical reviewers the comments too.

Comments may hold what a reader should not have written there, so only the "Clinical reviewers"
group (made here if it does not exist yet) and superusers see them.
"""

from django.db import migrations

from backcare.permissions import CONTENT_EDITORS, make_permissions

REVIEWERS = "Clinical reviewers"
RIGHTS = {
    CONTENT_EDITORS: ["view_pagefeedback"],
    REVIEWERS: ["view_pagefeedback", "view_feedbackcomment", "delete_feedbackcomment"],
}


def permissions(apps, codenames: list[str]) -> list:
    found = make_permissions(apps, "feedback", ["pagefeedback", "feedbackcomment"], history=False)
    return [permission for permission in found if permission.codename in codenames]


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name, codenames in RIGHTS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*permissions(apps, codenames))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name, codenames in RIGHTS.items():
        group = Group.objects.filter(name=name).first()
        if group is not None:
            group.permissions.remove(*permissions(apps, codenames))


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("feedback", "0001_initial"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
