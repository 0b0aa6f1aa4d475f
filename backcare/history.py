"""Content history (django-simple-history): every change is recorded, and can be undone in admin."""

from dataclasses import dataclass

from django.db import models
from django.utils import formats, timezone
from simple_history.models import HistoricalRecords

LOADED_REASON = "Loaded from the guide's fixtures"
UPDATED_REASON = "Updated from the guide's fixtures"
CASCADE_REASON = "Deleted with its parent"


class ContentHistory(HistoricalRecords):
    """Record each change of a content row; also reachable from the model for rows saved raw."""

    def finalize(self, sender, **kwargs):
        super().finalize(sender, **kwargs)
        if self.cls is sender or (self.inherit and issubclass(sender, self.cls)):
            # The loader saves fixture rows raw (no post_save history); it records them through this.
            sender._content_history = self

    def post_delete(self, instance, using=None, origin=None, **kwargs):
        # A child deleted because its parent was deleted is marked, so undoing the deletion of the
        # parent can tell those children from ones an editor removed on purpose.
        parent_model = getattr(origin, "model", type(origin))
        if origin is not None and parent_model is not type(instance):
            instance._change_reason = CASCADE_REASON
        super().post_delete(instance, using=using, **kwargs)

    def record_links(self, instance) -> None:
        """Store the row's current links (many-to-many) on its latest version.

        The admin saves a row before its links; recording them on that version, rather than as a
        version of their own, keeps one history row per save.
        """
        record = getattr(instance, self.manager_name).order_by("-history_id").first()
        if record is None or not record._history_m2m_fields:
            return
        for field in record._history_m2m_fields:
            self.m2m_models[field].objects.filter(history=record).delete()
        self.create_historical_record_m2ms(record, instance)


def record_loaded(instance: models.Model) -> None:
    """Record a row the loader saved raw as created, with its many-to-many links."""
    record_version(instance, "+", LOADED_REASON)


def record_updated(instance: models.Model) -> None:
    """Record a row the loader updated from the fixtures (saved without history) as changed."""
    record_version(instance, "~", UPDATED_REASON)


def record_version(instance: models.Model, history_type: str, reason: str) -> None:
    """Record the row as it is now, with its many-to-many links, as a version with this reason."""
    history = getattr(type(instance), "_content_history", None)
    if history is not None:
        instance._change_reason = reason
        history.create_historical_record(instance, history_type)
        del instance._change_reason


def written_by_the_loader(record) -> bool:
    """Say whether a version was written by load_guide (or a migration on its behalf), not staff."""
    return record.history_user_id is None and record.history_change_reason in (
        LOADED_REASON,
        UPDATED_REASON,
    )


# --- History in words an editor reads -------------------------------------------------------------

RESTORED_PREFIX = "Restored"
ACTIONS = {"+": "Added", "~": "Changed", "-": "Deleted"}


def when(record) -> str:
    """Return the record's date and time as the site shows dates (its time zone, its format)."""
    return formats.date_format(timezone.localtime(record.history_date), "DATETIME_FORMAT")


def restored_reason(record) -> str:
    """Return the change reason of a revert to this version of a row."""
    if record.history_type == "-":
        return f"{RESTORED_PREFIX} after it was deleted on {when(record)}"
    return f"{RESTORED_PREFIX} the version of {when(record)}"


def action_of(record) -> str:
    """Return what happened in this version, in a word: added, changed, deleted or restored."""
    if (record.history_change_reason or "").startswith(RESTORED_PREFIX):
        return "Restored"
    return ACTIONS[record.history_type]


@dataclass(frozen=True)
class Change:
    """One thing that changed in a version: what (a field, "Step 2"), from what, to what."""

    what: str
    old: str
    new: str


def in_words(field, value) -> str:
    """Return a field's value as an editor reads it in the form."""
    if value is None or value == "" or value == []:
        return ""
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    return str(value)


def field_changes(record, previous) -> list[Change]:
    """Return what changed in the row's own fields from the previous version to this one."""
    model = record.instance_type
    delta = record.diff_against(previous, foreign_keys_are_objs=True)
    changes = []
    for change in delta.changes:
        field = model._meta.get_field(change.field)
        old, new = change.old, change.new
        if field.many_to_many:
            # Each link is a row of the through table: show the linked rows' names.
            linked = field.m2m_reverse_field_name()
            old = sorted(str(link[linked]) for link in old)
            new = sorted(str(link[linked]) for link in new)
        changes.append(
            Change(str(field.verbose_name).capitalize(), in_words(field, old), in_words(field, new))
        )
    return changes
