"""A routine to take away: a start date and weekly progression in its address, a QR code on the
printed sheet that leads back to it, and reminders for the patient's own calendar."""

import re
from datetime import date, timedelta
from urllib.parse import unquote, urlsplit

import pytest
import segno
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from exercises.routines import dose_on, parse
from exercises.views import by_slug, published_exercises
from tests.html import soup, text_of

pytestmark = pytest.mark.django_db

ROUTINE = reverse("exercises:routine")
PRINT = reverse("exercises:routine_print")
CALENDAR = reverse("exercises:routine_calendar")


@pytest.fixture
def today(monkeypatch):
    """Fix the site's date (a Monday) for the doses of the day."""
    day = date(2026, 12, 7)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: day)
    return day


def plan_of(code: str):
    return parse(code, by_slug(published_exercises(None)))


def test_a_weekly_progression_grows_the_dose_each_whole_week_up_to_its_limit():
    plan = plan_of(
        "start:2026-11-02,shoulder-roll:5.2/d.up1to8,upper-trapezius-stretch:3x20s.up5sto30s"
    )
    roll, stretch = plan.entries
    doses = {
        day: (
            dose_on(roll, start=plan.start, day=day).repetitions,
            dose_on(stretch, start=plan.start, day=day).hold_seconds,
        )
        for day in (date(2026, 11, 1), date(2026, 11, 8), date(2026, 11, 9), date(2026, 11, 30))
    }
    assert doses == {
        date(2026, 11, 1): (5, 20),  # before the start: the starting dose
        date(2026, 11, 8): (5, 20),  # six days in
        date(2026, 11, 9): (6, 25),  # one week
        date(2026, 11, 30): (8, 30),  # four weeks, held at the limits
    }
    assert roll.progression.describe() == "One more repetition each week, up to 8."
    assert stretch.progression.describe() == "Hold 5 seconds longer each week, up to 30 seconds."


def test_a_routine_with_a_start_and_progressions_has_one_spelling():
    written = "shoulder-roll:5.2/d.UP1TO8,start:2026-11-02,upper-trapezius-stretch:up5sto30s"
    plan = plan_of(written)
    assert plan.code == (
        "start:2026-11-02,shoulder-roll:5.2/d.up1to8,upper-trapezius-stretch:3x20s.2/d.up5sto30s"
    )
    assert plan_of(plan.code).code == plan.code
    assert plan.notes == []


def test_a_bad_progression_or_start_date_is_dropped_with_a_note_and_the_rest_kept():
    # A hold that does not grow past 120 s, a repetition target below the start, a wrong date.
    plan = plan_of(
        "start:2026-02-30,upper-trapezius-stretch:up5sto200s,shoulder-roll:9.up1to8,wall-angel:up2to12"
    )
    assert (
        plan.code
        == "upper-trapezius-stretch:3x20s.2/d,shoulder-roll:9.2/d,wall-angel:10.1/d.up2to12"
    )
    assert plan.notes == [
        "2 weekly increases in this link could not be used, so those exercises keep their dose "
        "every week.",
        "The start date in this link could not be used; it was left out.",
    ]


def test_the_routine_page_and_its_print_show_todays_dose(client, today):
    code = "start:2026-11-09,shoulder-roll:5.2/d.up1to15"  # four weeks before today
    page = text_of(client.get(ROUTINE, {"do": code}))
    printed = text_of(client.get(PRINT, {"do": code}))
    assert "Today: Do it 9 times backward, then 9 times forward, twice a day." in page
    assert "One more repetition each week, up to 15. From 9 November 2026." in page
    assert "Do it 9 times backward, then 9 times forward, twice a day." in printed
    assert "One more repetition each week, up to 15." in printed


def test_a_physiotherapist_sets_a_progression_on_the_builder_and_it_starts_today(client, today):
    response = client.get(
        ROUTINE,
        {
            "do": "wall-angel",
            "change": "0",
            "reps": "8",
            "grows": "repetitions",
            "step": "2",
            "up_to": "16",
        },
    )
    assert response.status_code == 302
    assert unquote(response.url) == f"{ROUTINE}?do=start:2026-12-07,wall-angel:8.1/d.up2to16"

    later = client.get(ROUTINE, {"do": "start:2026-11-23,wall-angel:8.1/d.up2to16"})
    assert "Today: Do it 12 times, once a day." in text_of(later)
    form = soup(later).select_one("form.routine-dose__form")
    assert form.select_one("[name=grows] option[selected]")["value"] == "repetitions"
    assert form.select_one("[name=up_to]")["value"] == "16"


