import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse

from exercises.models import BodyArea, Exercise, ExerciseStep, StepOrigin
from tests.content import edit
from tests.html import soup, text_of

pytestmark = pytest.mark.django_db

LIST_URL = reverse("exercises:list")
ARTICLE_STEP_COUNTS = [2, 2, 2, 2, 2, 3, 3, 2, 3, 3, 2, 2, 3, 3, 4, 3, 4, 3, 1, 1]


def listed_names(response):
    return [h.get_text(strip=True) for h in soup(response).select(".exercise-cards h2")]


def test_the_guide_has_all_twenty_exercises_in_the_articles_order_with_every_step():
    exercises = list(Exercise.objects.published().with_details())
    assert [exercise.order for exercise in exercises] == list(range(1, 21))
    # The article's steps, some adapted by the clinic; the steps it added are not the article's.
    article_steps = [
        [step for step in exercise.step_list if step.origin != StepOrigin.ADDED]
        for exercise in exercises
    ]
    assert [len(steps) for steps in article_steps] == ARTICLE_STEP_COUNTS
    assert exercises[0].name == "Neck Roll" and exercises[-1].name == "Levator Scapulae Stretch"


@pytest.mark.parametrize(
    "slug",
    [
        r["fields"]["slug"]
        for r in json.loads((Path(settings.BASE_DIR) / "fixtures" / "exercises.json").read_text())
    ],
)
def test_each_exercise_page_shows_its_target_area_numbered_steps_and_benefits(client, slug):
    exercise = Exercise.objects.get(slug=slug)
    response = client.get(exercise.get_absolute_url())
    assert response.status_code == 200
    page = soup(response)
    assert page.h1.get_text(strip=True) == exercise.name
    steps = [li.get_text(strip=True) for li in page.select("ol.steps > li")]
    # A step the clinic adapted or added says so.
    assert steps == [
        step.text + ("" if step.origin == StepOrigin.ARTICLE else f"({step.get_origin_display()})")
        for step in exercise.steps.all()
    ]
    text = text_of(response)
    assert exercise.target_area in text
    assert exercise.benefits in text
    assert "Stop if" in text


def test_an_exercise_with_a_dosage_shows_it_in_the_do_box(client):
    response = client.get(reverse("exercises:detail", args=["shoulder-roll"]))
    assert "5 times backward, then 5 times forward" in soup(response).select_one(".do-box").text


def test_exercise_pages_link_to_previous_and_next_in_the_guides_order(client):
    first = soup(client.get(reverse("exercises:detail", args=["neck-roll"])))
    assert first.select_one("a[rel=prev]") is None
    assert first.select_one("a[rel=next]")["href"] == reverse(
        "exercises:detail", args=["shoulder-roll"]
    )
    middle = soup(client.get(reverse("exercises:detail", args=["wall-angel"])))
    assert middle.select_one("a[rel=prev]")["href"].endswith("/scapular-squeeze/")
    assert middle.select_one("a[rel=next]")["href"].endswith("/reverse-dumbbell-fly/")
    last = soup(client.get(reverse("exercises:detail", args=["levator-scapulae-stretch"])))
    assert last.select_one("a[rel=next]") is None


def test_related_exercises_share_a_body_area_and_exclude_the_exercise_itself(client):
    exercise = Exercise.objects.get(slug="upper-trapezius-stretch")
    response = client.get(exercise.get_absolute_url())
    related = response.context["related"]
    assert 0 < len(related) <= 3
    areas = set(exercise.body_areas.values_list("pk", flat=True))
    for other in related:
        assert other.pk != exercise.pk
        assert areas & {area.pk for area in other.body_areas.all()}


def test_the_list_shows_every_exercise_without_filters(client):
    response = client.get(LIST_URL)
    assert len(listed_names(response)) == 20
    assert "20 exercises" in text_of(response)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (
            "equipment=resistance-band",
            {"Resistance Band Row", "Face Pull with Band", "Lat Pulldown with Band"},
        ),
        ("equipment=doorway", {"Pec Stretch"}),
        ("area=neck", {"Neck Roll", "Upper Trapezius Stretch", "Levator Scapulae Stretch"}),
        ("area=neck&kind=mobility", {"Neck Roll"}),
        ("kind=strength&equipment=none", {"Scapular Squeeze", "Superman"}),
        ("area=chest", {"Pec Stretch"}),
    ],
)
def test_filters_return_exactly_the_matching_exercises(client, query, expected):
    response = client.get(f"{LIST_URL}?{query}")
    assert set(listed_names(response)) == expected


