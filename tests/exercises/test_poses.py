"""Every exercise's figure: drawn from poses kept with it, on its page, loaded into every database."""

import json
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from backcare.loading import load_guide
from backcare.models import SeedRecord
from exercises import figures
from exercises.models import Exercise, ExercisePose
from tests.html import soup
from tests.loading import loaded_by_an_older_loader

pytestmark = pytest.mark.django_db

FIXTURES = Path(settings.FIXTURE_DIRS[0])


def published_slugs():
    records = json.loads((FIXTURES / "exercises.json").read_text())
    return [r["fields"]["slug"] for r in sorted(records, key=lambda r: r["fields"]["order"])]


@pytest.mark.parametrize("slug", published_slugs())
def test_every_exercise_page_shows_its_positions_side_by_side_and_how_many_to_do(client, slug):
    exercise = Exercise.objects.get(slug=slug)
    page = soup(client.get(exercise.get_absolute_url()))

    pair = page.select_one(".exercise-pictures .fig-seq")
    frames = pair.select("figure.fig-frame")
    poses = list(exercise.poses.all())
    assert len(frames) == len(poses) >= 2
    for frame, pose in zip(frames, poses, strict=True):
        svg = frame.select_one("svg[role=img]")
        # The text alternative says what the position is, and the caption names it.
        assert svg.find("desc").get_text() == pose.alt_text
        assert svg.find("title").get_text() == f"{exercise.name}: {pose.caption}"
        assert frame.figcaption.get_text() == pose.caption
    assert page.select_one(".do-box__dosage").get_text() == exercise.dose.describe() != ""


def test_the_exercise_page_needs_no_inline_style_or_script_for_its_pictures(client):
    html = client.get(reverse("exercises:detail", args=["cat-cow-stretch"])).content.decode()
    assert "fig-anim" in html and "bodymap" in html
    assert " style=" not in html and "<style" not in html
    # Scripts are static files; the one inline block is data (JSON-LD), never run.
    page = soup(client.get(reverse("exercises:detail", args=["cat-cow-stretch"])))
    inline = [tag for tag in page.find_all("script") if not tag.get("src")]
    assert [tag.get("type") for tag in inline] == ["application/ld+json"]


def test_the_movement_is_offered_folded_under_watch_the_movement(client):
    page = soup(client.get(reverse("exercises:detail", args=["wall-angel"])))
    motion = page.select_one("details.fig-motion")
    assert motion.summary.get_text() == "Watch the movement"
    assert "open" not in motion.attrs
    assert (
        motion.select_one("svg.fig-anim[role=img] desc")
        .get_text()
        .startswith("The figure moves slowly through the positions shown above")
    )


def test_the_exercise_page_colours_in_the_exercises_areas_on_a_body_and_names_them(client):
    page = soup(client.get(reverse("exercises:detail", args=["wall-angel"])))
    body_map = page.select_one(".exercise-overview .bodymap")
    coloured = [g["data-area"] for g in body_map.select("svg g.bm-area")]
    assert coloured == ["shoulders", "upper-back"]
    assert [li.get_text() for li in body_map.select(".bodymap__legend li")] == [
        "Shoulders",
        "Upper back",
    ]
    assert not body_map.select("a")


def test_an_exercise_without_poses_shows_no_figure_and_the_rest_of_its_page(client):
    exercise = Exercise.objects.get(slug="superman")
    exercise.poses.all().delete()
    page = soup(client.get(exercise.get_absolute_url()))
    assert not page.select(".fig-set")
    assert page.select_one(".steps")


def test_a_pose_that_cannot_be_drawn_leaves_the_figure_out_not_the_page(client, caplog):
    pose = ExercisePose.objects.get(exercise__slug="superman", order=2)
    # Saved past the admin's checks (e.g. by a script): the page must still work.
    ExercisePose.objects.filter(pk=pose.pk).update(angles={"r_elbow_bend": 400})
    response = client.get(reverse("exercises:detail", args=["superman"]))
    assert response.status_code == 200
    assert not soup(response).select(".fig-set")
    assert soup(response).select_one(".steps")
    assert "could not be drawn" in caplog.text


def test_the_guides_poses_all_pass_the_drawings_checks():
    for exercise in Exercise.objects.all():
        assert figures.validate(exercise.figure_data()) == [], exercise.slug


def test_a_database_loaded_before_figures_existed_gets_the_poses_from_load_guide():
    # As before this change: no poses, and nothing recorded as loaded from their file.
    ExercisePose.objects.all().delete()
    SeedRecord.objects.filter(model="exercises.exercisepose").delete()

    report = load_guide()

    assert len(report.created) == ExercisePose.objects.count() == 55
    assert [pose.caption for pose in Exercise.objects.get(slug="childs-pose").poses.all()] == [
        "Kneel",
        "Sit back",
        "Forehead down, arms forward",
    ]


def test_loading_again_keeps_a_pose_staff_changed_or_deleted():
    pose = ExercisePose.objects.get(exercise__slug="wall-angel", order=2)
    pose.angles = {**pose.angles, "r_arm_raise": 120}
    pose.save()
    ExercisePose.objects.get(exercise__slug="childs-pose", order=2).delete()

    load_guide()

    assert ExercisePose.objects.get(pk=pose.pk).angles["r_arm_raise"] == 120
    assert not ExercisePose.objects.filter(exercise__slug="childs-pose", order=2).exists()


def test_exercises_loaded_before_figures_existed_are_drawn_as_a_new_database_draws_them():
    # As an older load_guide left them: the drawing settings as the migration adding them set them.
    unset = {
        "figure_view": "side",
        "figure_props": [],
        "figure_highlight": None,
        "figure_in_front": [],
    }
    for exercise in Exercise.objects.all():
        loaded_by_an_older_loader(exercise, **unset)

    load_guide()

    for record in json.loads((FIXTURES / "exercises.json").read_text()):
        fields = record["fields"]
        exercise = Exercise.objects.get(slug=fields["slug"])
        assert exercise.figure_view == fields["figure_view"]
        assert exercise.figure_props == fields["figure_props"]
        assert exercise.figure_highlight == fields["figure_highlight"]
        assert exercise.figure_in_front == fields["figure_in_front"]


def test_a_pose_is_recorded_in_history_as_loaded():
    pose = ExercisePose.objects.get(exercise__slug="wall-angel", order=1)
    assert pose.history.get().history_change_reason == "Loaded from the guide's fixtures"


def test_a_database_loaded_before_poses_had_their_own_shading_gets_it_from_load_guide():
    # As before the field (round 12): every pose empty, and the loader never gave it a value.
    ExercisePose.objects.update(highlight=[])
    for seed in SeedRecord.objects.filter(model="exercises.exercisepose"):
        seed.loaded.pop("highlight", None)
        seed.save()

    report = load_guide()

    assert sorted(report.updated) == [
        "pose levator-scapulae-stretch / 4 (shaded in this pose)",
        "pose overhead-arm-reach / 3 (shaded in this pose)",
        "pose upper-trapezius-stretch / 3 (shaded in this pose)",
    ]
    pose = ExercisePose.objects.get(exercise__slug="levator-scapulae-stretch", order=4)
    assert pose.highlight == ["neck", "r_collar"]
