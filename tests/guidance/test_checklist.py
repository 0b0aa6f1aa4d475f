import logging

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guidance.forms import NOTHING_TICKED
from guidance.models import ClinicDetails, CombinationRule, WarningSign
from tests.content import edit

pytestmark = pytest.mark.django_db

URL = reverse("guidance:checklist")
STEP_2_URL = reverse("guidance:checklist_other_signs")


def page(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "lxml")


def answers(*slugs: str, none_apply: bool = False, step: str | None = None) -> dict:
    """Build the POST a browser sends when these signs are ticked.

    Emergency signs are asked in step 1, under one field; the others in step 2, one field per
    heading. The step is the one the answers come from, unless given.
    """
    data: dict = {}
    for sign in WarningSign.objects.filter(slug__in=slugs):
        data.setdefault("emergency" if sign.is_emergency else sign.group, []).append(sign.slug)
    if none_apply:
        data["none_apply"] = "on"
    later = none_apply or set(data) - {"emergency"}
    data["step"] = step or ("other" if later else "emergency")
    return data


STEP_1 = {"step": "emergency"}


def result_of(response) -> str:
    return page(response).select_one("main [data-urgency]")["data-urgency"]


def main_links(response) -> list[str]:
    return [a["href"] for a in page(response).select("main a[href]")]


def hidden_fields(soup) -> dict[str, str]:
    return {
        field["name"]: field["value"]
        for field in soup.select("form input[type=hidden]")
        if field["name"] != "csrfmiddlewaretoken"
    }


def test_step_1_asks_only_the_emergency_signs_under_a_call_now_heading(client):
    response = client.get(URL)
    soup = page(response)
    assert response.status_code == 200
    assert [h1.get_text(strip=True) for h1 in soup.select("h1")] == ["When to see a doctor"]
    assert "Step 1 of 2" in soup.select_one(".page-intro").get_text()
    legends = [legend.get_text(strip=True) for legend in soup.select("form fieldset legend")]
    assert legends == ["Call 911 now if you have any of these"]
    boxes = soup.select("form fieldset input[type=checkbox]")
    assert [box["value"] for box in boxes] == list(
        WarningSign.objects.published().filter(urgency="emergency").values_list("slug", flat=True)
    )
    assert len(boxes) == 11
    for box in boxes:
        assert soup.select_one(f"label[for={box['id']}]").get_text(strip=True)
    assert not soup.select("input[name=none_apply]")
    assert soup.select_one("main form button[type=submit]").get_text(strip=True) == "Continue"
    assert hidden_fields(soup) == {"step": "emergency"}
    assert "not a diagnosis" in soup.select_one(".page-intro").get_text()


def test_step_1_with_nothing_ticked_leads_to_step_2s_own_page_so_back_never_posts_again(client):
    response = client.post(URL, STEP_1)
    assert (response.status_code, response["Location"]) == (303, STEP_2_URL)
    assert "no-store" in response["Cache-Control"]
    # The page it leads to is the same for everyone, and kept like any public page.
    step_2 = client.get(STEP_2_URL)
    assert step_2.status_code == 200
    assert "no-store" not in step_2.get("Cache-Control", "")


def test_step_1_with_nothing_ticked_asks_the_other_questions_under_plain_legends(client):
    response = client.post(URL, STEP_1, follow=True)
    soup = page(response)
    assert response.status_code == 200
    assert not soup.select(".error-summary")
    assert not soup.select("[data-urgency]")
    intro = soup.select_one(".page-intro").get_text()
    assert "Step 2 of 2" in intro
    # Said as what the step is for: the page may be opened straight from a bookmark, with step 1
    # never answered (a patient's QA pass), and step 1 is a link away.
    assert "for when none of the emergency signs on step 1 apply" in intro
    assert soup.select_one(".page-intro a[href='/when-to-see-a-doctor/']").get_text() == "step 1"
    assert soup.select_one(".page-intro a[href='tel:911']")
    legends = [legend.get_text(strip=True) for legend in soup.select("form fieldset legend")]
    assert legends == [
        "Other symptoms",
        "How it started",
        "The pain itself",
        "You and your health",
        "How it is affecting you",
    ]
    boxes = {box["value"] for box in soup.select("form fieldset input[type=checkbox]")}
    assert boxes == set(
        WarningSign.objects.published().exclude(urgency="emergency").values_list("slug", flat=True)
    )
    assert soup.select_one("label[for=id_none_apply]").get_text(strip=True) == (
        "None of these apply to me"
    )
    assert soup.select_one("main form button[type=submit]").get_text(strip=True) == "See what to do"
    # Step 1's answer was "none": nothing of it is carried, not even in the form.
    assert hidden_fields(soup) == {"step": "other"}
    assert soup.find("a", string="Back to step 1: the emergency signs")["href"] == URL


