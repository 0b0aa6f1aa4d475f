import json
import threading

import pytest
from django.apps import apps
from django.core import serializers
from django.core.management import call_command
from django.db import connection, connections
from django.urls import reverse

from backcare.loading import fixture_names, fixture_path, load_guide
from backcare.models import ContentVersion, SeedRecord
from exercises.models import BodyArea, Exercise, ExercisePose, ExerciseStep, Routine
from guidance.models import (
    Cause,
    ClinicDetails,
    CombinationRule,
    GuideText,
    RedFlag,
    WarningSign,
)
from tests.content import edit
from tests.html import soup, text_of
from tests.loading import GuideCopy, loaded_by_an_older_loader

pytestmark = pytest.mark.django_db

UPDATED = "Updated from the guide's fixtures"


@pytest.fixture
def guide(settings, tmp_path):
    """A copy of the fixtures for the test to change, read by load_guide instead of the real ones."""
    copy = GuideCopy(settings.FIXTURE_DIRS[0], tmp_path / "fixtures")
    settings.FIXTURE_DIRS = [copy.folder]
    return copy


def content_version() -> str:
    return ContentVersion.objects.get().token


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
        "ExerciseStep": 57,
        "ExercisePose": 55,
        "Cause": 5,
        "GuideText": 11,
        "WarningSign": 33,
        "CombinationRule": 3,
        "RedFlag": 61,
    }


def test_loading_into_an_empty_database_loads_the_whole_guide():
    # Last app first, and each app's models last first: a red flag protects its question.
    for app in ("guidance", "exercises", "backcare"):
        for model in reversed(list(apps.get_app_config(app).get_models())):
            model.objects.all().delete()
    report = load_guide()
    # 215 rows of the article's guide (with 3 setup steps added) and the checklist's review, 55
    # poses of the exercises' figures, 3 ready-made routines with their 14 exercises, and the desk
    # set-up checklist.
    assert len(report.created) == 298
    assert Exercise.objects.get(slug="wall-angel").steps.count() == 2
    assert Exercise.objects.get(slug="childs-pose").poses.count() == 3
    assert ClinicDetails.objects.get().name == "Long Island Neuroscience Specialists"


def test_a_new_database_holds_exactly_what_the_fixtures_hold():
    """Every field of every fixture row, as Django's serializer writes the row back out."""
    for name in fixture_names():
        for record in json.loads(fixture_path(name).read_text(encoding="utf-8")):
            model = apps.get_model(record["model"])
            (loaded,) = serializers.deserialize("python", [record])
            row = model.objects.get(pk=loaded.object.pk)
            (written,) = json.loads(
                serializers.serialize(
                    "json", [row], fields=list(record["fields"]), use_natural_foreign_keys=True
                )
            )
            for field_name, value in record["fields"].items():
                if model._meta.get_field(field_name).many_to_many:
                    assert sorted(written["fields"][field_name]) == sorted(value)
                else:
                    assert written["fields"][field_name] == value, (row, field_name)


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


# --- Content changes ship as fixture edits -----------------------------------------------------


def test_a_changed_fixture_text_reaches_the_untouched_row_and_not_the_one_staff_edited(guide):
    edit(Exercise.objects.filter(slug="superman"), benefits="The clinic's own words.")
    guide.change("exercises", {"slug": "neck-roll"}, benefits="Loosens a stiff neck.")
    guide.change("exercises", {"slug": "superman"}, benefits="Strengthens the back.")

    report = load_guide()

    assert Exercise.objects.get(slug="neck-roll").benefits == "Loosens a stiff neck."
    assert Exercise.objects.get(slug="superman").benefits == "The clinic's own words."
    assert report.updated == ["exercise neck-roll (benefits)"]
    assert report.kept == ["exercise superman (benefits)"]


def test_staff_editing_one_field_keeps_it_while_the_rows_other_fields_follow_the_fixture(guide):
    edit(Exercise.objects.filter(slug="neck-roll"), benefits="The clinic's own words.")
    guide.change(
        "exercises",
        {"slug": "neck-roll"},
        benefits="Loosens a stiff neck.",
        safety_note="Stop if you feel dizzy.",
    )

    load_guide()

    neck_roll = Exercise.objects.get(slug="neck-roll")
    assert neck_roll.benefits == "The clinic's own words."
    assert neck_roll.safety_note == "Stop if you feel dizzy."


