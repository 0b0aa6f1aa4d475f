import pytest
from django.apps import apps

from backcare.loading import load_guide
from exercises.models import Exercise, ExercisePose, ExerciseStep
from guidance.models import (
    Cause,
    ClinicDetails,
    CombinationRule,
    GuideText,
    RedFlag,
    WarningSign,
)

pytestmark = pytest.mark.django_db


def row_counts():
    return {
        model.__name__: model.objects.count()
        for model in (
            Exercise,
            ExerciseStep,
            ExercisePose,
            Cause,
            GuideText,
            WarningSign,
            CombinationRule,
            RedFlag,
        )
    }


def test_loading_again_adds_nothing_and_duplicates_nothing():
    before = row_counts()
    report = load_guide()
    assert report.created == []
    assert row_counts() == before
    assert before == {
        "Exercise": 20,
        "ExerciseStep": 50,
        "ExercisePose": 46,
        "Cause": 5,
        "GuideText": 11,
        "WarningSign": 30,
        "CombinationRule": 3,
        "RedFlag": 58,
    }


def test_loading_into_an_empty_database_loads_the_whole_guide():
    # Last app first, and each app's models last first: a red flag protects its question.
    for app in ("guidance", "exercises", "backcare"):
        for model in reversed(list(apps.get_app_config(app).get_models())):
            model.objects.all().delete()
    report = load_guide()
    # 212 rows of the article's guide and the checklist's review, 46 poses of the exercises'
    # figures, 3 ready-made routines with their 14 exercises, and the desk set-up checklist.
    assert len(report.created) == 276
    assert Exercise.objects.get(slug="wall-angel").steps.count() == 2
    assert Exercise.objects.get(slug="childs-pose").poses.count() == 2
    assert ClinicDetails.objects.get().name == "Long Island Neuroscience Specialists"


def test_a_row_edited_by_staff_survives_a_reload():
    exercise = Exercise.objects.get(slug="neck-roll")
    exercise.benefits = "Edited by the clinic."
    exercise.save()
    step = ExerciseStep.objects.get(exercise=exercise, number=1)
    step.text = "Sit tall on a firm chair."
    step.save()
    load_guide()
    assert Exercise.objects.get(slug="neck-roll").benefits == "Edited by the clinic."
    assert ExerciseStep.objects.get(exercise=exercise, number=1).text == "Sit tall on a firm chair."


def test_a_row_deleted_by_staff_is_not_brought_back():
    Exercise.objects.get(slug="superman").delete()
    Cause.objects.get(slug="stress").delete()
    load_guide()
    assert not Exercise.objects.filter(slug="superman").exists()
    assert not ExerciseStep.objects.filter(exercise__slug="superman").exists()
    assert not Cause.objects.filter(slug="stress").exists()
