"""A patient builds, reorders, doses, shares and prints a routine with plain links: no account,
no cookie, nothing kept on the server; and the clinic's ready-made routines."""

from urllib.parse import unquote

import pytest
from django.core.cache import cache
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exercises.models import Exercise, Routine
from guidance.models import ClinicDetails
from tests.html import soup, text_of

pytestmark = pytest.mark.django_db

ROUTINE = reverse("exercises:routine")
PRINT = reverse("exercises:routine_print")


def routine_page(client, code, **params):
    """Open a routine as written (any spelling leads to the routine's own address)."""
    return client.get(ROUTINE, {"do": code, **params}, follow=True)


def names(response):
    return [a.get_text(strip=True) for a in soup(response).select(".routine-item__name a")]


def link(response, text):
    """Return the href of the link whose visible and hidden text reads `text`."""
    for a in soup(response).select("main a"):
        if " ".join(a.get_text(" ").split()) == text:
            return a["href"]
    raise AssertionError(f"no link {text!r}")


def test_add_to_my_routine_on_an_exercise_page_starts_a_routine_with_its_dose(client):
    page = client.get(reverse("exercises:detail", args=["wall-angel"]))
    add = soup(page).find("a", string="Add to my routine")["href"]
    assert add == f"{ROUTINE}?do=wall-angel:10.1/d"

    routine = client.get(add)
    assert names(routine) == ["Wall Angel"]
    assert "Do it 10 times, once a day." in text_of(routine)


def test_browsing_with_a_routine_adds_the_next_exercise_to_it(client):
    code = "wall-angel:10.1/d"
    listing = client.get(reverse("exercises:list"), {"routine": code, "area": "neck"})
    assert "Choosing exercises for your routine (1 so far)" in text_of(listing)
    card = soup(listing).select_one(".exercise-cards a")["href"]
    assert card == f"/exercises/neck-roll/?routine={code}"
    filters = [a["href"] for a in soup(listing).select(".filter-links a")]
    assert all(f"routine={code}" in href for href in filters)

    exercise = client.get(card)
    add = soup(exercise).find("a", string="Add to my routine")["href"]
    assert add == f"{ROUTINE}?do={code},neck-roll:5.2/d"
    assert soup(exercise).select_one("a[rel=next]")["href"].endswith(f"?routine={code}")

    again = client.get(reverse("exercises:detail", args=["wall-angel"]), {"routine": code})
    assert "In your routine." in text_of(again)
    assert soup(again).find("a", string="Add to my routine") is None


def test_a_full_routine_says_so_on_an_exercise_page_instead_of_offering_to_add(client):
    page = client.get(reverse("exercises:detail", args=["superman"]), {"routine": ALL})
    assert soup(page).find("a", string="Add to my routine") is None
    assert "Your routine has 12 exercises, the most it can hold." in text_of(page)


def test_the_routine_page_moves_removes_and_adds_with_plain_links_and_a_get_form(client):
    page = routine_page(client, "shoulder-roll,scapular-squeeze,pec-stretch")
    assert names(page) == ["Shoulder Roll", "Scapular Squeeze", "Pec Stretch"]

    moved = client.get(link(page, "Move up : Pec Stretch"))
    assert names(moved) == ["Shoulder Roll", "Pec Stretch", "Scapular Squeeze"]
    removed = client.get(link(moved, "Remove : Shoulder Roll"))
    assert names(removed) == ["Pec Stretch", "Scapular Squeeze"]

    form = soup(removed).select_one(".routine-add__form")
    assert form["method"] == "get"
    code = form.select_one("input[name=do]")["value"]
    added = client.get(form["action"], {"do": code, "add": "superman"})
    assert added.status_code == 302
    assert names(client.get(added.url)) == ["Pec Stretch", "Scapular Squeeze", "Superman"]


