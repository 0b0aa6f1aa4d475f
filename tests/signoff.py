"""Helpers for the clinical sign-off's tests: reviewers, and admin forms posted as a browser would."""

from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from backcare.models import ReviewerProfile
from backcare.signoff import REVIEWERS


def make_reviewer(django_user_model, username="reviewer", name="Jane Doe", credentials="MD"):
    """Make a clinical reviewer who can also edit the guide, with a public name."""
    user = django_user_model.objects.create_user(
        username=username, password="a-long-reviewer-password", is_staff=True
    )
    user.groups.add(Group.objects.get(name=REVIEWERS), Group.objects.get(name="Content editors"))
    ReviewerProfile.objects.create(user=user, public_name=name, credentials=credentials)
    return user


def logged_in(user) -> Client:
    """Return a browser logged in as this staff user, separate from the anonymous `client`."""
    client = Client()
    client.force_login(user)
    # As staff do after logging in: any admin page marks this browser as staff's (no page cache).
    # Its smallest page does: the admin's index costs about 50 ms a test, in some 200 tests.
    response = client.get(reverse("admin:jsi18n"))
    assert settings.BACKCARE_STAFF_COOKIE in response.cookies
    return client


def form_values(response, form_id: str | None = None) -> dict:
    """Return what the page's change form would post as it stands, field by field."""
    page = BeautifulSoup(response.content, "lxml")
    # An admin change form's id is the model's name and "_form", e.g. "warningsign_form".
    form = page.find("form", id=form_id or (lambda value: bool(value) and value.endswith("_form")))
    data: dict = {}
    for field in form.find_all(["input", "select", "textarea"]):
        name = field.get("name")
        if not name or field.get("type") in ("submit", "button", "file"):
            continue
        if field.name == "textarea":
            data[name] = field.text.removeprefix("\n")
        elif field.name == "select":
            chosen = [option.get("value", "") for option in field.find_all("option", selected=True)]
            if field.has_attr("multiple"):
                data[name] = chosen
            elif chosen:
                data[name] = chosen[0]
            else:
                first = field.find("option")
                data[name] = first.get("value", "") if first else ""
        elif field.get("type") in ("checkbox", "radio"):
            if field.has_attr("checked"):
                data.setdefault(name, []).append(field.get("value", "on"))
        else:
            data[name] = field.get("value", "")
    return data


def post_change(client, url: str, **changes):
    """Open an admin change form, change some fields and save it."""
    data = form_values(client.get(url))
    data.update(changes)
    data["_save"] = "Save"
    return client.post(url, data)
