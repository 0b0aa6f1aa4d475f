"""The clinic's contact details: a phone that dials, and a site that works before any are entered."""

import importlib
import io

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from guidance.checks import clinic_details_check
from guidance.models import ClinicDetails
from tests.html import soup, text_of

pytestmark = pytest.mark.django_db

PUBLIC = ["guidance:home", "guidance:causes", "guidance:contact", "exercises:list"]


def stored_phone() -> str:
    """Return the phone exactly as the database holds it."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT phone FROM guidance_clinicdetails")
        return cursor.fetchone()[0]


def clinic_form(clinic, **changes):
    data = {
        "name": clinic.name,
        "phone": "",
        "email": clinic.email,
        "address": clinic.address,
        "hours": clinic.hours,
        "cta_heading": clinic.cta_heading,
        "cta_body": clinic.cta_body,
    }
    return {**data, **changes}


def save_clinic(client, **changes):
    clinic = ClinicDetails.objects.get()
    url = reverse("admin:guidance_clinicdetails_change", args=[clinic.pk])
    return client.post(url, clinic_form(clinic, **changes))


def test_a_phone_with_an_extension_is_stored_normalised_and_dials_in_e164_with_it(
    editor_client, client
):
    assert save_clinic(editor_client, phone="631-555-0100 ext. 2").status_code == 302

    assert stored_phone() == "tel:+1-631-555-0100;ext=2"
    page = soup(client.get(reverse("guidance:contact")))
    call = page.main.select_one('a[href^="tel:+1"]')
    assert call["href"] == "tel:+16315550100;ext=2"
    assert call.get_text(strip=True) == "(631) 555-0100 ext. 2"
    footer_call = page.footer.select_one('a[href^="tel:+1"]')
    assert footer_call["href"] == "tel:+16315550100;ext=2"


@pytest.mark.parametrize("typed", ["631.555.0100", "(631) 555-0100", "+1 631 555 0100"])
def test_the_same_number_typed_in_any_usual_way_is_stored_the_same(editor_client, typed):
    save_clinic(editor_client, phone=typed)
    clinic = ClinicDetails.objects.get()
    assert clinic.phone_href == "tel:+16315550100"
    assert clinic.phone_display == "(631) 555-0100"


def test_text_that_is_not_a_phone_number_is_refused_with_a_clear_message_keeping_the_input(
    editor_client,
):
    response = save_clinic(
        editor_client,
        phone="abc",
        email="desk@example.org",
        cta_body="Call us for personalised support.",
    )

    assert response.status_code == 200
    page = soup(response)
    errors = page.select_one(".field-phone .errorlist").get_text(" ", strip=True)
    assert "not a phone number we can call" in errors
    assert "(631) 555-0100 ext. 2" in errors
    assert page.select_one("#id_phone")["value"] == "abc"
    assert page.select_one("#id_email")["value"] == "desk@example.org"
    assert page.select_one("#id_cta_body").get_text().strip() == "Call us for personalised support."
    assert ClinicDetails.objects.get().phone == ""


def test_a_local_number_is_read_in_the_region_the_settings_give(editor_client, client, settings):
    settings.PHONENUMBER_DEFAULT_REGION = "GB"
    assert save_clinic(editor_client, phone="020 7946 0958").status_code == 302

    clinic = ClinicDetails.objects.get()
    assert clinic.phone_href == "tel:+442079460958"
    assert clinic.phone_display == "020 7946 0958"


def test_a_number_abroad_is_shown_in_international_form(editor_client):
    save_clinic(editor_client, phone="+44 20 7946 0958")
    assert ClinicDetails.objects.get().phone_display == "+44 20 7946 0958"


def test_a_phone_saved_before_it_was_checked_is_normalised_by_the_migration_or_left_as_typed():
    migration = importlib.import_module("guidance.migrations.0006_clinic_phone_is_a_phone_number")
    with connection.cursor() as cursor:
        cursor.execute("UPDATE guidance_clinicdetails SET phone = %s", ["631-555-0100 ext. 2"])
    migration.normalise_phone(apps, None)
    assert stored_phone() == "tel:+1-631-555-0100;ext=2"

    with connection.cursor() as cursor:
        cursor.execute("UPDATE guidance_clinicdetails SET phone = %s", ["call the front desk"])
    migration.normalise_phone(apps, None)
    clinic = ClinicDetails.objects.get()
    assert clinic.phone.raw_input == "call the front desk"
    assert clinic.phone_href == ""
    assert "call the front desk" in clinic.reminder()


# --- A fresh site: the guide's fixtures give no phone, email or address ---------------------------


@pytest.mark.parametrize("url_name", PUBLIC)
def test_a_fresh_site_offers_no_call_button_and_no_dead_end(client, url_name):
    page = soup(client.get(reverse(url_name)))
    calls = [a["href"] for a in page.select('a[href^="tel:"]')]
    assert set(calls) == {"tel:911"}
    assert "will appear here soon" not in page.get_text()
    assert "How to reach" not in page.get_text()


def test_a_fresh_sites_contact_page_says_what_works_now(client):
    response = client.get(reverse("guidance:contact"))
    page = soup(response)
    text = text_of(response)
    assert "ask them to refer you to Long Island Neuroscience Specialists" in text
    assert page.main.find("a", href=reverse("guidance:checklist")) is not None
    assert page.main.select_one('a[href="tel:911"]') is not None
    assert page.select_one(".contact-details") is None


def test_a_fresh_sites_call_to_action_sends_patients_to_their_doctor_and_the_checklist(client):
    cta = soup(client.get(reverse("guidance:home"))).select_one(".cta")
    assert "ask your own doctor to refer you" in cta.get_text()
    assert [a["href"] for a in cta.find_all("a")] == [reverse("guidance:checklist")]


def test_once_the_clinic_has_an_email_the_call_to_action_links_to_how_to_reach_it(client):
    ClinicDetails.objects.update(email="desk@example.org")
    cta = soup(client.get(reverse("guidance:home"))).select_one(".cta")
    assert "Call us for personalized support" in cta.get_text()
    assert [a["href"] for a in cta.find_all("a")] == [reverse("guidance:contact")]
    contact = soup(client.get(reverse("guidance:contact")))
    assert contact.main.select_one('a[href="mailto:desk@example.org"]') is not None


def test_staff_see_a_reminder_on_the_admin_front_page_until_the_clinic_has_contact_details(
    editor_client,
):
    index = soup(editor_client.get(reverse("admin:index")))
    reminder = index.select_one(".clinic-reminder")
    assert "phone, email and address are empty" in reminder.get_text()
    clinic = ClinicDetails.objects.get()
    change_url = reverse("admin:guidance_clinicdetails_change", args=[clinic.pk])
    assert reminder.find("a")["href"] == change_url
    form = soup(editor_client.get(change_url))
    assert "phone, email and address are empty" in form.select_one(".clinic-reminder").get_text()

    save_clinic(editor_client, phone="(631) 555-0100")
    assert soup(editor_client.get(reverse("admin:index"))).select_one(".clinic-reminder") is None
    assert soup(editor_client.get(change_url)).select_one(".clinic-reminder") is None


def checked(*args) -> str:
    """Return what `manage.py check` with these arguments says (the test settings are not production's)."""
    output = io.StringIO()
    call_command("check", *args, "--fail-level", "CRITICAL", stdout=output, stderr=output)
    return output.getvalue()


def test_manage_py_check_warns_while_the_clinic_has_no_contact_details():
    (warning,) = clinic_details_check(databases=["default"])
    assert warning.id == "guidance.W001"
    assert "phone, email and address are empty" in warning.msg
    assert "guidance.W001" in checked("--database", "default")

    ClinicDetails.objects.update(phone="(631) 555-0100")
    assert clinic_details_check(databases=["default"]) == []
    assert "guidance.W001" not in checked("--database", "default")


def test_manage_py_check_warns_when_there_are_no_clinic_details_at_all():
    ClinicDetails.objects.all().delete()
    (warning,) = clinic_details_check(databases=["default"])
    assert warning.id == "guidance.W001"
    assert "have not been entered" in warning.msg


def test_a_deployment_check_never_reads_the_content():
    ClinicDetails.objects.all().delete()
    assert "guidance.W001" not in checked("--deploy")
    assert "guidance.W001" in checked("--deploy", "--database", "default")
