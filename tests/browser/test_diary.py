"""The diary that never leaves the phone (issue 21, point 5): "done" and pain from 0 to 10 after a
session, kept in localStorage under the routine's code; the routine page's 6-week chart, table,
printable summary and "Delete my diary"; nothing of it in any request; not offered without script."""

import json
from datetime import date, timedelta

import pytest
from django.urls import reverse

from .conftest import PHONE

ROUTINE = reverse("exercises:routine")
# The routine with a start date: its diary is the same one as without it.
CODE = "wall-angel:10.1/d,neck-roll:5.2/d"
# Where an earlier version kept it (by the routine's code), and where it is kept now: one diary on
# the phone, whatever the routine's doses and exercises.
KEY = f"backcare-diary:{CODE}"
MINE = "backcare-diary:mine"


def day(days_ago: int) -> str:
    return (date.today() - timedelta(days=days_ago)).isoformat()


@pytest.fixture
def watched(tab):
    """The tab with an empty diary, recording every request's address, headers and body."""
    sent = []
    tab.page.on(
        "request",
        lambda request: sent.append(
            " ".join([request.url, json.dumps(request.headers), request.post_data or ""])
        ),
    )
    tab.open("/")
    tab.page.evaluate("localStorage.clear()")
    tab.sent = sent
    yield tab
    tab.page.evaluate("localStorage.clear()")


def finish_session(page):
    page.get_by_role("link", name="Start the routine").click()
    page.wait_for_url("**/routine/start/**")
    page.get_by_role("link", name="Next").click()
    page.get_by_role("link", name="Finish").click()


def test_a_patient_keeps_three_days_of_diary_on_the_phone_and_nothing_is_sent(watched):
    tab, page = watched, watched.page
    # Two earlier days, as the finish screen saved them (and one from before the 6 weeks).
    earlier = [
        {"day": day(50), "time": "08:00", "done": True, "pain": 9},
        {"day": day(2), "time": "08:10", "done": True, "pain": 7},
        {"day": day(1), "time": "08:05", "done": True, "pain": 6},
    ]
    page.evaluate("([key, value]) => localStorage.setItem(key, value)", [KEY, json.dumps(earlier)])
    tab.open(f"{ROUTINE}?do=start:{day(3)},{CODE}")
    finish_session(page)
    entry = page.locator("[data-diary-entry]")
    assert entry.is_visible()
    entry.get_by_label("I did this routine today").check()
    entry.get_by_role("radio", name="4", exact=True).check()
    entry.get_by_role("button", name="Save in my diary").click()
    assert entry.get_by_role("status").inner_text() == "Saved in your diary on this phone."
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    with page.expect_navigation():
        page.get_by_role("link", name="Back to the routine").click()
    diary = page.locator("[data-diary]")
    # The diary shows once its script has run: wait for it, as a person would.
    diary.get_by_role("heading", name="Your diary: the last 6 weeks").wait_for(state="visible")
    summary = diary.locator("[data-diary-summary]").inner_text()
    assert "you did your exercises on 3 days" in summary
    assert "Your pain was 7 out of 10" in summary and "and 4 out of 10" in summary
    # The chart: a point for each day's pain in the 6 weeks, a mark for each day done.
    chart = diary.get_by_role("img")
    assert chart.locator("circle").count() == 3
    assert chart.locator("rect").count() == 3
    rows = diary.get_by_role("table").locator("tbody tr")
    assert rows.count() == 3
    assert rows.first.locator("td").all_inner_texts() == ["Yes", "4"]

    stored = page.evaluate("(key) => localStorage.getItem(key)", MINE)
    assert json.loads(stored)[-1]["pain"] == 4
    assert page.evaluate("(key) => localStorage.getItem(key)", KEY) is None  # taken into it
    for request in tab.sent:
        assert "diary" not in request.lower() or "diary.js" in request or "diary.css" in request
        assert "pain" not in request.lower() and stored not in request
    assert page.context.cookies() == []


def test_the_diary_prints_alone_as_a_summary_for_the_appointment(watched):
    page = watched.page
    page.evaluate(
        "([key, value]) => localStorage.setItem(key, value)",
        [KEY, json.dumps([{"day": day(0), "time": "09:00", "done": True, "pain": 5}])],
    )
    watched.open(f"{ROUTINE}?do={CODE}")
    page.evaluate("window.print = () => { window.printed = true; }")
    page.get_by_role("button", name="Print my diary").click()
    assert page.evaluate("window.printed") is True
    page.emulate_media(media="print")
    assert page.locator("[data-diary] table").is_visible()
    assert page.locator("h1").is_visible()
    assert not page.locator(".routine-list").is_visible()
    assert not page.get_by_role("button", name="Delete my diary").is_visible()


