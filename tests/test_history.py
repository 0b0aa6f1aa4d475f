"""History and revert in the admin read as an editor would say them, steps included."""

import pytest
from django.apps import apps
from django.contrib.messages import get_messages
from django.urls import reverse

from exercises.models import BodyArea, Exercise
from tests.exercises.test_admin import edit_in_admin, revert_in_admin
from tests.html import soup, text_of

pytestmark = pytest.mark.django_db


def history_page(client, exercise):
    return client.get(reverse("admin:exercises_exercise_history", args=[exercise.pk]))


def newest_row(client, exercise) -> list[str]:
    """Return the cells of the newest version's row on the exercise's history page, as text."""
    row = soup(history_page(client, exercise)).select("#change-history tbody tr")[0]
    return [" ".join(cell.get_text(" ").split()) for cell in row.find_all("td")]


def add_exercise(client, **changes):
    areas = [BodyArea.objects.get(slug="neck").pk, BodyArea.objects.get(slug="upper-back").pk]
    data = {
        "name": "Chin Tuck",
        "slug": "chin-tuck",
        "summary": "Draw your chin straight back.",
        "is_published": "on",
        "order": 30,
        "kind": "mobility",
        "position": "sitting",
        "target_area": "Neck",
        "body_areas": areas,
        "equipment_needed": "all",
        "benefits": "Eases a stiff neck.",
        "steps-TOTAL_FORMS": 2,
        "steps-INITIAL_FORMS": 0,
        "steps-MIN_NUM_FORMS": 0,
        "steps-MAX_NUM_FORMS": 1000,
        "steps-0-number": 1,
        "steps-0-text": "Sit tall.",
        "steps-0-origin": "added",
        "steps-1-number": 2,
        "steps-1-text": "Draw your chin straight back.",
        "steps-1-origin": "added",
        "figure_view": "side",
        "poses-TOTAL_FORMS": 0,
        "poses-INITIAL_FORMS": 0,
        "poses-MIN_NUM_FORMS": 0,
        "poses-MAX_NUM_FORMS": 1000,
        "photos-TOTAL_FORMS": 0,
        "photos-INITIAL_FORMS": 0,
        "photos-MIN_NUM_FORMS": 0,
        "photos-MAX_NUM_FORMS": 1000,
        **changes,
    }
    response = client.post(reverse("admin:exercises_exercise_add"), data)
    assert response.status_code == 302
    return Exercise.objects.get(slug="chin-tuck")


def test_adding_one_exercise_with_its_areas_makes_one_history_row_that_holds_the_areas(
    editor_client,
):
    exercise = add_exercise(editor_client)

    assert exercise.history.count() == 1
    (record,) = exercise.history.all()
    assert record.history_type == "+"
    assert {link.bodyarea.slug for link in record.body_areas.all()} == {"neck", "upper-back"}
    assert newest_row(editor_client, exercise)[1] == "Added"


def test_changing_the_areas_of_an_exercise_makes_one_history_row_that_says_so(editor_client):
    exercise = Exercise.objects.get(slug="neck-roll")
    before = exercise.history.count()
    edit_in_admin(editor_client, exercise, body_areas=[BodyArea.objects.get(slug="neck").pk])

    assert exercise.history.count() == before + 1
    changes = newest_row(editor_client, exercise)[3]
    assert "Body areas: “Neck, Upper back” → “Neck”" in changes


def test_a_step_only_edit_is_listed_under_what_changed_with_the_old_and_new_words(
    editor_client,
):
    exercise = Exercise.objects.get(slug="neck-roll")
    old_step = exercise.steps.get(number=1).text
    edit_in_admin(editor_client, exercise, **{"steps-0-text": "Sit tall on a firm chair."})

    changes = newest_row(editor_client, exercise)[3]
    assert f"Step 1: “{old_step}” → “Sit tall on a firm chair.”" in changes


def test_a_changed_choice_and_a_draft_are_described_in_the_words_of_the_form(editor_client):
    exercise = Exercise.objects.get(slug="neck-roll")
    edit_in_admin(editor_client, exercise, kind="stretch", is_published="")

    changes = newest_row(editor_client, exercise)[3]
    assert "Kind: “Mobility” → “Stretch”" in changes
    assert "Published: “yes” → “no”" in changes


def test_the_history_page_never_prints_none_for_a_missing_reason_or_user(editor_client):
    exercise = Exercise.objects.get(slug="neck-roll")
    edit_in_admin(editor_client, exercise, summary="A gentle roll of the head.")

    page = text_of(history_page(editor_client, exercise))
    assert "None" not in page
    assert "Loaded from the guide's fixtures" in page