def test_changing_a_dose_redirects_to_the_routines_own_address(client):
    page = routine_page(client, "pec-stretch,resistance-band-row")
    form = soup(page).select("form.routine-dose__form")[1]
    assert form["method"] == "get"
    assert {i["name"] for i in form.select("input, select")} == {
        "do",
        "change",
        "reps",
        "sets",
        "often",
        "grows",
        "step",
        "up_to",
    }
    response = client.get(
        ROUTINE,
        {"do": "pec-stretch,resistance-band-row", "change": "1", "reps": "12", "often": "2/w"},
    )
    assert response.status_code == 302
    assert (
        unquote(response.url) == f"{ROUTINE}?do=pec-stretch:3x20s.2/d,resistance-band-row:2x12.2/w"
    )
    changed = client.get(response.url)
    assert "Do 2 sets of 12, 2 days a week. Rest for 1 minute between sets." in text_of(changed)
    assert "Your dose" in text_of(changed)


def test_a_dose_that_does_not_fit_keeps_what_was_typed_and_says_why(client):
    response = client.get(
        ROUTINE, {"do": "pec-stretch", "change": "0", "reps": "500", "hold": "20"}
    )
    assert response.status_code == 200
    form = soup(response).select_one("form.routine-dose__form")
    assert form.find_parent("details").has_attr("open")
    assert form.select_one("input[name=reps]")["value"] == "500"
    assert "Enter 50 times or fewer." in form.get_text()


def test_a_dose_that_would_take_over_a_quarter_of_an_hour_is_refused(client):
    response = client.get(
        ROUTINE, {"do": "pec-stretch", "change": "0", "reps": "40", "hold": "110"}
    )
    assert response.status_code == 200
    form = soup(response).select_one("form.routine-dose__form")
    assert "take about" in form.get_text() and "check them" in form.get_text()


@pytest.mark.parametrize(
    "code",
    [
        "",
        "nonsense",
        ",,,,",
        "wall-angel:" + "9" * 50,
        "wall-angel:3x3x3x3s",
        "\x00\x01",
        "wall-angel" + ",wall-angel" * 500,
        "é,ü,🙂,\u202e",
    ],
)
def test_a_routine_address_that_cannot_be_read_still_gets_a_page(client, code):
    response = routine_page(client, code)
    assert response.status_code == 200
    assert len(names(response)) <= 12


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    code=st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200),
    change=st.text(max_size=5, alphabet="0123456789-x"),
    reps=st.text(max_size=6, alphabet="0123456789-.e"),
)
def test_no_routine_address_or_dose_form_can_cause_a_server_error(client, code, change, reps):
    for params in ({}, {"change": change, "reps": reps, "often": reps}, {"add": code}):
        response = routine_page(client, code, **params)
        assert response.status_code in (200, 302)
    assert client.get(PRINT, {"do": code}, follow=True).status_code == 200


@pytest.mark.parametrize("url", [ROUTINE, PRINT])
def test_the_routine_pages_read_only_and_set_no_cookie(client, url):
    for method in (client.post, client.put, client.delete):
        assert method(url, {"do": "wall-angel"}).status_code == 405
    response = client.get(url, {"do": "wall-angel,pec-stretch"}, follow=True)
    assert response.cookies == {}
    assert "csrfmiddlewaretoken" not in response.content.decode()


ALL = "neck-roll,shoulder-roll,arm-circles,overhead-arm-reach,chair-rotation,cat-cow-stretch,knee-to-chest,thoracic-extension,resistance-band-row,face-pull-with-band,scapular-squeeze,wall-angel"


@pytest.mark.parametrize("url", [ROUTINE, PRINT])
def test_a_routine_page_makes_the_same_few_queries_for_one_exercise_or_twelve(
    client, django_assert_max_num_queries, url
):
    # With every cache empty: the content version, the published exercises and one query each for
    # their areas, equipment, steps, poses and photos (then kept for every page), the clinic's
    # details, and the ready-made routines (routine page), and which doses a clinical reviewer
    # approved (2, kept like the rest): never a query per exercise.
    one_url = client.get(url, {"do": "wall-angel"}).url
    all_url = client.get(url, {"do": ALL}).url
    cache.clear()
    with django_assert_max_num_queries(11) as one:
        assert client.get(one_url).status_code == 200
    cache.clear()
    with django_assert_max_num_queries(11) as twelve:
        assert client.get(all_url).status_code == 200
    assert len(one) == len(twelve) <= 11