def test_the_update_shows_on_the_public_page_at_once(client, guide):
    page = reverse("exercises:detail", args=["neck-roll"])
    assert "Loosens a stiff neck." not in text_of(client.get(page))  # now kept in the page cache
    guide.change("exercises", {"slug": "neck-roll"}, benefits="Loosens a stiff neck.")

    load_guide()

    assert "Loosens a stiff neck." in text_of(client.get(page))


def test_the_update_is_a_version_the_admins_history_page_tells_in_words(editor_client, guide):
    old = Exercise.objects.get(slug="neck-roll").benefits
    guide.change("exercises", {"slug": "neck-roll"}, benefits="Loosens a stiff neck.")

    load_guide()

    neck_roll = Exercise.objects.get(slug="neck-roll")
    latest = neck_roll.history.latest()
    assert (latest.history_type, latest.history_change_reason) == ("~", UPDATED)
    assert latest.history_user is None
    page = editor_client.get(reverse("admin:exercises_exercise_history", args=[neck_roll.pk]))
    newest = soup(page).select("#change-history tbody tr")[0]
    cells = [" ".join(cell.get_text(" ").split()) for cell in newest.find_all("td")]
    assert cells[1] == f"Changed {UPDATED}"
    assert cells[3] == f"Benefits: “{old}” → “Loosens a stiff neck.”"


def test_a_changed_step_reaches_its_exercise_and_shows_in_the_exercises_history(
    editor_client, guide
):
    guide.change(
        "exercise_steps",
        {"exercise": ["wall-angel"], "number": 2},
        text="Slide your arms up the wall and back down.",
    )
    edit(ExerciseStep.objects.filter(exercise__slug="neck-roll", number=1), text="Sit tall.")
    guide.change("exercise_steps", {"exercise": ["neck-roll"], "number": 1}, text="Sit up.")

    report = load_guide()

    assert report.updated == ["step wall-angel / 2 (text)"]
    assert report.kept == ["step neck-roll / 1 (text)"]
    wall_angel = Exercise.objects.get(slug="wall-angel")
    assert [step.text for step in wall_angel.steps.order_by("number")] == [
        "Stand with back against a wall.",
        "Slide your arms up the wall and back down.",
    ]
    assert wall_angel.history.latest().history_change_reason == UPDATED
    page = editor_client.get(reverse("admin:exercises_exercise_history", args=[wall_angel.pk]))
    newest = soup(page).select("#change-history tbody tr")[0]
    assert (
        "Step 2: “Move arms in a snow angel motion.” → “Slide your arms up the wall and back down.”"
        in " ".join(newest.get_text(" ").split())
    )


def test_a_changed_pose_and_a_routines_exercise_follow_the_fixture(guide):
    guide.change(
        "exercise_poses",
        {"exercise": ["childs-pose"], "order": 1},
        caption="Kneel",
        highlight=["lower_back"],
    )
    guide.change(
        "routine_items",
        {"routine": ["morning-mobility"], "exercise": ["cat-cow-stretch"]},
        times_per_day=2,
    )

    load_guide()

    pose = ExercisePose.objects.get(exercise__slug="childs-pose", order=1)
    assert (pose.caption, pose.highlight) == ("Kneel", ["lower_back"])
    routine = Routine.objects.get(slug="morning-mobility")
    assert routine.items.get(exercise__slug="cat-cow-stretch").times_per_day == 2
    assert routine.history.latest().history_change_reason == UPDATED


def test_a_poses_own_view_follows_the_fixture_unless_staff_chose_one(guide):
    edited = ExercisePose.objects.get(exercise__slug="childs-pose", order=2)
    edited.view = "front"
    edited.save()
    guide.change("exercise_poses", {"exercise": ["childs-pose"], "order": 2}, view="back")
    guide.change("exercise_poses", {"exercise": ["childs-pose"], "order": 3}, view="front")

    report = load_guide()

    assert "pose childs-pose / 2 (seen from (this pose only))" in report.kept
    assert "pose childs-pose / 3 (seen from (this pose only))" in report.updated
    views = ExercisePose.objects.filter(exercise__slug="childs-pose").order_by("order")
    assert [pose.view for pose in views] == ["", "front", "front"]


