"""Bring back a parent's inline children (an exercise's steps, poses and photos, a routine's
exercises) with the version of the parent that staff revert to, and say how they changed."""

from backcare.history import CASCADE_REASON, Change

from . import figures
from .models import Exercise, ExercisePhoto, ExercisePose, ExerciseStep, Routine, RoutineItem
from .routines import ADJUSTABLE, adjust

RESTORED_REASON = "Restored with its parent"


def children_of_version(record, model, parent_field: str) -> list:
    """Return the children a parent had in this version of it, as unsaved instances.

    The admin saves a parent before its inline children, so a version's children are the latest
    state of each child recorded before the parent's next version. A child deleted only because its
    parent was deleted still counts: undoing that deletion brings the child back.
    """
    child_records = model.history.filter(**{f"{parent_field}_id": record.id})
    next_record = record.next_record
    if next_record is not None:
        child_records = child_records.filter(history_date__lt=next_record.history_date)
    latest = {}
    for child_record in child_records.order_by("history_date", "history_id"):
        latest[child_record.id] = child_record
    return [
        child_record.instance
        for child_record in latest.values()
        if child_record.history_type != "-" or child_record.history_change_reason == CASCADE_REASON
    ]


def restore_children(
    current_children, children: list, parent, parent_field: str, compared: tuple[str, ...]
) -> None:
    """Make the parent's children (now `current_children`) exactly these, keeping the same ones."""
    wanted = {child.pk: child for child in children}
    for current in current_children:
        child = wanted.get(current.pk)
        if child is not None and all(
            getattr(child, name) == getattr(current, name) for name in compared
        ):
            del wanted[current.pk]
        else:
            current.delete()
    # Every changed child is deleted before any is inserted, so moved positions never collide.
    for child in wanted.values():
        setattr(child, parent_field, parent)
        child.change_reason = RESTORED_REASON
        child.save(force_insert=True)


def steps_of_version(record) -> list:
    """Return the steps an exercise had in this version of it, in order."""
    steps = children_of_version(record, ExerciseStep, "exercise")
    return sorted(steps, key=lambda step: step.number)


def restore_steps(exercise, steps: list) -> None:
    restore_children(
        exercise.steps.all(),
        steps,
        exercise,
        "exercise",
        ("number", "text", "origin", "article_text", "count_follows_dose"),
    )


def poses_of_version(record) -> list:
    """Return the poses of the figure an exercise had in this version of it, in order."""
    poses = children_of_version(record, ExercisePose, "exercise")
    return sorted(poses, key=lambda pose: pose.order)


def restore_poses(exercise, poses: list) -> None:
    restore_children(
        exercise.poses.all(),
        poses,
        exercise,
        "exercise",
        ("order", "caption", "alt_text", "posture", "angles", "arrows", "highlight", "view"),
    )


def photos_of_version(record) -> list:
    """Return the photos an exercise had in this version of it, in order."""
    photos = children_of_version(record, ExercisePhoto, "exercise")
    return sorted(photos, key=lambda photo: (photo.order, photo.pk))


def restore_photos(exercise, photos: list) -> None:
    """Make the exercise's photos these; their files are kept while a version refers to them."""
    restore_children(
        exercise.photos.all(),
        photos,
        exercise,
        "exercise",
        ("order", "alt_text", "credit", "licence", "source_url", "renditions"),
    )


def photo_summary(photo) -> str:
    """Return a photo in an editor's words: its description and credit."""
    credit = f" ({photo.credit})" if photo.credit else ""
    return f"{photo.alt_text}{credit}"


def photo_changes(record, previous) -> list[Change]:
    """Return the photos added, removed or changed from the previous version to this one."""
    old = {photo.pk: photo for photo in photos_of_version(previous)}
    new = {photo.pk: photo for photo in photos_of_version(record)}
    changes = []
    for pk in sorted(old.keys() | new.keys()):
        then, now = old.get(pk), new.get(pk)
        words_then = photo_summary(then) if then else ""
        words_now = photo_summary(now) if now else ""
        if then and now and then.renditions != now.renditions:
            words_now += " (a new file)"
        if words_then != words_now:
            changes.append(Change(f"Photo {(now or then).order}", words_then, words_now))
    return changes


