"""The "Content editors" group's rights, for the data migrations that add content models.

A migration that adds a model staff edit calls `grant_content_editors` for it (and
`revoke_content_editors` in reverse), so the group can always edit all the guide's content.
"""

CONTENT_EDITORS = "Content editors"
ACTIONS = ("add", "change", "delete", "view")


def rights(models: list[str], history: bool) -> list[tuple[str, str]]:
    """Return (action, model name) for every right on these models, and on their history if asked."""
    # Editors may read who changed what, so they also see each model's history.
    return [(action, model) for model in models for action in ACTIONS] + (
        [("view", f"historical{model}") for model in models] if history else []
    )


def make_permissions(apps, app_label: str, models: list[str], history: bool) -> list:
    """Return these rights' permissions, made now if missing (with their content types).

    `migrate` makes every model's permissions only after all migrations have run; a migration that
    gives a group its rights needs them earlier. They are made as `migrate` would make them, so it
    finds them there later.
    """
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    permissions = []
    for action, model in rights(models, history):
        verbose_name = apps.get_model(app_label, model)._meta.verbose_name
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type,
            codename=f"{action}_{model}",
            defaults={"name": f"Can {action} {verbose_name}"},
        )
        permissions.append(permission)
    return permissions


def grant_content_editors(apps, content_models: dict[str, list[str]], history: bool = True):
    """Give the Content editors group (made if missing) full rights on these models."""
    Group = apps.get_model("auth", "Group")
    group, _ = Group.objects.get_or_create(name=CONTENT_EDITORS)
    for app_label, models in content_models.items():
        group.permissions.add(*make_permissions(apps, app_label, models, history))


def revoke_content_editors(apps, content_models: dict[str, list[str]], history: bool = True):
    """Take these models' rights away from the Content editors group."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=CONTENT_EDITORS).first()
    if group is None:
        return
    for app_label, models in content_models.items():
        codenames = [f"{action}_{model}" for action, model in rights(models, history)]
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        )
