import pytest
from django.urls import reverse

from backcare.loading import load_guide
from exercises.models import Exercise, RoutineItem
from tests.html import soup

DOSE_FIELDS = [
    "repetitions",
    "sets",
    "hold_seconds",
    "each_side",
    "side_label",
    "directions",
    "rest_seconds",
    "times_per_day",
    "days_per_week",
    "wording",
]

pytestmark = pytest.mark.django_db


def change_form_data(exercise, steps, **changes):
    """Return what the exercise's admin change form posts, with these changes and these steps."""
    data = {
        "name": exercise.name,
        "slug": exercise.slug,
        "summary": exercise.summary,
        "is_published": "on" if exercise.is_published else "",
        "order": exercise.order,
        "kind": exercise.kind,
        "position": exercise.position,
        "target_area": exercise.target_area,
        "body_areas": [area.pk for area in exercise.body_areas.all()],
        "equipment": [item.pk for item in exercise.equipment.all()],
        **{
            name: "" if value is None else ("on" if value is True else value)
            for name in DOSE_FIELDS
            if (value := getattr(exercise, name)) is not False
        },
        "dosage_source": exercise.dosage_source,
        "progression": exercise.progression,
        "equipment_needed": exercise.equipment_needed,
        "benefits": exercise.benefits,
        "safety_note": exercise.safety_note,
        "steps-TOTAL_FORMS": len(steps),
        "steps-INITIAL_FORMS": len(steps),
        "steps-MIN_NUM_FORMS": 0,
        "steps-MAX_NUM_FORMS": 1000,
    }
    for index, step in enumerate(steps):
        data[f"steps-{index}-id"] = step.pk
        data[f"steps-{index}-exercise"] = exercise.pk
        data[f"steps-{index}-number"] = step.number
        data[f"steps-{index}-text"] = step.text
        data[f"steps-{index}-origin"] = step.origin
        data[f"steps-{index}-article_text"] = step.article_text
        if step.count_follows_dose:
            data[f"steps-{index}-count_follows_dose"] = "on"
    data.update(figure_form_data(exercise))
    data.update(photo_management_data(exercise))
    data.update(changes)
    return {key: value for key, value in data.items() if value != ""}


def photo_management_data(exercise):
    """Return what the change form posts for the exercise's photos, unchanged."""
    photos = list(exercise.photos.all())
    data = {
        "photos-TOTAL_FORMS": len(photos),
        "photos-INITIAL_FORMS": len(photos),
        "photos-MIN_NUM_FORMS": 0,
        "photos-MAX_NUM_FORMS": 1000,
    }
    for index, photo in enumerate(photos):
        prefix = f"photos-{index}-"
        data.update(
            {
                f"{prefix}id": photo.pk,
                f"{prefix}exercise": exercise.pk,
                f"{prefix}alt_text": photo.alt_text,
                f"{prefix}credit": photo.credit,
                f"{prefix}licence": photo.licence,
                f"{prefix}source_url": photo.source_url,
                f"{prefix}order": photo.order,
            }
        )
    return data


def prop_code(prop):
    return ":".join([prop["type"], *(f"{k}={v}" for k, v in sorted(prop.items()) if k != "type")])


def figure_form_data(exercise, poses=None):
    """Return what the change form posts for the exercise's figure: its drawing and its poses."""
    poses = list(exercise.poses.all()) if poses is None else poses
    data = {
        "figure_view": exercise.figure_view,
        "figure_props": [prop_code(prop) for prop in exercise.figure_props],
        "figure_highlight": exercise.figure_highlight or [],
        "figure_in_front": exercise.figure_in_front,
        "poses-TOTAL_FORMS": len(poses),
        "poses-INITIAL_FORMS": len([pose for pose in poses if pose.pk]),
        "poses-MIN_NUM_FORMS": 0,
        "poses-MAX_NUM_FORMS": 1000,
    }
    for index, pose in enumerate(poses):
        prefix = f"poses-{index}-"
        data.update(
            {
                f"{prefix}id": pose.pk or "",
                f"{prefix}exercise": exercise.pk,
                f"{prefix}order": pose.order,
                f"{prefix}caption": pose.caption,
                f"{prefix}alt_text": pose.alt_text,
                f"{prefix}posture": pose.posture,
                f"{prefix}highlight": pose.highlight,
                f"{prefix}view": pose.view,
                **{
                    f"{prefix}arrow{number}_{part}": value
                    for number, arrow in enumerate(pose.arrows, 1)
                    for part, value in arrow.items()
                },
                **{f"{prefix}{name}": value for name, value in pose.angles.items()},
            }
        )
    return data