def test_a_field_the_fixture_stops_naming_goes_back_to_its_default_unless_staff_changed_it(guide):
    # A step renumbered in the fixtures (a setup step added before the article's) must not keep
    # the "adapted" and the article's words of the step that had its number before.
    edited = ExercisePose.objects.get(exercise__slug="butterfly-stretch", order=3)
    edited.view = "front"
    edited.save()
    records = guide.records("exercise_steps")
    (adapted,) = [
        record["fields"]
        for record in records
        if record["fields"]["exercise"] == ["lat-pulldown-with-band"]
        and record["fields"].get("origin") == "adapted"
    ]
    del adapted["origin"], adapted["article_text"]
    guide.write("exercise_steps", records)
    poses = guide.records("exercise_poses")
    for record in poses:
        if record["fields"]["exercise"] in (["reverse-dumbbell-fly"], ["butterfly-stretch"]):
            record["fields"].pop("view", None)
    guide.write("exercise_poses", poses)

    report = load_guide()

    step = ExerciseStep.objects.get(
        exercise__slug="lat-pulldown-with-band", number=adapted["number"]
    )
    assert (step.origin, step.article_text) == ("article", "")
    assert (
        f"step lat-pulldown-with-band / {adapted['number']} (where it comes from, the article's words)"
        in report.updated
    )
    fly = ExercisePose.objects.get(exercise__slug="reverse-dumbbell-fly", order=1)
    assert fly.view == ""  # was "side"
    assert "pose butterfly-stretch / 3 (seen from (this pose only))" in report.kept
    assert ExercisePose.objects.get(pk=edited.pk).view == "front"
    assert load_guide().updated == []  # and a second run finds nothing more to do


def test_changed_links_reach_an_untouched_exercise_and_its_version_holds_them(guide):
    wall_angel = Exercise.objects.get(slug="wall-angel")
    wall_angel.body_areas.set([BodyArea.objects.get(slug="neck")])  # staff changed its areas
    guide.change("exercises", {"slug": "neck-roll"}, body_areas=[["neck"]], equipment=[["chair"]])
    guide.change("exercises", {"slug": "wall-angel"}, body_areas=[["shoulders"]])

    report = load_guide()

    neck_roll = Exercise.objects.get(slug="neck-roll")
    assert [area.slug for area in neck_roll.body_areas.all()] == ["neck"]
    assert [item.slug for item in neck_roll.equipment.all()] == ["chair"]
    version = neck_roll.history.latest()
    assert [link.bodyarea.slug for link in version.body_areas.all()] == ["neck"]
    assert [area.slug for area in wall_angel.body_areas.all()] == ["neck"]
    assert report.kept == ["exercise wall-angel (body areas)"]


def test_a_new_fixture_row_is_added_and_a_row_staff_deleted_stays_deleted(guide):
    Exercise.objects.get(slug="superman").delete()
    guide.change("exercises", {"slug": "superman"}, benefits="Strengthens the back.")
    guide.add(
        "exercise_steps",
        "exercises.exercisestep",
        exercise=["wall-angel"],
        number=3,
        text="Lower your arms slowly.",
    )

    report = load_guide()

    assert not Exercise.objects.filter(slug="superman").exists()
    assert "exercise superman: deleted by staff" in report.skipped
    # Its steps are not brought back either, with no row of their own.
    assert "step of superman: a row it refers to was deleted" in report.skipped
    assert not ExerciseStep.objects.filter(exercise__slug="superman").exists()
    wall_angel = Exercise.objects.get(slug="wall-angel")
    assert wall_angel.steps.get(number=3).text == "Lower your arms slowly."
    assert report.created == ["step wall-angel / 3"]
    # The new step shows as a change of its exercise, not of an editor's next save.
    assert wall_angel.history.latest().history_change_reason == UPDATED


def test_a_second_run_changes_nothing_and_keeps_the_content_version(guide):
    guide.change("causes", {"slug": "stress"}, summary="Stress tightens muscles.")
    first = load_guide()
    assert first.updated == ["cause stress (in short)"]
    version, versions = content_version(), Cause.history.count()

    second = load_guide()

    assert (second.created, second.updated) == ([], [])
    assert content_version() == version
    assert Cause.history.count() == versions
    assert Cause.objects.get(slug="stress").summary == "Stress tightens muscles."