def test_both_steps_post_to_the_same_address_and_keep_the_answers_out_of_cookies(client):
    for response in (client.get(URL), client.post(URL, STEP_1, follow=True)):
        form = page(response).select_one("main form")
        assert form["method"] == "post"
        assert form["action"] == URL
        # At most the CSRF cookie, which holds no answer.
        assert set(response.cookies) <= {"csrftoken"}


def test_a_sign_staff_make_an_emergency_moves_to_step_1_by_itself(client):
    WarningSign.objects.filter(slug="fever").update(urgency="emergency")
    boxes = "fieldset input[type=checkbox]"
    step_1 = {box["value"] for box in page(client.get(URL)).select(boxes)}
    step_2 = {box["value"] for box in page(client.get(STEP_2_URL)).select(boxes)}
    assert "fever" in step_1
    assert "fever" not in step_2
    assert result_of(client.post(URL, {"step": "emergency", "emergency": ["fever"]})) == (
        "emergency"
    )


def test_with_no_emergency_sign_published_the_checklist_starts_with_the_other_questions(client):
    WarningSign.objects.filter(urgency="emergency").update(is_published=False)
    soup = page(client.get(URL))
    assert hidden_fields(soup) == {"step": "other"}
    assert "fever" in {box["value"] for box in soup.select("fieldset input[type=checkbox]")}
    assert "none of the emergency signs" not in soup.select_one(".page-intro").text
    assert result_of(client.post(URL, answers("fever"))) == "urgent"


def test_an_unpublished_sign_is_not_asked(client):
    edit(WarningSign.objects.filter(slug__in=["worried", "saddle-numbness"]), is_published=False)
    assert b'value="saddle-numbness"' not in client.get(URL).content
    assert b'value="worried"' not in client.get(STEP_2_URL).content


def test_an_emergency_sign_ticked_in_step_1_gives_the_call_911_result_at_once(client):
    response = client.post(URL, answers("saddle-numbness"))
    assert result_of(response) == "emergency"
    assert page(response).select_one("a.btn-emergency")["href"] == "tel:911"


def test_an_emergency_answer_shows_the_call_911_button_first_and_no_exercises(client):
    response = client.post(URL, answers("worried", "chest-pain-or-breathlessness", "fever"))
    soup = page(response)
    assert response.status_code == 200
    assert result_of(response) == "emergency"
    box = soup.select_one("main > section")
    assert box["data-urgency"] == "emergency"
    assert "urgency--emergency" in box["class"]
    assert box.h1.get_text(strip=True) == "Call 911 now"
    assert box.select_one("a.btn-emergency")["href"] == "tel:911"
    reasons = [li.strong.get_text(strip=True) for li in soup.select(".reasons li")]
    assert reasons == [
        WarningSign.objects.get(slug=slug).question
        for slug in ("chest-pain-or-breathlessness", "fever", "worried")
    ]
    assert "infection" in soup.select_one(".reasons").get_text()
    assert not [href for href in main_links(response) if href.startswith("/exercises/")]
    assert "This is not a diagnosis" in soup.select_one("main").get_text()


def test_the_emergency_number_comes_from_the_settings(client, settings):
    settings.EMERGENCY_NUMBER = "112"
    response = client.post(URL, answers("serious-accident"))
    assert page(response).select_one("a.btn-emergency")["href"] == "tel:112"


def test_an_urgent_answer_while_the_clinic_has_no_contact_details_sends_to_your_own_doctor(
    client,
):
    response = client.post(URL, answers("fever", "limitation-in-movement"))
    box = page(response).select_one("[data-urgency]")
    assert result_of(response) == "urgent"
    assert box.h1.get_text(strip=True) == "Speak to a doctor today"
    # No button to a page with nothing on it: the answer says what works.
    assert box.select(".urgency__action a") == []
    assert reverse("guidance:contact") not in [a["href"] for a in box.find_all("a")]
    assert "Call your own doctor" in box.get_text()
    assert not [href for href in main_links(response) if href.startswith("/exercises/")]


