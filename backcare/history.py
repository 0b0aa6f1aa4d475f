"""Content history (django-simple-history): every change is recorded, and can be undone in admin."""

from dataclasses import dataclass
from functools import cache

from django.db import models
from django.db.models.signals import pre_delete
from django.utils import formats, timezone
from simple_history.manager import HistoryManager
from simple_history.signals import pre_create_historical_record

LOADED_REASON = "Loaded from the guide's fixtures"
UPDATED_REASON = "Updated from the guide's fixtures"
CASCADE_REASON = "Deleted with its parent"


@cache
def has_history(model: type) -> bool:
    """Whether changes of this model are recorded (HistoricalRecords): it is the guide's content.

    Asked once per model: each look at `model.history` makes a new manager.
    """
    return isinstance(getattr(model, "history", None), HistoryManager)


# --- Why a row changed ------------------------------------------------------------------------------
# Code that saves or deletes a row for a reason of its own (a revert, a load) sets `change_reason`
# on the instance first; the version it makes then records that reason.


def record_the_reason(sender, instance, history_instance, **kwargs) -> None:
    """Write the instance's own change_reason, if it has one, into the version being recorded."""
    reason = getattr(instance, "change_reason", None)
    if reason:
        history_instance.history_change_reason = reason


def mark_deleted_with_parent(sender, instance, origin=None, **kwargs) -> None:
    """Mark a row deleted only because its parent was: undoing the parent's deletion brings it back."""
    parent_model = getattr(origin, "model", type(origin))
    if origin is not None and parent_model is not type(instance) and has_history(type(instance)):
        instance.change_reason = CASCADE_REASON


def connect_signals() -> None:
    pre_create_historical_record.connect(record_the_reason, dispatch_uid="backcare-history-reason")
    pre_delete.connect(mark_deleted_with_parent, dispatch_uid="backcare-history-cascade")


# --- Versions recorded by hand ----------------------------------------------------------------------


def through_link(field, model: type) -> str:
    """Return the name of the foreign key to `model` in a many-to-many field's through model."""
    through = getattr(field.model, field.name).through
    return next(
        link.name
        for link in through._meta.get_fields()
        if link.many_to_one and link.related_model is model
    )


def link_fields(record) -> list:
    """Return the row's many-to-many fields whose links its versions keep."""
    return [
        field
        for field in record.instance_type._meta.get_fields()
        if field.many_to_many and not field.auto_created and hasattr(record, field.name)
    ]


def record_links(instance: models.Model, record=None) -> None:
    """Store the row's current links (many-to-many) on its latest version (or on `record`).

    The admin saves a row before its links; recording them on that version, rather than as a
    version of their own, keeps one history row per save.
    """
    if not any(field.many_to_many for field in instance._meta.get_fields()):
        return
    if record is None:
        record = instance.history.order_by("-history_id").first()
    if record is None:
        return
    for field in link_fields(record):
        kept = getattr(record, field.name)
        kept.all().delete()
        through = getattr(field.model, field.name).through
        names = [link.attname for link in through._meta.concrete_fields]
        kept.model.objects.bulk_create(
            kept.model(history=record, **{name: getattr(row, name) for name in names})
            for row in through.objects.filter(**{through_link(field, field.model): instance})
        )


def record_loaded(instance: models.Model) -> None:
    """Record a row the loader saved raw (which records no version) as added, with its links."""
    record_version(instance, "+", LOADED_REASON)


def record_updated(instance: models.Model) -> None:
    """Record a row the loader updated from the fixtures (saved without history) as changed."""
    record_version(instance, "~", UPDATED_REASON)


def record_version(instance: models.Model, history_type: str, reason: str) -> None:
    """Record the row as it is now, with its many-to-many links, as a version with this reason."""
    if not has_history(type(instance)):
        return
    record = type(instance).history.create(
        history_date=timezone.now(),
        history_type=history_type,
        history_change_reason=reason,
        **{
            field.attname: getattr(instance, field.attname)
            for field in instance._meta.concrete_fields
        },
    )
    record_links(instance, record)


def written_by_the_loader(record) -> bool:
    """Say whether a version was written by load_guide (or a migration on its behalf), not staff."""
    return record.history_user_id is None and record.history_change_reason in (
        LOADED_REASON,
        UPDATED_REASON,
    )


# --- History in words an editor reads -------------------------------------------------------------

RESTORED_PREFIX = "Restored"
# A version a clinical reviewer made live: "Approved by Jane Doe, MD" (signoff.approve).
APPROVED_PREFIX = "Approved by "
ACTIONS = {"+": "Added", "~": "Changed", "-": "Deleted"}


def latest_version(item):
    """Return the item's newest history record (its version now), or None."""
    return item.history.order_by("-history_date", "-history_id").first()


def when(record) -> str:
    """Return the record's time and date as the site shows them: "12:23 p.m. on Dec. 6, 2026".

    The time comes first so that a sentence never ends in "p.m." and then its own full stop.
    """
    moment = timezone.localtime(record.history_date)
    return f"{formats.time_format(moment, 'TIME_FORMAT')} on {formats.date_format(moment)}"


def restored_reason(record) -> str:
    """Return the change reason of a revert to this version of a row."""
    if record.history_type == "-":
        return f"{RESTORED_PREFIX} after it was deleted at {when(record)}"
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

    def __str__(self):
        return f"{self.what}: {self.old or 'empty'} → {self.new or 'empty'}"


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


def linked_name(field) -> str:
    """Return the name of the link to the other row in a many-to-many field's through model."""
    return through_link(field, field.related_model)


def field_changes(delta) -> list[Change]:
    """Return what changed in the row's own fields between two versions (a diff_against delta)."""
    model = delta.new_record.instance_type
    changes = []
    for change in delta.changes:
        field = model._meta.get_field(change.field)
        old, new = change.old, change.new
        if field.many_to_many:
            # Each link is a row of the through table: show the linked rows' names.
            linked = linked_name(field)
            old = sorted(str(link[linked]) for link in old)
            new = sorted(str(link[linked]) for link in new)
        changes.append(
            Change(str(field.verbose_name).capitalize(), in_words(field, old), in_words(field, new))
        )
    return changes
