"""Staff adjust an exercise's figure in the admin: number boxes with ranges, checks in words."""

import pytest
from django.urls import reverse

from exercises import figures
from exercises.models import Exercise, ExercisePose
from tests.exercises.test_admin import (
    change_form_data,
    edit_in_admin,
    figure_form_data,
    revert_in_admin,
)
from tests.html import soup, text_of

pytestmark = pytest.mark.django_db


def change_url(exercise):
    return reverse("admin:exercises_exercise_change", args=[exercise.pk])


def post_change(client, exercise, **changes):
    return client.post(
        change_url(exercise), change_form_data(exercise, list(exercise.steps.all()), **changes)
    )


def test_each_angle_of_each_pose_is_a_labelled_number_box_with_the_drawings_range(editor_client):
    exercise = Exercise.objects.get(slug="wall-angel")
    page = soup(editor_client.get(change_url(exercise)))
    for index in range(exercise.poses.count()):
        for name, spec in figures.ANGLES.items():
            box = page.select_one(f"input#id_poses-{index}-{name}")
            assert box["type"] == "number"
            assert (box["min"], box["max"]) == (str(spec.minimum), str(spec.maximum))
            assert (
                page.select_one(f"label[for=id_poses-{index}-{name}]")
                .get_text()
                .startswith(spec.label)
            )
    assert page.select_one("#id_poses-1-r_arm_raise")["value"] == "145"
    # An empty box shows the posture's own angle.
    kneeling = soup(editor_client.get(change_url(Exercise.objects.get(slug="childs-pose"))))
    assert kneeling.select_one("#id_poses-0-r_knee_bend")["placeholder"] == "90"


def test_a_poses_arrows_are_menus_and_number_boxes_with_no_json_to_type(editor_client):
    exercise = Exercise.objects.get(slug="wall-angel")
    page = soup(editor_client.get(change_url(exercise)))

    assert page.select("[name$='-arrows']") == []
    assert "[{" not in page.get_text() and '"type"' not in page.get_text()
    kind = page.select_one("select#id_poses-1-arrow2_type")
    assert kind.select_one("option[selected]")["value"] == "path"
    assert page.select_one("select#id_poses-1-arrow2_joint option[selected]").get_text() == (
        "Left hand"
    )
    assert page.select_one("label[for=id_poses-1-arrow2_type]").get_text().startswith("Arrow 2")
    assert page.select_one("input#id_poses-1-arrow2_rx")["type"] == "number"

    edit_in_admin(
        editor_client,
        exercise,
        **{
            "poses-1-arrow2_type": "circle",
            "poses-1-arrow2_direction": "anticlockwise",
            "poses-1-arrow2_rx": 8,
        },
    )

    assert exercise.poses.get(order=2).arrows == [
        {"type": "path", "joint": "r_hand"},
        {"type": "circle", "joint": "l_hand", "direction": "anticlockwise", "rx": 8},
    ]


def test_a_turn_arrow_is_a_kind_of_arrow_with_a_circles_numbers(editor_client):
    exercise = Exercise.objects.get(slug="wall-angel")
    page = soup(editor_client.get(change_url(exercise)))
    kinds = [o["value"] for o in page.select("select#id_poses-1-arrow1_type option")]
    assert "turn" in kinds

    edit_in_admin(
        editor_client,
        exercise,
        **{
            "poses-1-arrow2_type": "turn",
            "poses-1-arrow2_joint": "chest",
            "poses-1-arrow2_direction": "anticlockwise",
            "poses-1-arrow2_rx": 24,
            "poses-1-arrow2_ry": 10,
        },
    )

    assert exercise.poses.get(order=2).arrows[1] == {
        "type": "turn",
        "joint": "chest",
        "direction": "anticlockwise",
        "rx": 24,
        "ry": 10,
    }


def test_the_change_form_draws_the_figure_as_saved(editor_client):
    page = soup(editor_client.get(change_url(Exercise.objects.get(slug="cat-cow-stretch"))))
    preview = page.select_one(".field-figure_preview")
    assert [c.get_text() for c in preview.select("figcaption")] == ["Start", "Cat", "Cow"]
    assert preview.select_one("button[formaction]").get_text() == "Preview the drawing"


