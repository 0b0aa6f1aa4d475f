"""The "Content editors" group's rights, for the data migrations that add content models.

A migration that adds a model staff edit calls `grant_content_editors` for it (and
`revoke_content_editors` in reverse), so the group can always edit all the guide's content.
"""

from django.contrib.auth.management import create_permissions

CONTENT_EDITORS = "Content editors"
ACTIONS = ("add", "change", "delete", "view")


def _codenames(models: list[str], history: bool) -> list[str]:
    codenames = [f"{action}_{model}" for model in models for action in ACTIONS]
    # Editors may read who changed what, so they also see each model's history.
    return codenames + ([f"view_historical{model}" for model in models] if history else [])


def grant_content_editors(apps, content_models: dict[str, list[str]], history: bool = True):
    """Give the Content editors group (made if missing) full rights on these models."""
    # Permissions are normally created after all migrations have run; make sure they exist now.
    # The migration's app configs are stubs without models_module, which create_permissions needs.
    for app_label in content_models:
        app_config = apps.get_app_config(app_label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=CONTENT_EDITORS)
    for app_label, models in content_models.items():
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label=app_label, codename__in=_codenames(models, history)
            )
        )


def revoke_content_editors(apps, content_models: dict[str, list[str]], history: bool = True):
    """Take these models' rights away from the Content editors group."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=CONTENT_EDITORS).first()
    if group is None:
        return
    for app_label, models in content_models.items():
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label=app_label, codename__in=_codenames(models, history)
            )
        )
