import pytest
from django.urls import reverse

from exercises.models import Exercise
from guidance.models import Cause

pytestmark = pytest.mark.django_db

DRAFT_BANNER = "Draft — not visible to the public"


@pytest.fixture
def draft_exercise():
    exercise = Exercise.objects.get(slug="shoulder-roll")
    exercise.is_published = False
    exercise.save()
    return exercise


@pytest.fixture
def draft_cause():
    cause = Cause.objects.get(slug="stress")
    cause.is_published = False
    cause.save()
    return cause


def test_a_draft_exercise_is_not_found_by_the_public(client, draft_exercise):
    assert client.get(draft_exercise.get_absolute_url()).status_code == 404


def test_a_draft_exercise_is_absent_from_the_list_the_sitemap_and_its_neighbours(
    client, draft_exercise
):
    assert (
        draft_exercise.get_absolute_url()
        not in client.get(reverse("exercises:list")).content.decode()
    )
    assert draft_exercise.get_absolute_url() not in client.get(reverse("sitemap")).content.decode()
    neighbour = client.get(Exercise.objects.get(slug="neck-roll").get_absolute_url())
    assert draft_exercise.get_absolute_url() not in neighbour.content.decode()


def test_staff_preview_a_draft_exercise_under_a_draft_banner(editor_client, draft_exercise):
    response = editor_client.get(draft_exercise.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert DRAFT_BANNER in page
    assert draft_exercise.name in page


def test_a_published_exercise_has_no_draft_banner_even_for_staff(editor_client):
    response = editor_client.get(Exercise.objects.get(slug="neck-roll").get_absolute_url())
    assert DRAFT_BANNER not in response.content.decode()


def test_staff_still_see_only_published_exercises_in_lists_and_the_sitemap(
    editor_client, draft_exercise
):
    url = draft_exercise.get_absolute_url()
    assert url not in editor_client.get(reverse("exercises:list")).content.decode()
    assert url not in editor_client.get(reverse("sitemap")).content.decode()


def test_a_draft_cause_is_hidden_from_the_public_and_marked_for_staff(
    client, editor_client, draft_cause
):
    public = client.get(reverse("guidance:causes")).content.decode()
    assert draft_cause.title not in public
    assert DRAFT_BANNER not in public
    staff = editor_client.get(reverse("guidance:causes")).content.decode()
    assert draft_cause.title in staff
    assert DRAFT_BANNER in staff


def test_an_anonymous_exercise_page_needs_no_session_or_user_query(
    client, django_assert_max_num_queries
):
    url = Exercise.objects.get(slug="neck-roll").get_absolute_url()
    # The content version; the published exercises and one query each for their areas,
    # equipment, steps, poses and photos; the clinic's details; for the review line, the content
    # types, the exercise's reviews and its history.
    with django_assert_max_num_queries(8 + 3) as captured:
        response = client.get(url)
    assert response.status_code == 200
    tables = " ".join(query["sql"] for query in captured.captured_queries)
    assert "django_session" not in tables
    assert "auth_user" not in tables