def test_an_angle_changed_in_the_admin_changes_the_drawing_on_the_site(editor_client, client):
    exercise = Exercise.objects.get(slug="wall-angel")
    before = client.get(exercise.get_absolute_url()).content.decode()

    edit_in_admin(editor_client, exercise, **{"poses-1-r_arm_raise": 120})

    pose = exercise.poses.get(order=2)
    assert pose.angles["r_arm_raise"] == 120
    assert pose.angles["l_arm_raise"] == 145
    after = client.get(exercise.get_absolute_url()).content.decode()
    assert after != before
    assert pose.history.first().history_user is not None


def test_a_poses_own_shading_is_ticked_in_the_admin_saved_and_drawn(editor_client, client):
    exercise = Exercise.objects.get(slug="levator-scapulae-stretch")
    page = soup(editor_client.get(change_url(exercise)))
    legend = page.select_one("#id_poses-3-highlight").find_parent("fieldset").legend
    assert legend.get_text(strip=True) == "Shaded in this pose (leave empty to use the figure's):"
    ticked = [box["value"] for box in page.select("input[name=poses-3-highlight][checked]")]
    assert ticked == ["neck", "r_collar"]  # the left side shades the right of the neck
    assert page.select("input[name=poses-2-highlight][checked]") == []

    edit_in_admin(editor_client, exercise, **{"poses-3-highlight": ["r_collar", "head"]})

    assert exercise.poses.get(order=4).highlight == ["r_collar", "head"]
    assert exercise.poses.get(order=3).highlight == []  # left empty: the figure's
    # Drawn: on the site, the fourth picture colours the head; the others do not.
    stills = soup(client.get(exercise.get_absolute_url())).select(".fig-seq .fig-frame > svg")
    heads = [svg.select("circle.fig-hl") for svg in stills]
    assert [bool(circles) for circles in heads] == [False, False, False, True]


def test_a_pose_seen_from_its_own_side_is_chosen_in_the_admin_saved_and_drawn(
    editor_client, client
):
    exercise = Exercise.objects.get(slug="childs-pose")  # drawn from the side
    page = soup(editor_client.get(change_url(exercise)))
    label = page.select_one("label[for=id_poses-2-view]").get_text(strip=True)
    assert label == "Seen from (this pose only):"
    choice = page.select_one("#id_poses-2-view option[selected]")
    assert choice["value"] == ""  # blank: the exercise's view

    edit_in_admin(editor_client, exercise, **{"poses-2-view": "front"})

    assert exercise.poses.get(order=3).view == "front"
    assert exercise.poses.get(order=2).view == ""
    note = soup(client.get(exercise.get_absolute_url())).select_one(".fig-set__note").get_text()
    assert note.startswith("Pictures 1 and 2 seen from the person's right side: ")
    assert note.endswith("Picture 3 seen from the front: the person's right is on your left.")


def test_an_emptied_box_goes_back_to_the_postures_angle(editor_client):
    exercise = Exercise.objects.get(slug="wall-angel")
    edit_in_admin(editor_client, exercise, **{"poses-1-r_elbow_bend": ""})
    assert "r_elbow_bend" not in exercise.poses.get(order=2).angles


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"poses-1-r_elbow_bend": 400}, "Right elbow bend goes from 0° to 150° (0 = straight)."),
        ({"poses-1-r_elbow_bend": "ninety"}, "Enter whole degrees, e.g. 90."),
        ({"poses-0-arrow1_type": "path"}, "Choose the joint the arrow follows."),
        ({"poses-0-arrow1_joint": "r_hand"}, "Choose the kind of arrow"),
        (
            {
                "poses-1-arrow1_type": "circle",
                "poses-1-arrow1_joint": "head",
                "poses-1-arrow1_rx": 80,
            },
            "Enter a number from 3 to 40, or leave it empty.",
        ),
        (
            {
                "poses-1-arrow1_type": "path",
                "poses-1-arrow1_joint": "head",
                "poses-1-arrow1_rx": 20,
            },
            "Only a circling arrow has this",
        ),
        ({"poses-1-posture": "sitting"}, "A sitting pose needs something to sit on"),
        ({"poses-1-alt_text": "Image of a woman at a wall."}, "Describe the position itself"),
        ({"poses-1-DELETE": "on"}, "A figure needs at least two poses"),
        ({"figure_view": "back", "figure_props": ["band:anchor=front"]}, "only shows in the side"),
        ({"figure_props": ["chair:back=right", "chair:back=left"]}, "listed twice"),
        ({"poses-1-view": "top"}, "cannot be drawn in the top view; choose another view for this"),
    ],
)
def test_a_figure_that_cannot_be_drawn_is_refused_in_words_and_nothing_typed_is_lost(
    editor_client, changes, message
):
    exercise = Exercise.objects.get(slug="wall-angel")
    before = {pose.pk: (pose.posture, pose.angles, pose.arrows) for pose in exercise.poses.all()}

    response = post_change(editor_client, exercise, **changes)

    assert response.status_code == 200
    assert message in text_of(response)
    page = soup(response)
    for name, value in changes.items():
        for one in value if isinstance(value, list) else [value]:
            field = page.select_one(f"[name={name}]")
            if field.get("type") == "checkbox":
                field = page.select_one(f'[name={name}][value="{one}"]') or field
                assert "checked" in field.attrs
            elif field.name == "textarea":
                assert field.get_text().strip() == str(one)
            elif field.name == "select":
                assert field.select_one("option[selected]")["value"] == str(one)
            else:
                assert field["value"] == str(one)
    after = {pose.pk: (pose.posture, pose.angles, pose.arrows) for pose in exercise.poses.all()}
    assert after == before