def edit_in_admin(client, exercise, **changes):
    steps = list(exercise.steps.all())
    response = client.post(
        reverse("admin:exercises_exercise_change", args=[exercise.pk]),
        change_form_data(exercise, steps, **changes),
    )
    assert response.status_code == 302, response.context["errors"]
    return response


def revert_in_admin(client, exercise_id, record):
    """Press "Revert" on a version in the exercise's history (the form shows that version)."""
    url = reverse("admin:exercises_exercise_simple_history", args=[exercise_id, record.history_id])
    form_page = client.get(url)
    assert form_page.status_code == 200
    initial = form_page.context["adminform"].form.initial
    data = change_form_data(record.instance, [], **{"body_areas": initial["body_areas"]})
    data["equipment"] = initial["equipment"]
    return client.post(url, data)


def test_an_edit_in_the_admin_shows_on_the_next_public_request(editor_client, client):
    exercise = Exercise.objects.get(slug="neck-roll")
    public = client.get(exercise.get_absolute_url()).content.decode()
    assert "Sit tall on a firm chair" not in public
    edit_in_admin(
        editor_client,
        exercise,
        benefits="Loosens a stiff neck after a long day at the desk.",
        **{"steps-0-text": "Sit tall on a firm chair."},
    )
    page = client.get(exercise.get_absolute_url()).content.decode()
    assert "Loosens a stiff neck after a long day at the desk." in page
    assert "Sit tall on a firm chair." in page


def test_an_edit_is_recorded_with_who_made_it(editor_client, editor):
    exercise = Exercise.objects.get(slug="neck-roll")
    edit_in_admin(editor_client, exercise, summary="A gentle roll of the head.")
    record = exercise.history.first()
    assert record.history_type == "~"
    assert record.history_user == editor
    assert record.summary == "A gentle roll of the head."
    history_page = editor_client.get(
        reverse("admin:exercises_exercise_history", args=[exercise.pk])
    )
    assert "A gentle roll of the head." in history_page.content.decode()


def test_a_revert_through_history_restores_the_text_and_the_steps(editor_client, client):
    exercise = Exercise.objects.get(slug="neck-roll")
    original_benefits = exercise.benefits
    original_steps = [step.text for step in exercise.steps.all()]
    loaded = exercise.history.earliest()
    edit_in_admin(
        editor_client,
        exercise,
        benefits="A mistaken edit.",
        **{"steps-0-text": "A mistaken step."},
    )
    assert "A mistaken edit." in client.get(exercise.get_absolute_url()).content.decode()

    response = revert_in_admin(editor_client, exercise.pk, loaded)

    assert response.status_code == 302
    page = client.get(exercise.get_absolute_url()).content.decode()
    assert original_benefits in page
    assert "A mistaken edit." not in page
    assert "A mistaken step." not in page
    assert [step.text for step in exercise.steps.all()] == original_steps


