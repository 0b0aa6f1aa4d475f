"""Bring back an exercise's steps and poses with the version of the exercise that staff revert to."""

from backcare.history import CASCADE_REASON, Change

from . import figures
from .models import ExercisePose, ExerciseStep

RESTORED_REASON = "Restored with its exercise"


def _children_of_version(model, record, number: str) -> list:
    """Return the rows of `model` an exercise had in this version of it, as unsaved instances.

    The admin saves an exercise before its inline rows, so a version's rows are the latest state
    of each row recorded before the exercise's next version. A row deleted only because its
    exercise was deleted still counts: undoing that deletion brings the row back.
    """
    child_records = model.history.filter(exercise_id=record.id)
    next_record = record.next_record
    if next_record is not None:
        child_records = child_records.filter(history_date__lt=next_record.history_date)
    latest = {}
    for child_record in child_records.order_by("history_date", "history_id"):
        latest[child_record.id] = child_record
    return sorted(
        (
            child_record.instance
            for child_record in latest.values()
            if child_record.history_type != "-"
            or child_record.history_change_reason == CASCADE_REASON
        ),
        key=lambda child: getattr(child, number),
    )


def steps_of_version(record) -> list:
    """Return the steps an exercise had in this version of it, as unsaved step instances."""
    return _children_of_version(ExerciseStep, record, "number")


def poses_of_version(record) -> list:
    """Return the poses of the figure an exercise had in this version of it, unsaved."""
    return _children_of_version(ExercisePose, record, "order")


def _restore_children(current, wanted: list, exercise, same) -> None:
    """Make the exercise's rows exactly `wanted`, keeping the ones that are already the same."""
    wanted = {child.pk: child for child in wanted}
    for row in current:
        child = wanted.get(row.pk)
        if child is not None and same(child) == same(row):
            del wanted[row.pk]
        else:
            row.delete()
    for child in wanted.values():
        child.exercise = exercise
        child._change_reason = RESTORED_REASON
        child.save(force_insert=True)


def restore_steps(exercise, steps: list) -> None:
    """Make the exercise's steps exactly these, keeping the ones that are already the same."""
    _restore_children(exercise.steps.all(), steps, exercise, lambda s: (s.number, s.text))


def restore_poses(exercise, poses: list) -> None:
    """Make the exercise's poses exactly these, keeping the ones that are already the same."""
    _restore_children(
        exercise.poses.all(),
        poses,
        exercise,
        lambda p: (p.order, p.caption, p.alt_text, p.posture, p.angles, p.arrows),
    )


def step_changes(record, previous) -> list[Change]:
    """Return how the numbered steps changed from the previous version of an exercise to this one."""
    old = {step.number: step.text for step in steps_of_version(previous)}
    new = {step.number: step.text for step in steps_of_version(record)}
    return [
        Change(f"Step {number}", old.get(number, ""), new.get(number, ""))
        for number in sorted(old.keys() | new.keys())
        if old.get(number) != new.get(number)
    ]


def pose_summary(pose) -> str:
    """Return a pose in an editor's words: its caption, description, posture and own angles."""
    posture = figures.POSTURES.get(pose.posture)
    angles = ", ".join(
        f"{figures.ANGLES[name].label.lower()} {value:g}°"
        for name, value in sorted(
            pose.angles.items(), key=lambda item: list(figures.ANGLES).index(item[0])
        )
        if name in figures.ANGLES
    )
    arrows = f" Arrows: {len(pose.arrows)}." if pose.arrows else ""
    return (
        f"{pose.caption}: {pose.alt_text} ({posture.label if posture else pose.posture}"
        f"{'; ' + angles if angles else ''}).{arrows}"
    )


def pose_changes(record, previous) -> list[Change]:
    """Return how the figure's poses changed from the previous version of an exercise to this one."""
    old = {pose.order: pose_summary(pose) for pose in poses_of_version(previous)}
    new = {pose.order: pose_summary(pose) for pose in poses_of_version(record)}
    return [
        Change(f"Pose {number}", old.get(number, ""), new.get(number, ""))
        for number in sorted(old.keys() | new.keys())
        if old.get(number) != new.get(number)
    ]