def test_an_urgent_answer_with_only_the_clinics_address_links_to_how_to_reach_it(client):
    ClinicDetails.objects.update(address="1 Main Street\nSmithtown, NY 11787")
    response = client.post(URL, answers("fever"))
    action = page(response).select_one("[data-urgency] .urgency__action a")
    assert action["href"] == reverse("guidance:contact")


def test_an_urgent_answer_with_a_clinic_phone_offers_to_call_it(client):
    edit(ClinicDetails.objects.all(), phone="(631) 555-0100")
    response = client.post(URL, answers("history-of-cancer"))
    action = page(response).select_one("[data-urgency] .urgency__action a")
    assert action["href"] == "tel:+16315550100"


def test_a_routine_answer_books_an_appointment_and_suggests_exercises(client):
    edit(ClinicDetails.objects.all(), phone="(631) 555-0100")
    response = client.post(URL, answers("persistent-pain", "worried"))
    box = page(response).select_one("[data-urgency]")
    assert result_of(response) == "routine"
    assert box.h1.get_text(strip=True) == "Book an appointment"
    assert box.select_one(".urgency__action a")["href"] == "tel:+16315550100"
    assert reverse("exercises:list") in main_links(response)


def test_none_of_these_gives_self_care_with_exercises_remedies_and_when_to_come_back(client):
    response = client.post(URL, answers(none_apply=True))
    soup = page(response)
    assert result_of(response) == "self-care"
    assert soup.select_one("[data-urgency] h1").get_text(strip=True) == (
        "Look after your back at home"
    )
    links = main_links(response)
    assert reverse("exercises:list") in links
    assert any(href.startswith(reverse("guidance:remedies") + "#") for href in links)
    assert "When to come back" in soup.select_one("main").get_text()
    assert not soup.select(".reasons")


def test_the_result_has_a_start_again_link_and_prints_without_it(client):
    response = client.post(URL, answers("worried"))
    start_again = page(response).find("a", string="Start again")
    assert start_again["href"] == URL
    assert "no-print" in start_again.parent["class"]


def test_the_result_is_never_cached_and_answers_stay_out_of_the_url(client):
    response = client.post(URL, answers("fever"))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "ETag" not in response
    assert "Location" not in response


def test_the_form_itself_is_cached_like_any_public_page(client):
    response = client.get(URL)
    assert "no-store" not in response["Cache-Control"]
    assert client.get(URL, headers={"If-None-Match": response["ETag"]}).status_code == 304


def test_answering_writes_nothing_and_logs_nothing(client, caplog):
    caplog.set_level(logging.DEBUG)
    with CaptureQueriesContext(connection) as queries:
        client.post(URL, answers("saddle-numbness"))
    assert all(query["sql"].lstrip().upper().startswith("SELECT") for query in queries)
    assert "saddle" not in caplog.text


@pytest.mark.parametrize(
    ("slug", "level"),
    [("fever", "urgent"), ("chest-pain-or-breathlessness", "emergency")],
)
def test_a_sign_ticked_with_none_of_these_gets_its_result_and_says_none_was_ignored(
    client, slug, level
):
    response = client.post(URL, answers(slug, none_apply=True, step="other"))
    soup = page(response)
    assert result_of(response) == level
    assert not soup.select(".error-summary")
    note = soup.select_one(".result-reasons .result-note").get_text(strip=True)
    assert note == "You also ticked “None of these apply to me”. We went by the signs you ticked."
    assert [li.strong.get_text(strip=True) for li in soup.select(".reasons > li")] == [
        WarningSign.objects.get(slug=slug).question
    ]


def test_none_of_these_alone_says_nothing_about_being_ignored(client):
    assert not page(client.post(URL, answers(none_apply=True))).select(".result-note")


def test_sending_step_2_with_nothing_ticked_asks_to_tick_signs_or_none_of_these(client):
    response = client.post(URL, {"step": "other"})
    soup = page(response)
    assert response.status_code == 200
    assert NOTHING_TICKED in soup.select_one(".error-summary").get_text()
    assert "Step 2 of 2" in soup.select_one(".page-intro").get_text()
    assert hidden_fields(soup) == {"step": "other"}


def test_a_post_that_names_no_step_and_ticks_nothing_starts_at_step_1_s_answer(client):
    # "Nothing ticked" among the emergency signs: the other questions come next, no error.
    response = client.post(URL, {})
    assert (response.status_code, response["Location"]) == (303, STEP_2_URL)