def test_delete_my_diary_asks_first_then_removes_all_of_it(watched):
    page = watched.page
    entries = json.dumps([{"day": day(0), "time": "09:00", "done": True, "pain": 5}])
    page.evaluate(
        "([key, other, value]) => { localStorage.setItem(key, value); localStorage.setItem(other, value); }",
        [KEY, "backcare-diary:arm-circles:10.1/d", entries],
    )
    watched.open(f"{ROUTINE}?do={CODE}")
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_role("button", name="Delete my diary").click()
    assert page.locator("[data-diary] tbody tr").count() == 1

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Delete my diary").click()
    assert (
        page.locator("[data-diary] [role=status]").inner_text()
        == "Your diary is deleted from this browser."
    )
    assert page.locator("[data-diary] tbody tr").count() == 0
    assert (
        page.evaluate("Object.keys(localStorage).filter((k) => k.startsWith('backcare-diary'))")
        == []
    )


def test_the_diary_stays_when_the_patient_changes_their_routine_and_a_second_save_changes_it(
    watched,
):
    """A patient QA pass (round 24): a dose changed, an exercise added or moved, and the diary
    read "Nothing in your diary" (it was kept under the routine's exact address); pressing "Save
    in my diary" twice gave two rows for one session."""
    page = watched.page
    watched.open(f"{ROUTINE}?do={CODE}")
    finish_session(page)
    entry = page.locator("[data-diary-entry]")
    entry.get_by_role("radio", name="6", exact=True).check()
    entry.get_by_role("button", name="Save in my diary").click()
    entry.get_by_role("radio", name="5", exact=True).check()
    entry.get_by_role("button", name="Save in my diary").click()
    assert entry.get_by_role("status").inner_text() == "Your diary entry is changed on this phone."
    watched.open(f"{ROUTINE}?do=wall-angel:12.1/d,neck-roll:5.2/d,pec-stretch:3x20s.2/d")
    rows = page.locator("[data-diary] tbody tr")
    rows.first.wait_for()
    assert rows.count() == 1 and rows.first.locator("td").all_inner_texts() == ["No", "5"]


def test_a_session_done_again_later_is_a_second_entry_not_a_change_to_the_first(watched):
    """A patient QA pass (round 24): the evening's session, from "Do it again" in the same tab,
    changed the morning's entry."""
    page = watched.page
    page.clock.install()
    watched.open(f"{ROUTINE}?do={CODE}")
    finish_session(page)
    entry = page.locator("[data-diary-entry]")
    entry.get_by_role("radio", name="6", exact=True).check()
    entry.get_by_role("button", name="Save in my diary").click()
    page.clock.fast_forward("10:00:00")
    entry.get_by_role("radio", name="3", exact=True).check()
    assert entry.locator("[data-diary-status]").inner_text() == ""  # no stale "Saved"
    entry.get_by_role("button", name="Save in my diary").click()
    assert entry.get_by_role("status").inner_text() == "Saved in your diary on this phone."
    kept = json.loads(page.evaluate("(key) => localStorage.getItem(key)", MINE))
    assert [item["pain"] for item in kept] == [6, 3]


def test_an_empty_diary_offers_nothing_to_print_or_delete(watched):
    watched.open(f"{ROUTINE}?do={CODE}")
    diary = watched.page.locator("[data-diary]")
    diary.get_by_role("heading", name="Your diary: the last 6 weeks").wait_for(state="visible")
    assert not diary.get_by_role("button", name="Print my diary").is_visible()
    assert not diary.get_by_role("button", name="Delete my diary").is_visible()


def test_a_ready_made_routine_and_the_patients_own_share_the_one_diary(watched):
    page = watched.page
    url = reverse("exercises:routine_detail_session", args=["morning-mobility"])
    watched.open(f"{url}?at=done")
    entry = page.locator("[data-diary-entry]")
    entry.get_by_label("I did this routine today").check()
    entry.get_by_role("button", name="Save in my diary").click()
    assert page.evaluate("Object.keys(localStorage)") == [MINE]
    watched.open(f"{ROUTINE}?do=neck-roll:5.2/d")
    page.locator("[data-diary] tbody tr").first.wait_for()
    assert page.locator("[data-diary] tbody tr").count() == 1


@pytest.fixture(scope="module")
def no_script(browser, site):
    context = browser.new_context(
        viewport=PHONE, java_script_enabled=False, service_workers="block"
    )
    yield context.new_page()
    context.close()


def test_without_script_the_diary_is_not_offered(no_script, site, db):
    page = no_script
    page.goto(f"{site.url}{ROUTINE}?do={CODE}")
    assert page.locator("[data-diary]").count() == 1
    assert not page.get_by_text("Your diary").is_visible()
    assert not page.get_by_role("button", name="Delete my diary").is_visible()
    page.goto(f"{site.url}{reverse('exercises:routine_session')}?do={CODE}&at=done")
    assert page.get_by_role("heading", name="Well done").is_visible()
    assert not page.get_by_text("I did this routine today").is_visible()