def test_a_progression_that_cannot_grow_the_dose_keeps_what_was_typed_and_says_why(client):
    response = client.get(
        ROUTINE,
        {
            "do": "wall-angel",
            "change": "0",
            "reps": "10",
            "grows": "repetitions",
            "step": "1",
            "up_to": "5",
        },
    )
    assert response.status_code == 200
    form = soup(response).select_one("form.routine-dose__form")
    assert form.select_one("[name=up_to]")["value"] == "5"
    assert "Enter a number above the starting one" in form.get_text()


def test_a_weekly_increase_with_empty_boxes_says_what_each_box_needs(client):
    # A patient's QA pass: both empty boxes said "Enter a number for the weekly increase."
    response = client.get(
        ROUTINE, {"do": "wall-angel", "change": "0", "reps": "10", "grows": "repetitions"}
    )
    assert response.status_code == 200
    form = soup(response).select_one("form.routine-dose__form")
    errors = {
        name: form.select_one(f"[name={name}]").find_parent(class_="mb-3").get_text(" ", strip=True)
        for name in ("step", "up_to")
    }
    assert "Enter how much to add each week." in errors["step"]
    assert "Enter the most it should grow to." in errors["up_to"]
    assert "Enter the most" not in errors["step"] and "Enter how much" not in errors["up_to"]


def test_the_start_date_form_sets_changes_and_clears_the_date_in_the_address(client):
    code = "wall-angel:10.1/d.up1to15"
    set_ = client.get(ROUTINE, {"do": code, "start": "2026-12-14"})
    assert unquote(set_.url) == f"{ROUTINE}?do=start:2026-12-14,{code}"
    cleared = client.get(ROUTINE, {"do": f"start:2026-12-14,{code}", "start": ""})
    assert unquote(cleared.url) == f"{ROUTINE}?do={code}"
    bad = client.get(ROUTINE, {"do": code, "start": "next monday"})
    assert bad.status_code == 200
    field = soup(bad).select_one("#routine-start")
    assert field["value"] == "next monday"
    assert "Enter a date between 2020 and 2099" in text_of(bad)


def test_a_progressing_routine_is_not_answered_from_last_weeks_page(client, monkeypatch, today):
    code = "start:2026-11-30,shoulder-roll:5.2/d.up1to15"
    first = client.get(ROUTINE, {"do": code})
    assert "Today: Do it 6 times backward" in text_of(first)

    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: today + timedelta(days=7))
    again = client.get(ROUTINE, {"do": code}, headers={"If-None-Match": first["ETag"]})

    assert again.status_code == 200
    assert "Today: Do it 7 times backward" in text_of(again)


def qr_modules(svg) -> set[tuple[int, int]]:
    """Return the dark modules an SVG QR code drawn by segno's path of horizontal runs shows."""
    dark = set()
    x = y = 0.0
    path = svg.select_one("path")["d"]
    for kind, first, second in re.findall(r"([Mmh])\s*(-?[\d.]+)(?:[ ,](-?[\d.]+))?", path):
        if kind == "h":
            run = int(float(first))
            dark |= {(int(x) + i, int(y)) for i in range(run)}
            x += run
        elif kind == "m":
            x, y = x + float(first), y + float(second)
        else:
            x, y = float(first), float(second)
    return dark


def matrix_modules(code: segno.QRCode, border: int = 4) -> set[tuple[int, int]]:
    return {
        (x + border, y + border)
        for y, row in enumerate(code.matrix)
        for x, value in enumerate(row)
        if value
    }


