"""Bring back an exercise's steps with the version of the exercise that staff revert to."""

from backcare.history import CASCADE_REASON, Change

from .models import ExerciseStep

RESTORED_REASON = "Restored with its exercise"


def steps_of_version(record) -> list:
    """Return the steps an exercise had in this version of it, as unsaved step instances.

    The admin saves an exercise before its inline steps, so a version's steps are the latest state of
    each step recorded before the exercise's next version. A step deleted only because its exercise
    was deleted still counts: undoing that deletion brings the step back.
    """
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


def step_changes(record, previous) -> list[Change]:
    """Return how the numbered steps changed from the previous version of an exercise to this one."""
    old = {step.number: step.text for step in steps_of_version(previous)}
    new = {step.number: step.text for step in steps_of_version(record)}
    return [
        Change(f"Step {number}", old.get(number, ""), new.get(number, ""))
        for number in sorted(old.keys() | new.keys())
        if old.get(number) != new.get(number)
    ]
