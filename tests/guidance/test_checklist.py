import logging

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guidance.forms import NONE_AND_SIGNS, NOTHING_TICKED
from guidance.models import ClinicDetails, WarningSign
from tests.content import edit

pytestmark = pytest.mark.django_db

URL = reverse("guidance:checklist")


def page(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def answers(*slugs: str, none_apply: bool = False) -> dict:
    """Build the POST a browser sends when these signs are ticked."""
    data: dict = {}
    for sign in WarningSign.objects.filter(slug__in=slugs):
        data.setdefault(sign.group, []).append(sign.slug)
    if none_apply:
        data["none_apply"] = "on"
    return data


def result_of(response) -> str:
    return page(response).select_one("main [data-urgency]")["data-urgency"]


def main_links(response) -> list[str]:
    return [a["href"] for a in page(response).select("main a[href]")]


def test_the_form_asks_every_published_question_grouped_under_legends(client):
    response = client.get(URL)
    soup = page(response)
    assert response.status_code == 200
    assert [h1.get_text(strip=True) for h1 in soup.select("h1")] == ["When to see a doctor"]
    legends = [legend.get_text(strip=True) for legend in soup.select("form fieldset legend")]
    assert legends == [
        "Other symptoms",
        "How it started",
        "The pain itself",
        "Your health",
        "How it is affecting you",
    ]
    boxes = soup.select("form fieldset input[type=checkbox]")
    assert {box["value"] for box in boxes} == set(
        WarningSign.objects.published().values_list("slug", flat=True)
    )
    for box in soup.select("form input[type=checkbox]"):
        assert soup.select_one(f"label[for={box['id']}]").get_text(strip=True)
    assert soup.select_one("label[for=id_none_apply]").get_text(strip=True) == (
        "None of these apply to me"
    )
    assert soup.select_one("form button[type=submit]").get_text(strip=True) == "See what to do"
    assert "not a diagnosis" in soup.select_one(".page-intro").get_text()


def test_an_unpublished_sign_is_not_asked(client):
    edit(WarningSign.objects.filter(slug="worried"), is_published=False)
    assert b'value="worried"' not in client.get(URL).content


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


def test_an_urgent_answer_without_a_clinic_phone_points_to_the_contact_page(client):
    response = client.post(URL, answers("fever", "limitation-in-movement"))
    box = page(response).select_one("[data-urgency]")
    assert result_of(response) == "urgent"
    assert box.h1.get_text(strip=True) == "Speak to a doctor today"
    assert box.select_one(".urgency__action a")["href"] == reverse("guidance:contact")
    assert "your own doctor" in box.get_text()
    assert not [href for href in main_links(response) if href.startswith("/exercises/")]


def test_an_urgent_answer_with_a_clinic_phone_offers_to_call_it(client):
    edit(ClinicDetails.objects.all(), phone="(631) 555-0100")
    response = client.post(URL, answers("history-of-cancer"))
    action = page(response).select_one("[data-urgency] .urgency__action a")
    assert action["href"] == "tel:6315550100"


def test_a_routine_answer_books_an_appointment_and_suggests_exercises(client):
    edit(ClinicDetails.objects.all(), phone="(631) 555-0100")
    response = client.post(URL, answers("persistent-pain", "worried"))
    box = page(response).select_one("[data-urgency]")
    assert result_of(response) == "routine"
    assert box.h1.get_text(strip=True) == "Book an appointment"
    assert box.select_one(".urgency__action a")["href"] == "tel:6315550100"
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


def test_ticking_none_of_these_and_a_sign_asks_to_untick_one(client):
    response = client.post(URL, answers("fever", none_apply=True))
    soup = page(response)
    assert not soup.select("[data-urgency]")
    assert NONE_AND_SIGNS in soup.select_one(".error-summary").get_text()
    assert soup.select_one("input[value=fever]").has_attr("checked")


def test_sending_nothing_asks_to_tick_signs_or_none_of_these(client):
    response = client.post(URL, {})
    assert response.status_code == 200
    assert NOTHING_TICKED in page(response).select_one(".error-summary").get_text()


@pytest.mark.parametrize("bad_value", ["made-up-sign", "worried", ""])
def test_a_tampered_answer_shows_the_form_again_with_the_other_ticks_kept(client, bad_value):
    data = answers("fever", "persistent-pain")
    data["symptoms"].append(bad_value)  # “worried” exists, but not under this heading
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
    response = client.post(URL, {"symptoms": ["fever"]})
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
    # The content version (cache), the signs, and the clinic's details for the footer; an answer
    # needs no content version; self-care adds the remedies.
    with django_assert_max_num_queries(3):
        client.get(URL)
    with django_assert_max_num_queries(2):
        client.post(URL, emergency)
    with django_assert_max_num_queries(2):
        client.post(URL, everything)
    with django_assert_max_num_queries(3):
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
    st.sampled_from(["symptoms", "onset", "pain", "health", "impact", "none_apply"]),
    st.text(max_size=20),
)
VALUES = st.one_of(
    st.sampled_from(["fever", "worried", "on", "", "chest-pain-or-breathlessness"]),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=40),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.dictionaries(KEYS, st.one_of(VALUES, st.lists(VALUES, max_size=4)), max_size=6))
def test_no_answers_however_strange_cause_a_server_error(data):
    response = Client(raise_request_exception=False).post(URL, data)
    assert response.status_code < 500