def test_a_tampered_answer_in_step_1_shows_step_1_again_with_a_message(client):
    response = client.post(URL, {"step": "emergency", "emergency": ["worried", "serious-accident"]})
    soup = page(response)
    assert not soup.select("[data-urgency]")
    assert "One answer under “Call 911 now if you have any of these” is not on this checklist" in (
        soup.select_one(".error-summary").get_text()
    )
    assert {box["value"] for box in soup.select("input[checked]")} == {"serious-accident"}
    assert hidden_fields(soup) == {"step": "emergency"}


@pytest.mark.parametrize(
    "bad_value", ["made-up-sign", "worried", "", "chest-pain-or-breathlessness"]
)
def test_a_tampered_answer_shows_the_form_again_with_the_other_ticks_kept(client, bad_value):
    data = answers("fever", "persistent-pain")
    # “worried” exists, but not under this heading; chest pain is asked in step 1.
    data["symptoms"].append(bad_value)
    response = client.post(URL, data)
    soup = page(response)
    assert response.status_code == 200
    assert not soup.select("[data-urgency]")
    summary = soup.select_one(".error-summary").get_text()
    assert "One answer under “Other symptoms” is not on this checklist" in summary
    checked = {box["value"] for box in soup.select("input[checked]")}
    assert checked == {"fever", "persistent-pain"}


def test_an_unpublished_sign_sent_anyway_is_refused(client):
    edit(WarningSign.objects.filter(slug="fever"), is_published=False)
    response = client.post(URL, {"step": "other", "symptoms": ["fever"]})
    assert not page(response).select("[data-urgency]")
    assert "not on this checklist" in page(response).select_one(".error-summary").get_text()


def test_the_checklist_needs_no_token_and_sets_no_cookie():
    # It stores and changes nothing, so a post from anywhere is harmless: no CSRF token needed.
    client = Client(enforce_csrf_checks=True)
    form = client.get(URL)
    assert not page(form).select("input[name=csrfmiddlewaretoken]")
    response = client.post(URL, answers("fever"))
    assert result_of(response) == "urgent"
    assert not form.cookies and not response.cookies


def test_the_checklist_takes_few_queries(client, django_assert_max_num_queries):
    emergency = answers("chest-pain-or-breathlessness")
    everything = answers(*WarningSign.objects.values_list("slug", flat=True))
    nothing = answers(none_apply=True)
    # The content version, the clinic's details for the footer, and the signs; the review line
    # (kept then for every step and result) adds the rules with their two lists, the red flags,
    # the content types, the reviews in one query and each kind of item's history.
    with django_assert_max_num_queries(3 + 9):
        client.get(URL)
    with django_assert_max_num_queries(3):
        client.post(URL, STEP_1)
    with django_assert_max_num_queries(3):
        client.get(STEP_2_URL)
    # A result adds the combination rules with their two lists of questions; self-care, remedies.
    with django_assert_max_num_queries(5):
        client.post(URL, emergency)
    with django_assert_max_num_queries(5):
        client.post(URL, everything)
    with django_assert_max_num_queries(6):
        client.post(URL, nothing)


def test_every_page_links_to_the_checklist_from_the_navigation(client):
    for url in (reverse("guidance:home"), reverse("exercises:list"), reverse("guidance:causes")):
        nav = page(client.get(url)).select_one("nav[aria-label=Main]")
        assert nav.find("a", string="When to see a doctor")["href"] == URL


def test_the_home_card_and_the_seek_help_page_lead_to_the_checklist(client):
    home = page(client.get(reverse("guidance:home")))
    assert home.select_one(".entry-cards__urgent a")["href"] == URL
    seek_help = page(client.get(reverse("guidance:seek_help")))
    assert seek_help.select_one(".checklist-callout a")["href"] == URL


KEYS = st.one_of(
    st.sampled_from(
        ["emergency", "step", "symptoms", "onset", "pain", "health", "impact", "none_apply"]
    ),
    st.text(max_size=20),
)
VALUES = st.one_of(
    st.sampled_from(
        ["fever", "worried", "on", "", "chest-pain-or-breathlessness", "emergency", "other"]
    ),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=40),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.dictionaries(KEYS, st.one_of(VALUES, st.lists(VALUES, max_size=4)), max_size=6))
def test_no_answers_however_strange_cause_a_server_error(data):
    response = Client(raise_request_exception=False).post(URL, data)
    assert response.status_code < 500