def test_the_share_box_holds_the_routines_full_link_and_print_keeps_it(client):
    page = routine_page(client, "wall-angel,pec-stretch:2x30s.1/d")
    share = soup(page).select_one("#share-link")["value"]
    assert (
        unquote(share)
        == "http://testserver/exercises/routine/?do=wall-angel:10.1/d,pec-stretch:2x30s.1/d"
    )
    printed = client.get(link(page, "Print it on one page"))
    assert "Pec Stretch" in text_of(printed)
    assert soup(printed).select_one(".routine-sheet__way-back a")["href"] == share


def test_the_print_view_has_each_exercises_steps_dose_care_and_a_week_of_ticks(client):
    ClinicDetails.objects.update(phone="(631) 555-0100")
    response = client.get(PRINT, {"do": "chair-rotation,superman"}, follow=True)
    assert "exercises/_figure_pair.html" in [t.name for t in response.templates]
    page = soup(response)
    sheet = page.select_one(".routine-sheet")
    assert sheet.select_one('a[href="tel:+16315550100"]').get_text() == "(631) 555-0100"
    assert sheet.select_one('a[href="tel:911"]')
    items = sheet.select(".routine-sheet__item")
    assert [i.select_one("h2").get_text(" ", strip=True) for i in items] == [
        "1. Chair Rotation",
        "2. Superman",
    ]
    chair = Exercise.objects.get(slug="chair-rotation")
    assert [li.get_text() for li in items[0].select(".routine-sheet__steps li")] == [
        step.text for step in chair.steps.all()
    ]
    assert chair.safety_note in items[0].get_text()
    assert "Hold for 5 seconds. Do it 5 times on each side, 3 times a day." in items[0].get_text()
    # One row of boxes per session a day (3 a day), one row for 3 days a week.
    assert [len(i.select("tbody tr")) for i in items] == [3, 1]
    assert [len(i.select("tbody tr:first-child td .tick-box")) for i in items] == [7, 7]
    assert "Stop if you feel sharp pain" in " ".join(sheet.get_text(" ").split())


def test_more_than_six_exercises_print_as_two_sheets(client):
    page = soup(client.get(PRINT, {"do": ALL}, follow=True))
    sheets = page.select(".routine-sheet")
    assert [len(s.select(".routine-sheet__item")) for s in sheets] == [6, 6]
    assert sheets[1].select_one(".routine-sheet__name").get_text(" ", strip=True).startswith("7.")
    assert len(page.find_all("h1")) == 1


def test_an_empty_routine_offers_the_ready_made_ones(client):
    response = client.get(ROUTINE)
    assert "Your routine has no exercises yet." in text_of(response)
    cards = [a["href"] for a in soup(response).select(".routine-cards a")]
    assert cards == [routine.get_absolute_url() for routine in Routine.objects.all()]


def test_the_home_page_and_the_exercise_list_offer_the_ready_made_routines(client):
    for url in (reverse("guidance:home"), reverse("exercises:list")):
        titles = [a.get_text(strip=True) for a in soup(client.get(url)).select(".routine-cards a")]
        assert titles == [
            "5 minutes at your desk, no equipment",
            "Morning mobility",
            "Strength, three times a week",
        ]


def test_a_ready_made_routine_says_why_and_can_be_printed_or_made_your_own(client):
    routine = Routine.objects.get(slug="5-minutes-at-your-desk")
    page = client.get(routine.get_absolute_url())
    text = text_of(page)
    assert "no equipment and no need to get down on the floor" in text
    assert "4 exercises, about 5 minutes a session." in text
    own = link(page, "Make it your own and change it")
    assert unquote(own) == (
        f"{ROUTINE}?do=shoulder-roll:5.2/d,scapular-squeeze:10x5s.2/d,"
        "upper-trapezius-stretch:2x15s.2/d,overhead-arm-reach:2x15s.2/d"
    )
    assert names(client.get(own)) == [
        "Shoulder Roll",
        "Scapular Squeeze",
        "Upper Trapezius Stretch",
        "Overhead Arm Reach",
    ]
    printed = client.get(link(page, "Print it on one page"))
    assert soup(printed).h1.get_text(strip=True) == routine.name
    assert len(soup(printed).select(".routine-sheet__item")) == 4


