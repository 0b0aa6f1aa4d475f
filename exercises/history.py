"""Content history (django-simple-history): every change is recorded, and can be undone from the admin."""

from django.db import models
from simple_history.models import HistoricalRecords

LOADED_REASON = "Loaded from the guide's fixtures"
CASCADE_REASON = "Deleted with its parent"


class ContentHistory(HistoricalRecords):
    """Record each change of a content row; also reachable from the model for rows saved raw."""

    def finalize(self, sender, **kwargs):
        super().finalize(sender, **kwargs)
        if self.cls is sender or (self.inherit and issubclass(sender, self.cls)):
            # The loader saves fixture rows raw (no post_save history); it records them through this.
            sender._content_history = self

    def post_delete(self, instance, using=None, origin=None, **kwargs):
        # A step deleted because its exercise was deleted is marked, so undoing the deletion of the
        # exercise can tell those steps from ones an editor removed on purpose.
        parent_model = getattr(origin, "model", type(origin))
        if origin is not None and parent_model is not type(instance):
            instance._change_reason = CASCADE_REASON
        super().post_delete(instance, using=using, **kwargs)


def record_loaded(instance: models.Model) -> None:
    """Record a row the loader saved raw as created, with its many-to-many links."""
    history = getattr(type(instance), "_content_history", None)
    if history is not None:
        instance._change_reason = LOADED_REASON
        history.create_historical_record(instance, "+")
        del instance._change_reason


RESTORED_REASON = "Restored with its exercise"


def steps_of_version(record) -> list:
    """Return the steps an exercise had in this version of it, as unsaved step instances.

    The admin saves an exercise before its inline steps, so a version's steps are the latest state of
    each step recorded before the exercise's next version. A step deleted only because its exercise
    was deleted still counts: undoing that deletion brings the step back.
    """
    from .models import ExerciseStep

    step_records = ExerciseStep.history.filter(exercise_id=record.id)
    next_record = record.next_record
    if next_record is not None:
        step_records = step_records.filter(history_date__lt=next_record.history_date)
    latest = {}
    for step_record in step_records.order_by("history_date", "history_id"):
        latest[step_record.id] = step_record
    return sorted(
        (
            step_record.instance
            for step_record in latest.values()
            if step_record.history_type != "-"
            or step_record.history_change_reason == CASCADE_REASON
        ),
        key=lambda step: step.number,
    )


def restore_steps(exercise, steps: list) -> None:
    """Make the exercise's steps exactly these, keeping the ones that are already the same."""
    wanted = {step.pk: step for step in steps}
    for current in exercise.steps.all():
        step = wanted.get(current.pk)
        if step is not None and (step.number, step.text) == (current.number, current.text):
            del wanted[current.pk]
        else:
            current.delete()
    for step in wanted.values():
        step.exercise = exercise
        step._change_reason = RESTORED_REASON
        step.save(force_insert=True)