def test_an_urgent_result_decided_by_a_combination_says_so_in_plain_words(client):
    # Over 50 with new pain that has not improved: routine alone, urgent together (NICE CKS).
    response = client.post(URL, answers("age-under-20-or-over-50", "persistent-pain"))
    soup = page(response)
    assert result_of(response) == "urgent"
    lead = soup.select_one(".urgency__lead").get_text()
    assert "Some of your answers, taken together, mean a doctor should check you today." in lead
    (combined,) = soup.select(".reason--combined")
    text = combined.get_text(" ", strip=True)
    assert text.startswith("Your answers together decided your result")
    assert "New back pain under 20 or over 50, with another warning sign" in text
    assert [li.get_text(strip=True) for li in combined.select(".reason__signs li")] == [
        WarningSign.objects.get(slug=slug).question
        for slug in ("persistent-pain", "age-under-20-or-over-50")
    ]
    assert "more likely to have a serious cause" in combined.select_one(".reason__why").text
    assert not [href for href in main_links(response) if href.startswith("/exercises/")]


def test_cancer_in_the_past_with_numbness_in_one_arm_is_an_emergency(client):
    # Each alone is urgent; together, suspected spinal cord compression (NICE NG234).
    response = client.post(
        URL, answers("history-of-cancer", "numbness-or-weakness", "pain-at-night-or-at-rest")
    )
    soup = page(response)
    assert result_of(response) == "emergency"
    assert "taken together, need help straight away" in soup.select_one(".urgency__lead").text
    # The emergency rule decided; the cancer rule fired too, at a lower level, and adds nothing.
    (combined,) = soup.select(".reason--combined")
    assert (
        combined.select_one(".reason__kicker").text == "Your answers together decided your result"
    )
    assert "Cancer in the past, with numbness" in combined.text


def test_a_combination_rule_unpublished_in_the_admin_stops_counting_at_once(client):
    data = answers("age-under-20-or-over-50", "persistent-pain")
    CombinationRule.objects.filter(slug="new-pain-at-this-age-with-second-sign").update(
        is_published=False
    )
    response = client.post(URL, data)
    assert result_of(response) == "routine"
    assert not page(response).select(".reason--combined")


def test_a_rule_that_cannot_fire_as_written_is_left_out_and_the_patient_still_gets_a_result(
    client, caplog
):
    CombinationRule.objects.filter(slug="new-pain-at-this-age-with-second-sign").update(min_any=9)
    response = client.post(URL, answers("age-under-20-or-over-50", "persistent-pain"))
    assert response.status_code == 200
    assert result_of(response) == "routine"
    assert "new-pain-at-this-age-with-second-sign" in caplog.text
    assert "persistent" not in caplog.text


def test_age_alone_gives_self_care_and_says_which_signs_with_it_would_change_the_advice(client):
    response = client.post(URL, answers("age-under-20-or-over-50"))
    soup = page(response)
    assert result_of(response) == "self-care"
    lead = soup.select_one(".urgency__lead").get_text()
    assert "None of the warning signs apply" not in lead
    assert "does not change the advice on its own" in lead
    (reason,) = soup.select(".reasons > li")
    assert "reason--context" in reason["class"]
    assert "On its own, this sign does not change the advice." in reason.text
    # From the combination rules: with age, these (each only "book an appointment" alone) mean a
    # doctor today; signs that are urgent alone add nothing to age, so they are not listed.
    assert reason.select_one(".reason__signs-intro").get_text(strip=True) == (
        "If you also have one of these, speak to a doctor today:"
    )
    assert [li.get_text(strip=True) for li in reason.select(".reason__signs li")] == [
        "Pain that is very bad",
        "Pain that has been getting worse for a week or more",
        "Pain that is no better after 4 weeks or more of home care",
    ]


def test_age_that_counted_in_a_combination_is_listed_without_the_note_on_its_own(client):
    response = client.post(URL, answers("age-under-20-or-over-50", "persistent-pain"))
    soup = page(response)
    assert result_of(response) == "urgent"
    assert "On its own, this sign does not change the advice" not in soup.get_text()


@pytest.mark.parametrize(
    "ticked",
    [
        ("injected-drugs", "severe-pain"),
        ("spine-surgery-or-injection", "severe-pain"),
    ],
    ids=["injects drugs, pain getting worse", "three weeks after spine surgery, pain worse"],
)
def test_the_patients_of_issue_14_are_told_to_speak_to_a_doctor_today(client, ticked):
    response = client.post(URL, answers(*ticked))
    assert result_of(response) == "urgent"
    assert "Speak to a doctor today" in page(response).h1.get_text()