def test_an_editor_sees_who_made_a_change_without_a_link_to_a_page_they_may_not_open(
    editor_client, editor, client, django_user_model
):
    exercise = Exercise.objects.get(slug="neck-roll")
    edit_in_admin(editor_client, exercise, summary="A gentle roll of the head.")
    user_page = reverse("admin:auth_user_change", args=[editor.pk])

    assert newest_row(editor_client, exercise)[2] == "editor"
    assert user_page not in history_page(editor_client, exercise).content.decode()

    client.force_login(django_user_model.objects.create_superuser("boss", password="x" * 12))
    assert user_page in history_page(client, exercise).content.decode()
    assert client.get(user_page).status_code == 200


def test_the_revert_page_shows_the_steps_of_that_version_and_marks_the_ones_that_differ(
    editor_client,
):
    exercise = Exercise.objects.get(slug="neck-roll")
    old_step = exercise.steps.get(number=1).text
    loaded = exercise.history.earliest()
    edit_in_admin(editor_client, exercise, **{"steps-0-text": "A mistaken step."})

    url = reverse("admin:exercises_exercise_simple_history", args=[exercise.pk, loaded.history_id])
    page = soup(editor_client.get(url))
    rows = page.select("#version-steps tbody tr")
    first = [" ".join(cell.get_text(" ").split()) for cell in rows[0].find_all(["th", "td"])]
    assert first == ["1", old_step, "A mistaken step."]
    assert "step-differs" in rows[0]["class"]
    second = [" ".join(cell.get_text(" ").split()) for cell in rows[1].find_all(["th", "td"])]
    assert second[2] == "the same"
    assert "Revert" in page.select_one(".history-version-intro").get_text()
    crumbs = [li.get_text(strip=True) for li in page.select(".breadcrumbs li")]
    assert crumbs[2:5] == ["Exercises", "Neck Roll", "History"]
    assert "Historical" not in page.select_one(".breadcrumbs").get_text()


def test_a_revert_says_restored_in_the_message_and_in_the_history(editor_client):
    exercise = Exercise.objects.get(slug="neck-roll")
    loaded = exercise.history.earliest()
    edit_in_admin(editor_client, exercise, benefits="A mistaken edit.")

    response = revert_in_admin(editor_client, exercise.pk, loaded)

    assert response.status_code == 302
    assert response.url == reverse("admin:exercises_exercise_history", args=[exercise.pk])
    message = " ".join(str(m) for m in get_messages(response.wsgi_request))
    assert "was restored" in message and "changed" not in message
    reason = exercise.history.latest().history_change_reason
    assert reason.startswith("Restored the version of")
    assert newest_row(editor_client, exercise)[1] == reason


def test_bringing_back_a_deleted_exercise_is_recorded_as_restored(editor_client):
    exercise = Exercise.objects.get(slug="superman")
    exercise_id = exercise.pk
    editor_client.post(
        reverse("admin:exercises_exercise_delete", args=[exercise_id]), {"post": "yes"}
    )
    deleted = Exercise.history.filter(id=exercise_id).latest()

    revert_in_admin(editor_client, exercise_id, deleted)

    restored = Exercise.objects.get(pk=exercise_id)
    assert restored.history.latest().history_change_reason.startswith(
        "Restored after it was deleted at"
    )
    assert newest_row(editor_client, restored)[1].startswith("Restored")


def test_restoring_a_deleted_exercise_never_writes_a_time_and_a_second_full_stop(editor_client):
    exercise = Exercise.objects.get(slug="superman")
    exercise_id = exercise.pk
    editor_client.post(
        reverse("admin:exercises_exercise_delete", args=[exercise_id]), {"post": "yes"}
    )
    deleted = Exercise.history.filter(id=exercise_id).latest()
    url = reverse("admin:exercises_exercise_simple_history", args=[exercise_id, deleted.history_id])
    intro = soup(editor_client.get(url)).select_one(".history-version-intro").get_text()

    response = revert_in_admin(editor_client, exercise_id, deleted)

    message = " ".join(str(m) for m in get_messages(response.wsgi_request))
    restored = Exercise.objects.get(pk=exercise_id)
    for words in (intro, message, newest_row(editor_client, restored)[1]):
        assert ".." not in words and "m.." not in words, words
    assert "when it was deleted, at " in intro


@pytest.mark.parametrize("version", ["abc", "1.5", "999999"])
@pytest.mark.parametrize(
    "admin_name", ["exercises_exercise", "exercises_routine", "guidance_cause"]
)
def test_a_mistyped_version_address_is_not_found_not_an_error(editor_client, admin_name, version):
    model = apps.get_model(*admin_name.split("_", 1))
    item = model.objects.order_by("pk").first()
    url = reverse(f"admin:{admin_name}_simple_history", args=[item.pk, version])
    assert editor_client.get(url).status_code == 404


@pytest.mark.parametrize(
    "admin_name", ["exercises_exercise", "exercises_routine", "guidance_cause"]
)
def test_a_mistyped_item_in_a_history_address_is_not_found_not_an_error(editor_client, admin_name):
    # A QA pass: /admin/guidance/cause/abc/history/ answered 500.
    url = reverse(f"admin:{admin_name}_history", args=["abc"])
    assert editor_client.get(url).status_code == 404
