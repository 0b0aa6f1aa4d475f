"""A patient starts a routine and does it one exercise at a time, as plain pages; the routine's
time estimate follows its doses; "Start again" asks before it empties a routine."""

import pytest
from django.urls import reverse

from tests.html import soup, text_of

pytestmark = pytest.mark.django_db

ROUTINE = reverse("exercises:routine")
SESSION = reverse("exercises:routine_session")
CODE = "wall-angel:10.1/d,neck-roll:5.2/d,pec-stretch:3x20s.2/d"


def shown_step(response):
    """Return the one step of the session the page shows (the others are hidden)."""
    steps = soup(response).select("[data-session] [data-step]")
    shown = [step for step in steps if not step.has_attr("hidden")]
    assert len(shown) == 1, "exactly one step is shown"
    return shown[0]


def text(element) -> str:
    return " ".join(element.get_text(" ").split())


def test_start_on_a_routine_leads_through_its_exercises_in_order_to_a_finish(client):
    page = client.get(f"{ROUTINE}?do={CODE}")
    start = soup(page).find("a", string="Start the routine")["href"]
    assert start == f"{SESSION}?do={CODE}"

    first = shown_step(client.get(start))
    assert first.h2.get_text() == "Wall Angel"
    assert "Exercise 1 of 3" in text(first)
    assert "Do it 10 times, once a day." in text(first)
    assert first.select_one(".fig-set svg"), "the exercise's figure"
    timer = first.select_one("[data-timer]")
    assert timer["data-reps"] == "10"
    assert first.find("a", rel="prev") is None

    second = shown_step(client.get(first.find("a", rel="next")["href"]))
    assert second.h2.get_text() == "Neck Roll"
    assert "Do it 5 times, twice a day." in text(second)
    assert second.find("a", rel="prev")["href"] == start

    third = shown_step(client.get(second.find("a", rel="next")["href"]))
    assert third.h2.get_text() == "Pec Stretch"
    # The routine's dose, not the exercise's own, drives the timer.
    assert third.select_one("[data-timer]")["data-hold"] == "20"
    assert third.select_one("[data-timer]")["data-reps"] == "3"
    finish_link = third.find("a", rel="next")
    assert finish_link.get_text() == "Finish"
    assert finish_link["href"] == f"{SESSION}?do={CODE}&at=done"

    finish = client.get(finish_link["href"])
    done = shown_step(finish)
    assert "Well done" in text(done)
    assert "exercises/_session_diary.html" in [t.name for t in finish.templates]
    assert done.find("a", string="Back to the routine")["href"] == f"{ROUTINE}?do={CODE}"
    assert done.find("a", rel="prev")["href"] == f"{SESSION}?do={CODE}&at=3"


def test_a_ready_made_routine_starts_from_its_page_with_the_clinics_doses(client):
    page = client.get(reverse("exercises:routine_detail", args=["morning-mobility"]))
    start = soup(page).find("a", string="Start the routine")["href"]
    assert start == reverse("exercises:routine_detail_session", args=["morning-mobility"])
    response = client.get(start)
    assert soup(response).h1.get_text() == "Morning mobility"
    first = shown_step(response)
    assert first.h2.get_text() == "Cat-Cow Stretch"
    second = shown_step(client.get(first.find("a", rel="next")["href"]))
    assert second.h2.get_text() == "Child’s Pose"
    assert "Hold for 30 seconds. Do it 2 times, once a day." in text(second)


def test_each_step_says_when_to_stop_without_opening_how_to_do_it(client):
    # A patient QA pass (round 29): "Stop if you feel sharp pain…" was only inside the folded
    # "How to do it", which a patient following the timer need never open.
    step = shown_step(
        client.get(reverse("exercises:routine_detail_session", args=["morning-mobility"]))
    )
    stop = step.select_one(".session-step__stop")
    assert stop is not None and stop.find_parent("details") is None
    assert text(stop).startswith("Stop if you feel sharp pain")