@pytest.mark.parametrize(
    ("url_name", "most"),
    [
        # With every cache empty: the content version, the clinic's details and the routines'
        # items with their exercises; on a routine's page, which doses a reviewer approved (2).
        ("exercises:routines", 3),
        ("exercises:routine_detail", 5),
        # And the published exercises with their steps and poses (one query for each list), to
        # print each figure; the sheet too marks the doses no reviewer approved (2).
        ("exercises:routine_detail_print", 11),
    ],
)
def test_ready_made_routine_pages_make_few_queries_set_no_cookie_and_are_read_only(
    client, django_assert_max_num_queries, url_name, most
):
    url = reverse(
        url_name, **({} if url_name == "exercises:routines" else {"args": ["morning-mobility"]})
    )
    with django_assert_max_num_queries(most):
        response = client.get(url)
    assert response.status_code == 200 and response.cookies == {}
    assert client.post(url).status_code == 405


def test_a_draft_routine_is_hidden_from_the_public_and_previewed_by_staff(client, editor_client):
    routine = Routine.objects.get(slug="morning-mobility")
    routine.is_published = False
    routine.save()
    assert client.get(routine.get_absolute_url()).status_code == 404
    assert "Morning mobility" not in client.get(reverse("guidance:home")).content.decode()
    preview = editor_client.get(routine.get_absolute_url())
    assert "Draft — not visible to the public" in preview.content.decode()


def opened_from(client, routine_slug, exercise_name):
    """Open a ready-made routine and follow its link to one of its exercises."""
    routine = client.get(reverse("exercises:routine_detail", args=[routine_slug]))
    return client.get(soup(routine).find("a", string=exercise_name)["href"])


def timer_dose(page) -> tuple[str, str]:
    timer = soup(page).select_one("[data-timer]")
    return timer["data-reps"], timer["data-hold"]


def test_an_exercise_opened_from_a_routine_shows_and_times_the_routines_dose(client):
    childs_pose = opened_from(client, "morning-mobility", "Child’s Pose")
    do_box = " ".join(soup(childs_pose).select_one(".do-box").get_text(" ").split())
    assert "Hold for 30 seconds. Do it 2 times, once a day." in do_box
    assert "The dose of the ready-made routine “Morning mobility”." in do_box
    assert "your routine" not in do_box
    assert "3 times" not in text_of(childs_pose)
    assert timer_dose(childs_pose) == ("2", "30")

    trapezius = opened_from(client, "5-minutes-at-your-desk", "Upper Trapezius Stretch")
    assert timer_dose(trapezius) == ("2", "15")
    steps = [li.get_text(" ", strip=True) for li in soup(trapezius).select("ol.steps li")]
    assert any(step.startswith("Hold for 15 seconds") for step in steps)
    assert "20 seconds" not in text_of(trapezius)

    # On its own, the exercise keeps the guide's dose.
    alone = client.get(reverse("exercises:detail", args=["childs-pose"]))
    assert timer_dose(alone) == ("3", "30")


def test_previous_and_next_follow_the_routines_order(client):
    page = opened_from(client, "morning-mobility", "Child’s Pose")
    previous = soup(page).select_one("a[rel=prev]")
    following = soup(page).select_one("a[rel=next]")
    assert "Cat-Cow Stretch" in previous.get_text() and "Chair Rotation" in following.get_text()
    assert following["href"].endswith("?ready=morning-mobility")

    # Along the routine to its end, each page with its dose.
    last = client.get(following["href"])
    last = client.get(soup(last).select_one("a[rel=next]")["href"])
    assert "Arm Circles" in soup(last).h1.get_text()
    assert timer_dose(last) == ("10", "")
    last = client.get(soup(last).select_one("a[rel=next]")["href"])
    assert "Wall Angel" in soup(last).h1.get_text()
    assert soup(last).select_one("a[rel=next]") is None
    first = opened_from(client, "morning-mobility", "Cat-Cow Stretch")
    assert soup(first).select_one("a[rel=prev]") is None


