"""The service worker and the web app manifest (issue 21, point 6), as the server sends them."""

import json
import re

import pytest
from django.urls import reverse

from backcare.cache import bump_content_version, read_content_version
from exercises.models import Exercise

pytestmark = pytest.mark.django_db

WORKER = reverse("service_worker")


def worker_constant(body: str, name: str):
    return json.loads(re.search(rf"^const {name} = (.+);$", body, re.MULTILINE).group(1))


def test_the_worker_is_served_from_the_site_root_and_never_kept_in_a_cache(client):
    response = client.get(WORKER)
    assert WORKER == "/service-worker.js"
    assert response["Content-Type"] == "text/javascript; charset=utf-8"
    assert "no-cache" in response["Cache-Control"] and "max-age=0" in response["Cache-Control"]
    # Django's CSP: the worker runs with no script from anywhere but the site.
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert not response.cookies


def test_a_content_update_gives_the_worker_a_new_cache_for_the_next_visit(client):
    before = client.get(WORKER).content.decode()
    assert read_content_version() in worker_constant(before, "VERSION")
    exercise = Exercise.objects.get(slug="wall-angel")
    exercise.summary += " Updated."
    exercise.save()
    after = client.get(WORKER).content.decode()
    assert worker_constant(after, "VERSION") != worker_constant(before, "VERSION")
    assert read_content_version() in worker_constant(after, "VERSION")
    bump_content_version()
    assert client.get(WORKER).content.decode() != after


def test_the_worker_keeps_the_guides_pages_but_never_the_checklist_admin_or_search(client):
    body = client.get(WORKER).content.decode()
    precache = worker_constant(body, "PRECACHE")
    never = worker_constant(body, "NEVER")
    checklist = reverse("guidance:checklist")
    assert {reverse("guidance:home"), reverse("guidance:causes"), reverse("exercises:list")} <= set(
        precache
    )
    assert [path for path in precache if path.startswith(checklist)] == []
    assert reverse("guidance:checklist_other_signs").startswith(checklist)
    assert set(never) == {checklist, reverse("search"), reverse("admin:index")}
    # Only this site's own addresses.
    assert all(path.startswith("/") and not path.startswith("//") for path in precache)


def test_every_page_offers_the_manifest_and_the_worker(client):
    page = client.get(reverse("guidance:home")).content.decode()
    assert f'href="{reverse("manifest")}"' in page
    assert f'data-worker="{WORKER}"' in page


def test_the_manifest_names_the_site_and_its_own_icons(client):
    response = client.get(reverse("manifest"))
    assert response["Content-Type"] == "application/manifest+json"
    data = json.loads(response.content)
    assert data["short_name"] == "BackCare" and data["start_url"] == "/"
    assert {icon["sizes"] for icon in data["icons"]} == {"any", "192x192", "512x512"}
    assert all(icon["src"].startswith("/static/img/icon") for icon in data["icons"])


def test_pages_rendered_for_staff_are_private_so_the_worker_never_keeps_a_draft(
    client, editor_client
):
    home = reverse("guidance:home")
    assert "private" in editor_client.get(home)["Cache-Control"]
    assert "private" not in client.get(home).get("Cache-Control", "")