def test_a_pose_can_be_added_in_the_admin(editor_client, client):
    exercise = Exercise.objects.get(slug="wall-angel")
    poses = list(exercise.poses.all())
    middle = ExercisePose(
        order=3,
        caption="Back down",
        alt_text="Standing with the back against the wall, arms back down in a W.",
        angles=dict(poses[0].angles),
    )
    data = change_form_data(exercise, list(exercise.steps.all()))
    data.update(figure_form_data(exercise, [*poses, middle]))
    response = editor_client.post(change_url(exercise), data)
    assert response.status_code == 302
    page = soup(client.get(exercise.get_absolute_url()))
    assert [c.get_text() for c in page.select(".fig-seq figcaption")] == [
        "Back and arms against the wall",
        "Slide arms up, then back down",
        "Back down",
    ]


def test_reverting_an_exercise_brings_back_the_poses_it_had(editor_client):
    exercise = Exercise.objects.get(slug="wall-angel")
    loaded = exercise.history.earliest()
    edit_in_admin(editor_client, exercise, **{"poses-1-r_arm_raise": 100})
    assert exercise.poses.get(order=2).angles["r_arm_raise"] == 100

    history = text_of(
        editor_client.get(reverse("admin:exercises_exercise_history", args=[exercise.pk]))
    )
    assert "Pose 2" in history and "right arm raise 100°" in history
    assert revert_in_admin(editor_client, exercise.pk, loaded).status_code == 302

    assert exercise.poses.get(order=2).angles["r_arm_raise"] == 145


def test_the_preview_draws_the_form_as_posted_without_saving_it(editor_client):
    exercise = Exercise.objects.get(slug="wall-angel")
    url = reverse("admin:exercises_exercise_figure_preview", args=[exercise.pk])
    data = change_form_data(exercise, list(exercise.steps.all()), **{"poses-1-caption": "Up"})

    page = soup(editor_client.post(url, data))

    assert [c.get_text() for c in page.select(".fig-seq figcaption")] == [
        "Back and arms against the wall",
        "Up",
    ]
    assert page.select_one("details.fig-motion[open]")
    assert exercise.poses.get(order=2).caption == "Slide arms up, then back down"


def test_the_preview_lists_what_stops_the_figure_being_drawn(editor_client):
    exercise = Exercise.objects.get(slug="wall-angel")
    url = reverse("admin:exercises_exercise_figure_preview", args=[exercise.pk])
    data = change_form_data(exercise, list(exercise.steps.all()), **{"poses-1-r_knee_bend": 170})

    response = editor_client.post(url, data)

    assert response.status_code == 200
    assert (
        "Pose “Slide arms up, then back down”: Right knee bend goes from 0° to 160° (0 = straight)."
        in text_of(response)
    )
    assert not soup(response).select(".fig-seq")


def test_the_preview_is_only_for_staff_and_only_posted(client, editor_client):
    exercise = Exercise.objects.get(slug="wall-angel")
    url = reverse("admin:exercises_exercise_figure_preview", args=[exercise.pk])
    assert client.post(url, {}).status_code == 302  # to the admin's login
    assert editor_client.get(url).status_code == 405