def test_an_exercise_opened_from_a_ready_made_routine_names_it_and_adds_to_the_patients_own(client):
    # It said "In your routine", and "Add to my routine" (on every other exercise) started a routine
    # of the clinic's five exercises plus this one, in place of the patient's own.
    page = opened_from(client, "morning-mobility", "Child’s Pose")
    box = soup(page).select_one(".routine-add-box")
    words = " ".join(box.get_text(" ").split())
    assert "Part of the ready-made routine “Morning mobility”." in words
    assert "your routine" not in words.lower()
    back = box.find(
        "a", string=lambda text: text and text.startswith("Back to the routine (5 exercises)")
    )
    assert back["href"] == reverse("exercises:routine_detail", args=["morning-mobility"])
    add = box.find("a", string="Add to my routine")
    assert add["data-add-to-routine"] == "childs-pose"  # the phone's own routine, with the script
    own = client.get(add["href"])  # without it, a routine of this one exercise, at this dose
    assert [e.slug for e in own.context["routine"].entries] == ["childs-pose"]
    assert own.context["routine"].entries[0].dose == page.context["dose"]
    assert timer_dose(page) == ("2", "30")
    # Its related exercises are the guide's, not the routine's.
    assert all("ready=" not in a["href"] for a in soup(page).select(".related a"))
    # A slug that names no routine holding the exercise leaves the page as it is on its own.
    for ready in ("no-such-routine", "5-minutes-at-your-desk"):
        alone = client.get(reverse("exercises:detail", args=["childs-pose"]), {"ready": ready})
        assert alone.status_code == 200 and timer_dose(alone) == ("3", "30")
        assert "ready-made" not in text_of(alone)


def test_a_step_that_states_a_count_follows_the_dose_shown(client):
    arm_circles = "Circle your arms forward {} times, then reverse."
    printed = client.get(reverse("exercises:routine_detail_print", args=["morning-mobility"]))
    item = soup(printed).select_one('[data-slug="arm-circles"]')
    assert "Do it 10 times forward" in item.get_text()
    steps = [li.get_text(strip=True) for li in item.select(".routine-sheet__steps li")]
    assert arm_circles.format(10) in steps and arm_circles.format(20) not in steps

    page = opened_from(client, "morning-mobility", "Arm Circles")
    assert arm_circles.format(10) in text_of(page)
    own = client.get(PRINT, {"do": "arm-circles:12.1/d"})
    assert arm_circles.format(12) in text_of(own)
    alone = client.get(reverse("exercises:detail", args=["arm-circles"]))
    assert arm_circles.format(20) in text_of(alone)
    # Started, the routine's "How to do it" too (a patient QA pass found 20 under a dose of 10).
    started = client.get(
        reverse("exercises:routine_detail_session", args=["morning-mobility"]), {"at": 4}
    )
    how = soup(started).select_one('[data-step="4"] .session-step__how').get_text(" ", strip=True)
    assert arm_circles.format(10) in how and arm_circles.format(20) not in how


def test_the_time_a_session_takes_follows_todays_doses_after_weekly_increases(client):
    # A patient QA pass (round 24): "Today: Do it 15 times" beside "about half a minute", the
    # starting dose's time.
    grown = soup(client.get(ROUTINE, {"do": "start:2025-01-01,neck-roll:5.2/d.up2to15"}))
    fresh = soup(client.get(ROUTINE, {"do": "neck-roll:15.2/d"}))
    assert "Today: Do it 15 times" in grown.select_one(".routine-item__dose").get_text()
    for part in (".lead", ".routine-item__meta"):
        assert grown.select_one(part).get_text() == fresh.select_one(part).get_text(), part
    # A dose that grows each week is the patient's, not "Suggested by this guide".
    dose = grown.select_one(".routine-item__dose").get_text(" ", strip=True)
    assert "Your dose" in dose and "Suggested by this guide" not in dose