def test_staff_putting_back_the_old_text_after_an_update_is_an_edit_the_loader_keeps(guide):
    old = Cause.objects.get(slug="stress").summary
    guide.change("causes", {"slug": "stress"}, summary="Stress tightens muscles.")
    load_guide()
    edit(Cause.objects.filter(slug="stress"), summary=old)

    report = load_guide()

    assert Cause.objects.get(slug="stress").summary == old
    assert report.kept == ["cause stress (in short)"]


def test_a_changed_fixture_gives_the_content_a_new_version(guide):
    version = content_version()
    guide.change("causes", {"slug": "stress"}, summary="Stress tightens muscles.")
    load_guide()
    assert content_version() != version


def test_the_command_says_what_it_added_updated_kept_and_left_deleted(guide, capsys):
    edit(Exercise.objects.filter(slug="superman"), benefits="The clinic's own words.")
    Cause.objects.get(slug="stress").delete()
    guide.change("exercises", {"slug": "neck-roll"}, benefits="Loosens a stiff neck.")
    guide.change("exercises", {"slug": "superman"}, benefits="Strengthens the back.")

    call_command("load_guide", verbosity=2)

    out = capsys.readouterr().out.splitlines()
    assert out[0] == (
        "Guide content: 0 rows added, 1 updated, 1 kept as staff edited them, 295 unchanged, "
        "1 not brought back (deleted by staff)."
    )
    assert "  updated: exercise neck-roll (benefits)" in out
    assert "  kept as staff edited it: exercise superman (benefits)" in out
    assert "  not brought back: cause stress: deleted by staff" in out


# --- Rows loaded before the loader kept what it loaded -------------------------------------------


def test_a_row_an_older_loader_left_untouched_gets_the_fixtures_new_text():
    neck_roll = Exercise.objects.get(slug="neck-roll")
    loaded_by_an_older_loader(neck_roll, benefits="Loosens the neck.", safety_note="Go slowly.")

    load_guide()

    neck_roll.refresh_from_db()
    assert neck_roll.benefits.startswith("This exercise helps in loosening the neck muscles")
    assert neck_roll.safety_note.startswith("Roll slowly and only as far as is comfortable")
    assert neck_roll.history.latest().history_change_reason == UPDATED


def test_a_row_staff_saved_before_the_loader_kept_values_is_left_as_it_is():
    superman = Exercise.objects.get(slug="superman")
    loaded_by_an_older_loader(superman, benefits="Strengthens the back.")
    edit(Exercise.objects.filter(slug="superman"), summary="The clinic's own summary.")

    report = load_guide()

    # It may hold the loaded text still, but someone saved the row: nothing proves the text untouched.
    superman.refresh_from_db()
    assert superman.benefits == "Strengthens the back."
    assert superman.summary == "The clinic's own summary."
    assert report.kept == ["exercise superman (summary, benefits)"]


def test_an_older_loaders_row_remembers_the_fields_that_match_the_fixture():
    neck_roll = Exercise.objects.get(slug="neck-roll")
    SeedRecord.objects.filter(model="exercises.exercise").update(loaded=None)
    edit(Exercise.objects.filter(slug="neck-roll"), benefits="The clinic's own words.")

    load_guide()

    seed = SeedRecord.objects.get(model="exercises.exercise", key='["neck-roll"]')
    assert "benefits" not in seed.loaded
    assert seed.loaded["name"] == "Neck Roll"
    assert neck_roll.history.latest().history_change_reason is None


# --- Two app servers starting at once -----------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_two_load_guides_at_once_update_a_changed_row_once(guide):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: SQLite lets one writer in at a time, so loads cannot race")
    load_guide()  # a transactional test may start from an emptied database
    guide.change("causes", {"slug": "stress"}, summary="Stress tightens muscles.")
    barrier = threading.Barrier(2)
    reports, errors = [], []

    def run():
        try:
            barrier.wait()
            reports.append(load_guide())
        except Exception as error:  # any failure is the finding
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert sorted(len(report.updated) for report in reports) == [0, 1]
    stress = Cause.objects.get(slug="stress")
    assert stress.summary == "Stress tightens muscles."
    assert stress.history.filter(history_change_reason=UPDATED).count() == 1