def test_active_filters_are_shown_and_each_can_be_removed(client):
    response = client.get(f"{LIST_URL}?area=neck&kind=stretch")
    page = soup(response)
    active = [a.get_text(strip=True) for a in page.select(".filters a[aria-current=true]")]
    assert active == ["Neck", "Stretch", "All"]
    remove = page.select_one('a[aria-label="Remove filter: Neck"]')["href"]
    assert set(listed_names(client.get(f"{LIST_URL}{remove}"))) == set(
        Exercise.objects.filter(kind="stretch").values_list("name", flat=True)
    )
    assert page.find("a", string="Clear all filters")["href"] == LIST_URL


def test_a_combination_that_matches_nothing_shows_an_empty_state(client):
    response = client.get(f"{LIST_URL}?area=chest&kind=strength")
    assert response.status_code == 200
    assert listed_names(response) == []
    assert "No exercises match all of these filters" in text_of(response)


@pytest.mark.parametrize(
    "query",
    ["area=spleen", "kind=yoga", "equipment=trampoline", "area=%00", "kind[]=x&area=" + "x" * 500],
)
def test_an_unknown_filter_value_gets_a_clear_message_not_an_error(client, query):
    response = client.get(f"{LIST_URL}?{query}")
    assert response.status_code == 200
    assert listed_names(response) == []
    assert soup(response).select_one(".alert").get_text(strip=True)
    assert "No exercises match that filter" in text_of(response)


def filter_labels(response, name):
    return [
        a.get_text(strip=True)
        for a in soup(response).select(f"ul[aria-labelledby=filter-{name}] a")
    ]


def test_an_unknown_filter_value_is_never_repeated_on_the_page(client):
    spam = "Call 555-0100 for a free prescription"
    response = client.get(LIST_URL, {"area": spam, "kind": "stretch"})
    text = text_of(response)
    assert "555-0100" not in text and "prescription" not in text
    assert "We have no body area by that name." in text
    assert soup(response).title.get_text().startswith("Exercises: Stretch")


def test_an_unknown_filter_value_does_not_stick_to_the_other_filter_links(client):
    response = client.get(LIST_URL, {"area": "spleen", "kind": "stretch"})
    hrefs = [a["href"] for a in soup(response).select(".filters a")]
    assert hrefs and not any("spleen" in href for href in hrefs)
    assert "?kind=stretch&area=neck" in hrefs


def test_a_huge_filter_value_gives_a_page_of_normal_size(client):
    normal = len(client.get(LIST_URL, {"area": "spleen"}).content)
    huge = client.get(LIST_URL, {"area": "x" * 8000, "equipment": "y" * 8000})
    assert huge.status_code == 200
    assert len(huge.content) < normal + 500


def test_a_filter_option_that_would_show_nothing_is_not_offered(client):
    assert "Wall" in filter_labels(client.get(LIST_URL), "equipment")
    edit(Exercise.objects.filter(slug="wall-angel"), is_published=False)
    assert "Wall" not in filter_labels(client.get(LIST_URL), "equipment")
    # Once "Neck" is chosen, only the kinds and equipment of neck exercises are offered.
    neck = client.get(LIST_URL, {"area": "neck"})
    assert filter_labels(neck, "kind") == ["All", "Mobility", "Stretch"]
    assert filter_labels(neck, "equipment") == ["All", "None needed"]


def test_an_unknown_exercise_is_a_styled_404(client):
    response = client.get(reverse("exercises:detail", args=["moonwalk"]))
    assert response.status_code == 404
    assert soup(response).h1.get_text(strip=True) == "Page not found"


def add_exercises(count):
    area = BodyArea.objects.get(slug="upper-back")
    for index in range(count):
        exercise = Exercise.objects.create(
            name=f"Extra {index}",
            slug=f"extra-{index}",
            summary="s",
            target_area="Upper back",
            benefits="b",
            order=100 + index,
        )
        exercise.body_areas.add(area)
        ExerciseStep.objects.create(exercise=exercise, number=1, text="Move.")


def test_the_list_page_query_count_does_not_grow_with_the_number_of_exercises(
    client, django_assert_max_num_queries
):
    # With every cache empty: the content version, the exercises and one query each for their
    # areas, equipment, steps, poses and photos, the clinic's details, and the ready-made routines
    # under the list; the review line adds the content types, the reviews and the history.
    with django_assert_max_num_queries(9 + 3):
        client.get(LIST_URL)
    add_exercises(15)
    cache.clear()
    with django_assert_max_num_queries(9 + 3):
        response = client.get(LIST_URL)
    assert len(listed_names(response)) == 35


def test_the_exercise_page_query_count_is_bounded(client, django_assert_max_num_queries):
    add_exercises(15)
    # With every cache empty: the content version, the exercises and one query each for their
    # areas, equipment, steps, poses and photos, and the clinic's details; the review line adds
    # the content types, the exercise's reviews and its history.
    with django_assert_max_num_queries(8 + 3):
        response = client.get(reverse("exercises:detail", args=["wall-angel"]))
    assert response.status_code == 200
