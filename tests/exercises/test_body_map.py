"""The exercise list's "Where does it hurt?": a body whose areas link to the list filtered by them."""

import pytest
from django.urls import reverse

from exercises.models import BodyArea, Exercise
from tests.html import soup, text_of

pytestmark = pytest.mark.django_db

LIST_URL = reverse("exercises:list")


def body_map(response):
    return soup(response).select_one(".where .bodymap")


def test_each_area_with_exercises_is_a_link_on_the_body_and_in_a_list_beside_it(client):
    page = body_map(client.get(LIST_URL))
    on_body = {a["data-area"]: a["href"] for a in page.select("svg a")}
    in_list = {a["data-area"]: a["href"] for a in page.select(".bodymap__legend a")}
    assert (
        on_body == in_list == {area.slug: f"?area={area.slug}" for area in BodyArea.objects.all()}
    )
    names = [a.select_one(".bodymap__name").get_text() for a in page.select(".bodymap__legend a")]
    assert names == [area.name for area in BodyArea.objects.all()]
    for link in page.select("svg a"):
        area = BodyArea.objects.get(slug=link["data-area"])
        assert link["aria-label"] == link.title.get_text() == area.name


def test_following_an_area_lists_its_exercises_and_marks_it_on_the_body(client):
    response = client.get(LIST_URL, {"area": "shoulder-blades"})
    names = [h.get_text(strip=True) for h in soup(response).select(".exercise-cards h2")]
    assert names == [
        exercise.name
        for exercise in Exercise.objects.published().filter(body_areas__slug="shoulder-blades")
    ]
    page = body_map(response)
    current = page.select('[aria-current="true"]')
    assert [link["data-area"] for link in current] == ["shoulder-blades", "shoulder-blades"]
    assert "is-current" in page.select_one("svg a.bm-area-shoulder-blades")["class"]
    # Folded once an area is chosen: the list comes first.
    assert "open" not in soup(response).select_one("details.where").attrs


def test_the_body_offers_only_areas_that_have_published_exercises(client):
    Exercise.objects.filter(body_areas__slug="chest").update(is_published=False)
    page = body_map(client.get(LIST_URL))
    assert "chest" not in {a["data-area"] for a in page.select("a")}


def test_the_body_keeps_the_other_chosen_filters_and_offers_only_areas_that_would_show_some(
    client,
):
    page = body_map(client.get(LIST_URL, {"kind": "strength"}))
    links = {a["data-area"]: a["href"] for a in page.select("svg a")}
    assert links and all(href.startswith("?kind=strength&area=") for href in links.values())
    strength_areas = set(
        BodyArea.objects.filter(
            exercises__kind="strength", exercises__is_published=True
        ).values_list("slug", flat=True)
    )
    assert set(links) == strength_areas


def test_an_unknown_area_is_not_repeated_and_marks_nothing(client):
    response = client.get(LIST_URL, {"area": "spleen"})
    page = body_map(response)
    assert not page.select('[aria-current="true"]')
    assert "spleen" not in str(page)
    assert "We have no body area by that name." in text_of(response)
