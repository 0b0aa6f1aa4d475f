"""The "Clinical reviewers" group: reads the guide, approves waiting changes, signs items off.

Content editors may read what waits for review and the reviews themselves, not approve.
"""

from django.db import migrations

from backcare.permissions import CONTENT_EDITORS, make_permissions

REVIEWERS = "Clinical reviewers"
SIGNOFF_MODELS = ["pendingchange", "review", "reviewerprofile"]


def permissions(apps, codenames: list[str]) -> list:
    wanted = []
    for model in SIGNOFF_MODELS:
        for permission in make_permissions(apps, "backcare", [model], history=False):
            if permission.codename in codenames:
                wanted.append(permission)
    return wanted


def create_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    reviewers, _ = Group.objects.get_or_create(name=REVIEWERS)
    reviewers.permissions.add(
        *permissions(
            apps,
            [
                "view_pendingchange",
                "change_pendingchange",
                "view_review",
                "add_review",
                "view_reviewerprofile",
            ],
        )
    )
    editors, _ = Group.objects.get_or_create(name=CONTENT_EDITORS)
    # Reviewers read all the guide's content and its history, as editors do.
    reviewers.permissions.add(*editors.permissions.filter(codename__startswith="view_"))
    editors.permissions.add(
        *permissions(apps, ["view_pendingchange", "view_review", "view_reviewerprofile"])
    )


def remove_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name=REVIEWERS).delete()
    editors = Group.objects.filter(name=CONTENT_EDITORS).first()
    if editors is not None:
        editors.permissions.remove(
            *permissions(apps, ["view_pendingchange", "view_review", "view_reviewerprofile"])
        )


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("backcare", "0004_clinical_signoff"),
        # The editors' rights on every content model are given by then.
        ("guidance", "0014_warning_sign_in_short_and_search_words"),
        ("exercises", "0012_dose_approval_is_a_clinical_review"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