def items_of_version(record) -> list:
    """Return the exercises a ready-made routine had in this version of it, in order."""
    items = children_of_version(record, RoutineItem, "routine")
    return sorted(items, key=lambda item: item.position)


def item_summary(item, exercises: dict) -> str:
    """Return a routine's exercise in an editor's words: its name and the dose patients read.

    `exercises` holds the exercises by id (one query for a whole page of versions).
    """
    exercise = exercises.get(item.exercise_id)
    if exercise is None:
        return "an exercise since deleted"
    if not item.adjustment:
        return f"{exercise.name} (its own dose)"
    return f"{exercise.name}: {adjust(exercise.dose, item.adjustment).describe()}"


def item_rows(then: list, live: list) -> list[dict]:
    """Return a version's exercises beside the live ones, place by place."""
    exercises = Exercise.objects.in_bulk({item.exercise_id for item in [*then, *live]})
    then_words = {item.position: item_summary(item, exercises) for item in then}
    now_words = {item.position: item_summary(item, exercises) for item in live}
    return [
        {"number": n, "then": then_words.get(n, ""), "now": now_words.get(n, "")}
        for n in sorted(then_words.keys() | now_words.keys())
    ]


def item_changes(record, previous) -> list[Change]:
    """Return how a routine's exercises changed from its previous version to this one (each
    routine save was "Saved without changes" when only its exercises or doses changed)."""
    rows = item_rows(items_of_version(previous), items_of_version(record))
    return [
        Change(f"Exercise {row['number']}", row["then"], row["now"])
        for row in rows
        if row["then"] != row["now"]
    ]


def restore_items(routine, items: list) -> None:
    """Make the routine's exercises these, leaving out any exercise that has since been deleted."""
    existing = set(
        Exercise.objects.filter(pk__in=[i.exercise_id for i in items]).values_list("pk", flat=True)
    )
    restore_children(
        routine.items.all(),
        [item for item in items if item.exercise_id in existing],
        routine,
        "routine",
        ("position", "exercise_id", *ADJUSTABLE),
    )


def routine_places_lost_with(exercise_id) -> list:
    """Return the places in ready-made routines (unsaved items) that the exercise's latest deletion
    took with it."""
    deletion = (
        Exercise.history.filter(id=exercise_id, history_type="-")
        .order_by("-history_date", "-history_id")
        .first()
    )
    if deletion is None:
        return []
    records = RoutineItem.history.filter(
        exercise_id=exercise_id, history_type="-", history_change_reason=CASCADE_REASON
    )
    if deletion.prev_record is not None:
        records = records.filter(history_date__gt=deletion.prev_record.history_date)
    return [record.instance for record in records]


def restore_routine_places(exercise, items: list) -> None:
    """Put a brought-back exercise in the ready-made routines it was deleted from, at its place
    (or last, if another exercise has taken it since), in any routine that still exists."""
    for item in items:
        routine = Routine.objects.filter(pk=item.routine_id).first()
        if routine is None or routine.items.filter(exercise=exercise).exists():
            continue
        if routine.items.filter(position=item.position).exists():
            item.position = max(routine.items.values_list("position", flat=True)) + 1
        item.exercise = exercise
        item.change_reason = RESTORED_REASON
        item.save(force_insert=True)


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
    shaded = ", ".join(
        str(figures.HIGHLIGHTABLE.get(part, part)).lower() for part in pose.highlight or []
    )
    seen = f" Seen from: {figures.VIEWS.get(pose.view, pose.view)}." if pose.view else ""
    return (
        f"{pose.caption}: {pose.alt_text} ({posture.label if posture else pose.posture}"
        f"{'; ' + angles if angles else ''}).{arrows}"
        + (f" Shaded: {shaded}." if shaded else "")
        + seen
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
