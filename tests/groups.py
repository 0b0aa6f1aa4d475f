"""The staff groups and their rights, as the data migrations made them.

A test on committed data (`transactional_db`) ends by emptying every table; Django then makes the
permissions again, but not the groups the data migrations made. `remember()` notes them once the
test database is ready; `restore()` brings back any that a test after such a flush needs.
"""

from django.contrib.auth.models import Group, Permission

migrated: dict[str, list[tuple[str, str]]] = {}


def remember() -> None:
    for group in Group.objects.prefetch_related("permissions__content_type"):
        migrated[group.name] = [
            (permission.content_type.app_label, permission.codename)
            for permission in group.permissions.all()
        ]


def restore() -> None:
    for name, rights in migrated.items():
        group, created = Group.objects.get_or_create(name=name)
        if created:
            group.permissions.set(
                permission
                for permission in Permission.objects.select_related("content_type")
                if (permission.content_type.app_label, permission.codename) in rights
            )
