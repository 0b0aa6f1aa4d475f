# How each exercise of the guide is drawn (the view, its props, what is coloured), for databases
# loaded before figures existed; load_guide adds the poses themselves (fixtures/exercise_poses.json).
# Exercises whose drawing settings staff already changed are left alone. The Content editors group
# may edit poses.

from django.db import migrations
from django.utils import timezone

from backcare.permissions import grant_content_editors, revoke_content_editors

CONTENT_MODELS = {"exercises": ["exercisepose"]}

# The same settings as fixtures/exercises.json gives a new database.
FIGURES = {
    "neck-roll": {"view": "back", "props": [{"type": "stool"}]},
    "shoulder-roll": {"view": "back-three-quarter"},
    "arm-circles": {"view": "front"},
    "overhead-arm-reach": {"view": "back", "highlight": ["lower_back", "mid_back", "upper_back", "r_upper_arm", "r_forearm", "r_hand"]},
    "chair-rotation": {"view": "front", "props": [{"type": "chair", "back": "right"}], "highlight": ["mid_back", "upper_back"]},
    "cat-cow-stretch": {"view": "side", "props": [{"type": "mat"}], "highlight": ["lower_back", "mid_back", "upper_back"]},
    "knee-to-chest": {"view": "side", "props": [{"type": "mat"}], "highlight": ["lower_back", "r_thigh", "r_shin", "r_foot"]},
    "thoracic-extension": {"view": "side", "props": [{"type": "mat"}, {"type": "foam-roller", "under": "upper-back"}], "highlight": ["upper_back", "mid_back"]},
    "resistance-band-row": {"view": "side", "props": [{"type": "band", "anchor": "front"}]},
    "face-pull-with-band": {"view": "back-three-quarter", "props": [{"type": "band", "anchor": "front"}]},
    "scapular-squeeze": {"view": "back-three-quarter", "highlight": ["upper_back", "r_collar", "l_collar"]},
    "wall-angel": {"view": "front", "props": [{"type": "wall"}]},
    "reverse-dumbbell-fly": {"view": "back-three-quarter", "props": [{"type": "dumbbells"}]},
    "lat-pulldown-with-band": {"view": "back", "props": [{"type": "band", "anchor": "overhead"}]},
    "superman": {"view": "side", "props": [{"type": "mat"}], "highlight": ["lower_back", "mid_back", "upper_back"], "in_front": ["head"]},
    "pec-stretch": {"view": "back-three-quarter", "props": [{"type": "doorway"}], "highlight": ["r_collar", "l_collar", "r_upper_arm", "l_upper_arm"]},
    "childs-pose": {"view": "side", "props": [{"type": "mat"}], "highlight": ["lower_back", "mid_back", "upper_back"], "in_front": ["head"]},
    "butterfly-stretch": {"view": "front", "props": [{"type": "mat"}], "highlight": ["r_thigh", "l_thigh", "r_shin", "l_shin", "r_foot", "l_foot"]},
    "upper-trapezius-stretch": {"view": "back", "highlight": ["neck", "l_collar"], "in_front": ["r_arm"]},
    "levator-scapulae-stretch": {"view": "back", "highlight": ["neck", "r_collar"], "in_front": ["l_arm"]},
}
FIELDS = {"view": "figure_view", "props": "figure_props", "highlight": "figure_highlight", "in_front": "figure_in_front"}
UNSET = {"figure_view": "side", "figure_props": [], "figure_highlight": None, "figure_in_front": []}


def record_version(apps, exercise):
    """Add a history row for the change made here, so no editor's next save is blamed for it."""
    HistoricalExercise = apps.get_model("exercises", "HistoricalExercise")
    fields = [f.attname for f in apps.get_model("exercises", "Exercise")._meta.concrete_fields]
    record = HistoricalExercise.objects.create(
        **{name: getattr(exercise, name) for name in fields},
        history_date=timezone.now(),
        history_type="~",
        history_change_reason="Updated from the guide's fixtures",
    )
    for name in ("body_areas", "equipment"):
        through = getattr(exercise, name).through
        Link = apps.get_model("exercises", f"HistoricalExercise_{name}")
        columns = [f.attname for f in through._meta.concrete_fields]
        Link.objects.bulk_create(
            Link(history=record, **{column: getattr(row, column) for column in columns})
            for row in through.objects.filter(exercise=exercise)
        )


def draw_exercises(apps, schema_editor):
    Exercise = apps.get_model("exercises", "Exercise")
    for exercise in Exercise.objects.filter(slug__in=FIGURES):
        if any(getattr(exercise, name) != value for name, value in UNSET.items()):
            continue
        for key, value in FIGURES[exercise.slug].items():
            setattr(exercise, FIELDS[key], value)
        exercise.save()
        record_version(apps, exercise)


def grant(apps, schema_editor):
    grant_content_editors(apps, CONTENT_MODELS)


def revoke(apps, schema_editor):
    revoke_content_editors(apps, CONTENT_MODELS)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("exercises", "0008_figures"),
    ]

    operations = [
        # Undoing it leaves the settings: the fields themselves go with 0005.
        migrations.RunPython(draw_exercises, migrations.RunPython.noop),
        migrations.RunPython(grant, revoke),
    ]