def test_every_step_page_holds_the_whole_session_so_script_can_move_without_loading(client):
    response = client.get(f"{SESSION}?do={CODE}&at=2")
    steps = soup(response).select("[data-session] [data-step]")
    assert [step["data-step"] for step in steps] == ["1", "2", "3", "done"]
    assert len(soup(response).find_all("h1")) == 1
    assert "Exercise 2 of 3: Neck Roll" in soup(response).title.get_text()


@pytest.mark.parametrize(
    ("asked", "sent_to"),
    [
        ("?do=wall-angel,neck-roll:5.2/d,pec-stretch", f"?do={CODE}"),
        (f"?do={CODE}&at=1", f"?do={CODE}"),
        (f"?do={CODE}&at=0", f"?do={CODE}"),
        (f"?do={CODE}&at=nonsense", f"?do={CODE}"),
        (f"?do={CODE}&at=99", f"?do={CODE}&at=done"),
        (f"?at=2&do={CODE}&utm_source=mail", f"?do={CODE}&at=2"),
    ],
)
def test_any_other_spelling_of_a_step_goes_to_its_one_address(client, asked, sent_to):
    response = client.get(f"{SESSION}{asked}")
    assert response.status_code == 302
    assert response.url == f"{SESSION}{sent_to}"


def test_a_routine_with_nothing_to_start_goes_to_its_page_which_says_why(client):
    response = client.get(f"{SESSION}?do=no-such-exercise", follow=True)
    assert response.redirect_chain[0][0] == f"{ROUTINE}?do=no-such-exercise"
    assert "1 exercise in this link is not in the guide" in text_of(response)


def test_each_step_is_kept_by_the_page_cache(client, django_assert_num_queries):
    url = f"{SESSION}?do={CODE}&at=3"
    first = client.get(url)
    with django_assert_num_queries(1):
        again = client.get(url)
    assert again.content == first.content


def test_the_routine_page_redirects_another_spelling_to_its_one_address(client):
    response = client.get(f"{ROUTINE}?do=wall-angel,neck-roll:5.2/d,pec-stretch")
    assert response.status_code == 302 and response.url == f"{ROUTINE}?do={CODE}"
    printed = client.get(f"{reverse('exercises:routine_print')}?do=WALL-ANGEL")
    assert printed.url == f"{reverse('exercises:routine_print')}?do=wall-angel:10.1/d"


def lead(response) -> str:
    return soup(response).select_one(".page-intro .lead").get_text()


def test_the_time_estimate_shrinks_when_an_exercise_is_removed_and_adds_up(client):
    # Rounded to whole minutes, 25 + 40 + 70 seconds and 40 + 70 seconds were both "2 minutes".
    page = client.get(f"{ROUTINE}?do=cat-cow-stretch:5.1/d,wall-angel:10.1/d,arm-circles:10.1/d")
    assert lead(page) == "3 exercises, about 2 minutes a session."
    each = [m.get_text() for m in soup(page).select(".routine-item__meta")]
    assert each == [
        "Mobility · about half a minute",
        "Mobility · about half a minute",
        "Mobility · about 1 minute",
    ]
    remove = next(
        a["href"]
        for a in soup(page).select(".routine-actions a")
        if " ".join(a.get_text(" ").split()) == "Remove : Cat-Cow Stretch"
    )
    removed = client.get(remove)
    assert lead(removed) == "2 exercises, about 1½ minutes a session."


def test_start_again_asks_first_and_only_then_empties_the_routine(client):
    page = client.get(f"{ROUTINE}?do={CODE}")
    ask = soup(page).find("a", string="Start again")["href"]
    assert ask == f"{reverse('exercises:routine_clear')}?do={CODE}"

    question = client.get(ask)
    assert soup(question).h1.get_text() == "Start again with an empty routine?"
    assert "Your routine of 3 exercises is kept only in its link." in text_of(question)
    assert soup(question).find("a", string="No, keep my routine")["href"] == f"{ROUTINE}?do={CODE}"
    emptied = client.get(soup(question).find("a", string="Yes, start again")["href"])
    assert "Your routine has no exercises yet." in text_of(emptied)
