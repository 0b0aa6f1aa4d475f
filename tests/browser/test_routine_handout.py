"""A physiotherapist builds a routine that grows each week; the patient takes reminders home."""

from datetime import date
from urllib.parse import unquote

from django.urls import reverse
from icalendar import Calendar


def test_a_physiotherapist_adds_a_weekly_increase_and_the_routine_keeps_it_in_its_link(tab):
    tab.open(f"{reverse('exercises:routine')}?do=wall-angel")
    page = tab.page
    page.locator("summary", has_text="Change the dose").click()
    page.get_by_label("Increase each week").select_option(label="Repetitions")
    page.get_by_label("Increase by").fill("1")
    page.get_by_label("Up to").fill("15")
    page.get_by_role("button", name="Save the dose of Wall Angel").click()
    page.wait_for_load_state()

    today = date.today()
    # Back where the patient was: at the exercise whose dose they saved.
    assert unquote(page.url).endswith(
        f"?do=start:{today.isoformat()},wall-angel:10.1/d.up1to15#item-1"
    )
    words = page.locator(".routine-item__progression").inner_text()
    assert words == (f"One more repetition each week, up to 15. From {today.day} {today:%B %Y}.")
    assert page.get_by_label("Start date").input_value() == today.isoformat()
    assert page.context.cookies() == []


def test_after_saving_a_dose_or_moving_an_exercise_the_page_shows_that_exercise(tab):
    """A patient QA pass (round 24): each save reloaded the routine at its top, and the patient
    scrolled back down to the exercise every time."""
    code = "neck-roll:5.2/d,shoulder-roll:5.2/d,arm-circles:10.1/d,wall-angel:10.1/d,pec-stretch"
    tab.open(f"{reverse('exercises:routine')}?do={code}")
    page = tab.page
    page.locator("#item-4 summary", has_text="Change the dose").click()
    page.locator("#item-4").get_by_label("Repetitions").fill("12")
    with page.expect_navigation():
        page.get_by_role("button", name="Save the dose of Wall Angel").click()
    item = page.locator("#item-4")
    assert "Wall Angel" in item.locator("h2").inner_text()
    # The browser scrolls to it (smoothly, unless reduced motion is asked for).
    page.wait_for_function(
        "() => { const r = document.querySelector('#item-4').getBoundingClientRect();"
        " return scrollY > 0 && r.top >= 0 && r.top < innerHeight / 2; }",
        timeout=3000,
    )
    with page.expect_navigation():
        item.get_by_role("link", name="Move up").click()
    assert "Wall Angel" in page.locator("#item-3 h2").inner_text()
    assert page.url.endswith("#item-3")


def test_a_patient_downloads_reminders_for_their_routine_into_a_calendar_file(tab):
    tab.open(f"{reverse('exercises:routine')}?do=shoulder-roll:5.2/d,resistance-band-row")
    with tab.page.expect_download() as download:
        tab.page.get_by_role("link", name="Add reminders to my calendar").click()
    path = download.value.path()

    assert download.value.suggested_filename.endswith(".ics")
    events = Calendar.from_ical(path.read_bytes()).walk("VEVENT")
    assert sorted(str(event["SUMMARY"]) for event in events) == [
        "Upper back exercises (evening)",
        "Upper back exercises (morning)",
    ]
    assert all(event.walk("VALARM") and event.get("RRULE") for event in events)
    assert tab.page.context.cookies() == []