@pytest.mark.parametrize(
    "path, address",
    [
        (
            f"{PRINT}?do=start:2026-11-09,shoulder-roll:5.2/d.up1to15,wall-angel",
            "/exercises/routine/?do=start:2026-11-09,shoulder-roll:5.2/d.up1to15,wall-angel:10.1/d",
        ),
        (
            reverse("exercises:routine_detail_print", args=["morning-mobility"]),
            "/exercises/routines/morning-mobility/",
        ),
    ],
)
def test_the_printed_qr_code_is_the_routines_own_address_on_the_configured_site(
    client, settings, path, address
):
    settings.BACKCARE_SITE_URL = "https://backcare.example"
    sheet = soup(client.get(path, HTTP_HOST="localhost", follow=True))
    printed_address = sheet.select_one(".routine-sheet__way-back a")["href"]
    assert unquote(printed_address) == f"https://backcare.example{address}"

    drawn = qr_modules(sheet.select_one(".routine-sheet__qr svg"))
    assert drawn == matrix_modules(segno.make(printed_address, error="m", micro=False))

    # It leads to the same routine: the page there lists the same exercises in the same order.
    target = urlsplit(printed_address)
    opened = text_of(client.get(f"{target.path}?{target.query}" if target.query else target.path))
    names = [
        h.get_text(" ", strip=True).split(". ", 1)[1] for h in sheet.select(".routine-sheet__name")
    ]
    assert len(names) >= 2
    assert sorted(names, key=opened.index) == names


def test_reminders_download_as_a_calendar_with_a_repeating_event_and_alarm_per_session(
    client, settings, today
):
    settings.BACKCARE_SITE_URL = "https://backcare.example"
    code = "start:2026-12-09,shoulder-roll:5.2/d,resistance-band-row:2x10.3/w"
    response = client.get(CALENDAR, {"do": code})

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    assert not response.cookies
    events = Calendar.from_ical(response.content).walk("VEVENT")
    address = f"https://backcare.example{ROUTINE}?do={code}"
    summary = {
        str(event["SUMMARY"]): (
            event["RRULE"].to_ical().decode(),
            event.decoded("DTSTART"),
            [(alarm["ACTION"], alarm.decoded("TRIGGER")) for alarm in event.walk("VALARM")],
            unquote(str(event["URL"])),
        )
        for event in events
    }
    # Twice a day for the roll; the row joins the morning session on 3 days of the week.
    assert summary == {
        "Upper back exercises (morning)": (
            "FREQ=DAILY",
            timezone.datetime(2026, 12, 9, 8, 0),
            [("DISPLAY", timedelta(0))],
            address,
        ),
        "Upper back exercises (evening)": (
            "FREQ=DAILY",
            timezone.datetime(2026, 12, 9, 18, 0),
            [("DISPLAY", timedelta(0))],
            address,
        ),
    }
    morning = next(e for e in events if "morning" in str(e["SUMMARY"]))
    assert "Resistance Band Row (Mon, Wed, Fri)" in str(morning["DESCRIPTION"])


def test_reminders_for_three_days_a_week_repeat_on_those_days(client, today):
    response = client.get(
        reverse("exercises:routine_detail_calendar", args=["strength-three-times-a-week"])
    )
    (event,) = Calendar.from_ical(response.content).walk("VEVENT")
    again = client.get(response.request["PATH_INFO"])  # from the page cache: still a download
    assert (again.content, again["Content-Disposition"]) == (
        response.content,
        'attachment; filename="exercise-reminders.ics"',
    )
    assert event["RRULE"].to_ical().decode() == "FREQ=WEEKLY;BYDAY=MO,WE,FR"
    assert event.decoded("DTSTART").date() == today
    assert event.walk("VALARM")
    assert str(event["URL"]).endswith("/exercises/routines/strength-three-times-a-week/")


def test_an_empty_routine_has_no_reminders_to_download(client):
    assert client.get(CALENDAR, {"do": "nothing-here"}).status_code == 404


def test_a_started_routine_leads_with_todays_dose_and_times_it(client, today):
    code = "start:2026-11-09,shoulder-roll:5.2/d.up1to15"  # four weeks before today
    session = client.get(reverse("exercises:routine_session"), {"do": code}, follow=True)
    page = text_of(session)
    assert "Do it 9 times backward, then 9 times forward, twice a day." in page
    assert soup(session).select_one("[data-timer]")["data-reps"] == "9"