def test_a_deleted_exercise_can_be_brought_back_with_its_steps_and_areas(editor_client, client):
    exercise = Exercise.objects.get(slug="superman")
    exercise_id, url = exercise.pk, exercise.get_absolute_url()
    steps = [step.text for step in exercise.steps.all()]
    areas = set(exercise.body_areas.values_list("slug", flat=True))
    # Its places in ready-made routines come back too (a staff QA pass found them lost).
    places = set(exercise.routine_items.values_list("routine__slug", "position"))
    assert places
    response = editor_client.post(
        reverse("admin:exercises_exercise_delete", args=[exercise_id]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert client.get(url).status_code == 404
    assert not RoutineItem.objects.filter(exercise_id=exercise_id).exists()

    deleted_page = editor_client.get(reverse("admin:exercises_exercise_deleted"))
    history_url = reverse("admin:exercises_exercise_history", args=[exercise_id])
    assert history_url in deleted_page.content.decode()
    assert editor_client.get(history_url).status_code == 200

    last_version = Exercise.history.filter(id=exercise_id).latest()
    assert last_version.history_type == "-"
    assert revert_in_admin(editor_client, exercise_id, last_version).status_code == 302

    restored = Exercise.objects.get(slug="superman")
    assert [step.text for step in restored.steps.all()] == steps
    assert set(restored.body_areas.values_list("slug", flat=True)) == areas
    assert set(restored.routine_items.values_list("routine__slug", "position")) == places
    assert client.get(url).status_code == 200
    deleted_page = editor_client.get(reverse("admin:exercises_exercise_deleted"))
    assert deleted_page.context["rows"] == []


def test_load_guide_after_admin_edits_keeps_them_and_brings_back_nothing_deleted(editor_client):
    exercise = Exercise.objects.get(slug="neck-roll")
    edit_in_admin(editor_client, exercise, benefits="Edited in the admin.")
    editor_client.post(
        reverse("admin:exercises_exercise_delete", args=[Exercise.objects.get(slug="superman").pk]),
        {"post": "yes"},
    )

    report = load_guide()

    assert report.created == []
    assert Exercise.objects.get(slug="neck-roll").benefits == "Edited in the admin."
    assert not Exercise.objects.filter(slug="superman").exists()


def test_the_exercise_list_in_the_admin_runs_a_fixed_number_of_queries(
    editor_client, django_assert_max_num_queries
):
    # Whether a reviewer approved each dose: the content types and the reviews, one query each.
    with django_assert_max_num_queries(12 + 2):
        response = editor_client.get(reverse("admin:exercises_exercise_changelist"))
    assert "Neck Roll" in response.content.decode()


def test_a_step_added_in_the_admin_is_marked_added_by_the_physiotherapists(editor_client):
    # A staff QA pass: a new step defaulted to "The article's words", so the clinic's own text
    # showed as the article's, untagged, and was not listed for clinical review.
    exercise = Exercise.objects.get(slug="neck-roll")
    page = soup(editor_client.get(reverse("admin:exercises_exercise_change", args=[exercise.pk])))
    blank = page.select_one("#id_steps-__prefix__-origin option[selected]")
    assert blank is not None and blank["value"] == "added"
    existing = page.select_one("#id_steps-0-origin option[selected]")
    assert existing["value"] == exercise.steps.get(number=1).origin


def test_steps_are_reordered_by_swapping_their_numbers_even_with_one_deleted(editor_client):
    # A staff QA pass: swapping steps 1 and 2 said "Step with this Exercise and Number already
    # exists." on every step and saved nothing.
    exercise = Exercise.objects.get(slug="neck-roll")
    first, second = (step.text for step in exercise.steps.order_by("number"))
    edit_in_admin(editor_client, exercise, **{"steps-0-number": 2, "steps-1-number": 1})
    assert [step.text for step in exercise.steps.order_by("number")] == [second, first]

    # Three steps: the last deleted and the first taking its number, in one save.
    levator = Exercise.objects.get(slug="levator-scapulae-stretch")
    texts = [step.text for step in levator.steps.order_by("number")]
    assert len(texts) >= 3
    last = len(texts) - 1
    edit_in_admin(
        editor_client,
        levator,
        **{"steps-0-number": last + 1, f"steps-{last}-DELETE": "on"},
    )
    assert [step.text for step in levator.steps.order_by("number")] == [*texts[1:last], texts[0]]


def test_two_steps_given_one_number_are_told_so_and_nothing_is_saved(editor_client):
    exercise = Exercise.objects.get(slug="neck-roll")
    before = list(exercise.steps.order_by("number").values_list("number", "text"))
    response = editor_client.post(
        reverse("admin:exercises_exercise_change", args=[exercise.pk]),
        change_form_data(exercise, list(exercise.steps.all()), **{"steps-1-number": 1}),
    )
    assert response.status_code == 200
    assert "number" in " ".join(str(error) for error in response.context["errors"]).lower()
    assert list(exercise.steps.order_by("number").values_list("number", "text")) == before


def test_a_step_numbered_0_is_refused_in_plain_words(editor_client):
    exercise = Exercise.objects.get(slug="neck-roll")
    response = editor_client.post(
        reverse("admin:exercises_exercise_change", args=[exercise.pk]),
        change_form_data(exercise, list(exercise.steps.all()), **{"steps-0-number": 0}),
    )
    assert response.status_code == 200
    assert "Enter 1 or more: the first is number 1." in response.content.decode()


@pytest.mark.parametrize("typed", ["-1", "0"])
def test_a_dose_below_its_lowest_number_says_the_lowest_as_the_help_does(editor_client, typed):
    # A staff QA pass: -1 said "Ensure this value is greater than or equal to 0." beside help
    # that says "From 1 to 6", and 0 said "Enter 1 or more".
    exercise = Exercise.objects.get(slug="resistance-band-row")
    response = editor_client.post(
        reverse("admin:exercises_exercise_change", args=[exercise.pk]),
        change_form_data(exercise, list(exercise.steps.all()), sets=typed),
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["sets"]
    assert errors == ["Enter 1 or more, or leave it empty."]


def test_every_exercise_saves_unchanged_from_its_admin_page(editor_client):
    # A staff QA pass: Pec Stretch could not be saved at all, its figure's angles (82.5, 125.2
    # in the fixtures) refused as "Enter whole degrees" though no one had touched them.
    refused = {}
    for exercise in Exercise.objects.all():
        url = reverse("admin:exercises_exercise_change", args=[exercise.pk])
        response = editor_client.post(url, change_form_data(exercise, list(exercise.steps.all())))
        if response.status_code != 302:
            refused[exercise.slug] = response.context["errors"]
    assert refused == {}


def test_a_save_that_ticks_no_other_part_records_no_change_to_the_coloured_parts(editor_client):
    """The page posts its tick boxes in their own order; Chair Rotation's were stored in another,
    and its first save was recorded as "Parts drawn in colour: 'mid_back, upper_back, l_collar,
    r_collar' → 'mid_back, upper_back, r_collar, l_collar'" (a staff QA pass, round 24)."""
    from exercises import figures

    exercise = Exercise.objects.get(slug="chair-rotation")
    stored = exercise.figure_highlight
    in_box_order = [code for code in figures.HIGHLIGHTABLE if code in stored]
    assert in_box_order != stored
    before = exercise.history.count()
    response = editor_client.post(
        reverse("admin:exercises_exercise_change", args=[exercise.pk]),
        change_form_data(
            exercise, list(exercise.steps.all()), figure_highlight=in_box_order, summary="New."
        ),
    )
    assert response.status_code == 302
    assert Exercise.objects.get(pk=exercise.pk).figure_highlight == stored
    latest = exercise.history.latest()
    assert exercise.history.count() == before + 1
    changed = latest.diff_against(latest.prev_record).changed_fields
    assert "figure_highlight" not in changed and "summary" in changed


def test_deleting_an_exercise_names_the_ready_made_routines_it_leaves(editor_client):
    # A staff QA pass (round 24): the page said "1 exercise in the routine", naming none.
    exercise = Exercise.objects.get(slug="upper-trapezius-stretch")
    page = soup(editor_client.get(reverse("admin:exercises_exercise_delete", args=[exercise.pk])))
    note = page.select_one(".deleted-from-routines").get_text(" ", strip=True)
    assert "5 minutes at your desk, no equipment (exercise" in note
    assert "puts it back in them" in note
