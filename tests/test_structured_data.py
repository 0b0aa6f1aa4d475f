"""Findable: every public page has a canonical address, link-preview tags and schema.org JSON-LD
that parses, says what the page is, and uses only properties schema.org defines for each type."""

import json

import pytest
from django.urls import reverse

from exercises.models import Exercise
from guidance.models import Cause, ClinicDetails
from tests.browser.pages import public_pages
from tests.html import soup

pytestmark = pytest.mark.django_db

THING = {"@type", "@id", "name", "description", "url", "image", "mainEntityOfPage"}
CREATIVE_WORK = THING | {"about", "inLanguage", "publisher", "isPartOf", "mainEntity", "hasPart"}
WEB_PAGE = CREATIVE_WORK | {"breadcrumb", "lastReviewed", "reviewedBy", "specialty"}
ITEM_LIST = THING | {"itemListElement", "numberOfItems", "itemListOrder"}
# The properties schema.org defines for each type we write (with those it inherits).
VOCABULARY = {
    "WebPage": WEB_PAGE,
    "MedicalWebPage": WEB_PAGE | {"medicalAudience"},
    "CollectionPage": WEB_PAGE,
    "SearchResultsPage": WEB_PAGE,
    "ContactPage": WEB_PAGE,
    "WebSite": CREATIVE_WORK | {"potentialAction"},
    "SearchAction": THING | {"target", "query-input"},
    "EntryPoint": THING | {"urlTemplate"},
    "HowTo": CREATIVE_WORK | {"step", "tool", "supply", "totalTime", "performTime", "yield"},
    "HowToStep": CREATIVE_WORK | {"position", "text", "itemListElement"},
    "HowToTool": THING | {"requiredQuantity"},
    "ItemList": ITEM_LIST,
    "BreadcrumbList": ITEM_LIST,
    "ListItem": THING | {"position", "item", "nextItem", "previousItem"},
    "ExercisePlan": CREATIVE_WORK
    | {"activityDuration", "activityFrequency", "exerciseType", "intensity", "repetitions"}
    | {"restPeriods", "workload", "additionalVariable"},
    "MedicalClinic": THING | {"telephone", "email", "address", "medicalSpecialty", "openingHours"},
    "PostalAddress": THING | {"streetAddress", "addressLocality", "addressRegion", "postalCode"},
    "MedicalCondition": THING,
    "MedicalAudience": THING | {"audienceType"},
}
# What each public page is, by the id it has in the browser checks.
PAGE_TYPES = {
    "home": "MedicalWebPage",
    "exercise-list": "CollectionPage",
    "exercise-": "HowTo",
    "routine-print": "WebPage",
    "routine": "WebPage",
    "ready-made-routines": "CollectionPage",
    "ready-made-": "WebPage",
    "search": "SearchResultsPage",
    "contact": "ContactPage",
    "checklist": "MedicalWebPage",
    "causes": "MedicalWebPage",
    "home-remedies": "MedicalWebPage",
    "lifestyle": "MedicalWebPage",
    "prevention": "MedicalWebPage",
    "when-to-seek-help": "MedicalWebPage",
}
PAGES = [page for page in public_pages() if page.status == 200]


def expected_type(page_id: str) -> str:
    # The longest matching prefix decides ("exercise-list" before "exercise-").
    prefix = max((p for p in PAGE_TYPES if page_id.startswith(p)), key=len)
    return PAGE_TYPES[prefix]


def visit(client, page):
    """Open the page as a browser would: a GET, then each step's answers with the form's hidden fields."""
    response = client.get(page.path, follow=True)  # as a browser follows a search to its address
    steps = [] if page.submit is None else page.submit
    for answers in steps if isinstance(steps, list) else [steps]:
        form = soup(response).select_one("main form")
        hidden = {
            field["name"]: field.get("value", "") for field in form.select("input[type=hidden]")
        }
        # Step 1 with nothing ticked leads on to step 2's own page, as a browser follows it.
        response = client.post(page.path, {**hidden, **answers}, follow=True)
    return response


def json_ld(response) -> dict:
    scripts = soup(response).select('script[type="application/ld+json"]')
    assert len(scripts) == 1
    return json.loads(scripts[0].string)


def misfits(node, path="") -> list[str]:
    """Return every property a node (or a node inside it) uses that its type does not have."""
    found = []
    if isinstance(node, list):
        for index, item in enumerate(node):
            found += misfits(item, f"{path}[{index}]")
    elif isinstance(node, dict):
        kind = node.get("@type")
        if kind is not None:
            allowed = VOCABULARY.get(kind)
            if allowed is None:
                return [f"{path}: unknown type {kind}"]
            found += [f"{path}.{key} on {kind}" for key in node if key not in allowed]
        for key, value in node.items():
            found += misfits(value, f"{path}.{key}")
    return found


@pytest.mark.parametrize("page", PAGES, ids=str)
def test_every_public_pages_json_ld_parses_says_what_the_page_is_and_fits_schema_org(client, page):
    response = visit(client, page)
    assert response.status_code == 200
    data = json_ld(response)
    assert data["@context"] == "https://schema.org"
    nodes = data["@graph"]
    assert nodes[0]["@type"] == expected_type(page.id)
    assert nodes[0]["name"] and nodes[0]["url"].startswith("http://testserver/")
    types = [node["@type"] for node in nodes]
    assert {"BreadcrumbList", "WebSite", "MedicalClinic"} <= set(types)
    assert misfits(nodes) == []


@pytest.mark.parametrize("page", [p for p in PAGES if p.submit is None], ids=str)
def test_every_public_page_has_a_canonical_address_and_link_preview_tags(client, page):
    html = soup(client.get(page.path, follow=True))
    canonical = html.find("link", rel="canonical")["href"]
    assert canonical.startswith("http://testserver/") and "#" not in canonical
    meta = {
        tag.get("property") or tag.get("name"): tag["content"]
        for tag in html.find_all("meta")
        if tag.get("property", "").startswith("og:") or tag.get("name", "").startswith("twitter:")
    }
    title = html.title.get_text().removesuffix(" · BackCare")
    assert meta["og:url"] == canonical
    assert meta["og:title"] == meta["twitter:title"] == title
    assert meta["og:description"] == html.find("meta", attrs={"name": "description"})["content"]
    assert meta["og:image"] == "http://testserver/static/img/share.png"
    assert meta["twitter:card"] == "summary_large_image"


def test_the_breadcrumb_trail_matches_the_one_on_the_page(client):
    response = client.get(reverse("exercises:routine_detail", args=["morning-mobility"]))
    trail = next(n for n in json_ld(response)["@graph"] if n["@type"] == "BreadcrumbList")
    assert [(e["position"], e["name"]) for e in trail["itemListElement"]] == [
        (1, "Home"),
        (2, "Exercises"),
        (3, "Ready-made routines"),
        (4, "Morning mobility"),
    ]
    assert trail["itemListElement"][-1]["item"] == (
        "http://testserver/exercises/routines/morning-mobility/"
    )


def test_an_exercise_is_a_how_to_with_its_steps_and_equipment(client):
    exercise = Exercise.objects.get(slug="thoracic-extension")
    how_to = json_ld(client.get(exercise.get_absolute_url()))["@graph"][0]
    assert [step["text"] for step in how_to["step"]] == [s.text for s in exercise.steps.all()]
    assert [tool["name"] for tool in how_to["tool"]] == ["Chair", "Foam roller"]
    assert how_to["totalTime"] == "PT1M"


def test_a_routine_lists_its_exercises_as_exercise_plans_with_their_doses(client):
    response = client.get(reverse("exercises:routine"), {"do": "resistance-band-row:2x12.3/w"})
    (plan,) = [e["item"] for e in json_ld(response)["@graph"][0]["mainEntity"]["itemListElement"]]
    assert plan["@type"] == "ExercisePlan"
    assert plan["repetitions"] == 12 and plan["activityFrequency"] == "3 days a week"
    assert plan["exerciseType"] == "Strength"


def test_the_clinic_is_a_medical_clinic_with_its_phone_once_staff_enter_it(client):
    ClinicDetails.objects.update(phone="(631) 555-0100", address="1 Main Street\nSmithtown, NY")
    nodes = json_ld(client.get(reverse("guidance:contact")))["@graph"]
    clinic = next(n for n in nodes if n["@type"] == "MedicalClinic")
    assert clinic["name"] == "Long Island Neuroscience Specialists"
    assert clinic["telephone"] == "+1 631-555-0100"
    assert clinic["address"]["streetAddress"] == "1 Main Street, Smithtown, NY"
    assert nodes[0]["mainEntity"] == {"@id": clinic["@id"]}


def test_a_guide_page_says_when_its_advice_was_last_reviewed(client):
    page = json_ld(client.get(reverse("guidance:remedies")))["@graph"][0]
    assert page["lastReviewed"] == "2026-11-27"
    assert page["about"] == {"@type": "MedicalCondition", "name": "Upper back pain"}


def test_text_from_the_database_cannot_break_out_of_the_json_ld(client):
    sneaky = "Strain </script><script>alert(1)</script> & <!-- more"
    Cause.objects.filter(slug="muscle-strain").update(title=sneaky)
    Exercise.objects.filter(slug="wall-angel").update(name=sneaky)
    for url in (reverse("exercises:list"), reverse("exercises:detail", args=["wall-angel"])):
        html = client.get(url).content.decode()
        block = html.split('<script type="application/ld+json">')[1].split("</script>")[0]
        assert "<" not in block and ">" not in block
        assert sneaky in json.dumps(json.loads(block), ensure_ascii=False)


def test_a_personal_routine_is_not_indexed_but_points_to_its_own_tidy_address(client):
    html = soup(client.get(reverse("exercises:routine"), {"do": "wall-angel,nonsense"}))
    assert html.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    canonical = html.find("link", rel="canonical")["href"]
    assert canonical == "http://testserver/exercises/routine/?do=wall-angel:10.1/d"
    assert (
        soup(client.get(reverse("exercises:routine"))).find("meta", attrs={"name": "robots"})
        is None
    )


def test_the_sitemap_lists_the_routines_and_robots_txt_points_to_it(client):
    sitemap = client.get(reverse("sitemap")).content.decode()
    for url in (
        reverse("exercises:routines"),
        reverse("exercises:routine"),
        reverse("exercises:routine_detail", args=["5-minutes-at-your-desk"]),
        reverse("exercises:routine_detail", args=["strength-three-times-a-week"]),
    ):
        assert f"<loc>http://testserver{url}</loc>" in sitemap
    assert "routine/print" not in sitemap and "search" not in sitemap
    robots = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in robots
