import subprocess
import sys

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.urls import reverse

from guidance.models import (
    Cause,
    ClinicDetails,
    GuideText,
    HomeRemedy,
    LifestyleChange,
    PreventionTip,
    SeekHelpSign,
)
from tests.content import edit
from tests.html import soup, text_of

pytestmark = pytest.mark.django_db

SECTIONS = [
    ("guidance:causes", Cause, "Muscle strain"),
    ("guidance:remedies", HomeRemedy, "Heat and cold therapy"),
    ("guidance:lifestyle", LifestyleChange, "Improving posture"),
    ("guidance:prevention", PreventionTip, "Regular exercise"),
    ("guidance:seek_help", SeekHelpSign, "Persistent pain"),
]
PUBLIC_URLS = [
    reverse("guidance:home"),
    reverse("exercises:list"),
    reverse("exercises:detail", args=["wall-angel"]),
    *[reverse(name) for name, _, _ in SECTIONS],
    reverse("guidance:contact"),
]


@pytest.mark.parametrize(("url_name", "model", "first_title"), SECTIONS)
def test_each_guidance_page_shows_all_five_items_under_their_own_anchor(
    client, url_name, model, first_title
):
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    page = soup(response)
    items = list(model.objects.all())
    assert len(items) == 5 and items[0].title == first_title
    for item in items:
        section = page.find(id=item.slug)
        assert section is not None, item.slug
        assert section.h2.get_text(strip=True) == item.title
        assert " ".join(item.body.split()) in " ".join(section.get_text(" ").split())
    toc = [a["href"] for a in page.select("nav.toc a")]
    assert toc == [f"#{item.slug}" for item in items]


def test_a_guidance_page_with_no_items_shows_an_empty_state(client):
    PreventionTip.objects.all().delete()
    assert "nothing in this section yet" in text_of(client.get(reverse("guidance:prevention")))


def test_the_home_page_routes_into_every_section_and_calls_to_the_clinic(client):
    page = soup(client.get(reverse("guidance:home")))
    main_links = {a["href"] for a in page.main.find_all("a")}
    for name in (
        "exercises:list",
        "guidance:causes",
        "guidance:remedies",
        "guidance:lifestyle",
        "guidance:prevention",
        "guidance:seek_help",
    ):
        assert reverse(name) in main_links, name
    assert page.h1.get_text(strip=True).startswith(
        "20 Effective Exercises for Upper Back Pain Relief"
    )
    cta = page.select_one(".cta")
    assert "Long Island Neuroscience Specialists" in cta.get_text()
    assert "Your Journey to Relief" in page.main.get_text()
    assert "Final Thoughts" in page.main.get_text()


def test_the_clinics_phone_appears_as_a_call_link_once_staff_enter_it(client):
    assert soup(client.get(reverse("guidance:home"))).select_one('.cta a[href^="tel:"]') is None
    edit(ClinicDetails.objects.all(), phone="(631) 555-0100")
    page = soup(client.get(reverse("guidance:contact")))
    assert (
        page.select_one('main a[href="tel:+16315550100"]').get_text(strip=True) == "(631) 555-0100"
    )
    assert "(631) 555-0100" in page.footer.get_text()


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_every_page_has_one_h1_landmarks_a_skip_link_breadcrumbs_and_the_disclaimer(client, url):
    response = client.get(url)
    assert response.status_code == 200
    page = soup(response)
    assert len(page.find_all("h1")) == 1
    assert page.find("a", class_="skip-link")["href"] == "#main-content"
    assert page.find("main", id="main-content") is not None
    assert page.header is not None and page.footer is not None
    assert page.find("nav", attrs={"aria-label": "Main"}) is not None
    assert page.title.get_text().strip()
    assert page.find("meta", attrs={"name": "description"})["content"].strip()
    footer = " ".join(page.footer.get_text(" ").split())
    assert "general information, not a diagnosis" in footer and "911" in footer
    if url != reverse("guidance:home"):
        crumbs = page.find("nav", attrs={"aria-label": "Breadcrumb"})
        assert crumbs.find("a")["href"] == reverse("guidance:home")


def test_every_page_has_its_own_title_and_description(client):
    pages = [soup(client.get(url)) for url in PUBLIC_URLS]
    titles = [page.title.get_text() for page in pages]
    descriptions = [page.find("meta", attrs={"name": "description"})["content"] for page in pages]
    assert len(set(titles)) == len(titles)
    assert len(set(descriptions)) == len(descriptions)


def test_pages_load_nothing_from_another_origin(client):
    for url in PUBLIC_URLS:
        page = soup(client.get(url))
        for tag in page.find_all(["link", "script", "img"]):
            # A canonical link names the page; a JSON-LD script is data: neither loads anything.
            if tag.get("rel") == ["canonical"] or tag.get("type") == "application/ld+json":
                continue
            source = tag.get("href") or tag.get("src") or ""
            assert source.startswith("/"), (url, source)


def test_an_unknown_page_is_a_styled_404_that_leads_home(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    page = soup(response)
    assert page.h1.get_text(strip=True) == "Page not found"
    assert page.find("a", href=reverse("guidance:home")) is not None


def test_a_server_error_shows_the_styled_500_page_with_the_configured_emergency_number(settings):
    from django.test import RequestFactory

    from backcare.views import server_error

    settings.EMERGENCY_NUMBER = "999"
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    page = BeautifulSoup(response.content.decode(), "lxml")
    assert page.h1.get_text(strip=True) == "Sorry, something went wrong"
    assert page.main.select_one('a[href="tel:999"]').get_text(strip=True) == "999"
    assert "911" not in page.get_text()


@pytest.mark.parametrize(
    ("url_name", "most"),
    # The content version and the clinic's details, then the page's own: framing texts, items, the
    # exercise count and the ready-made routines on the home page. The review line adds the
    # content types, the reviews in one query and each kind of item's history (what changed).
    [("guidance:home", 5 + 3), ("guidance:causes", 4 + 5), ("guidance:contact", 2)],
)
def test_guidance_pages_use_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, url_name, most
):
    with django_assert_max_num_queries(most):
        client.get(reverse(url_name))


def test_sitemap_and_robots_list_the_public_pages(client):
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/exercises/wall-angel/" in sitemap and "/causes/" in sitemap
    assert "Sitemap:" in client.get("/robots.txt").content.decode()


def test_production_refuses_to_start_without_a_secret_key(production_env):
    env = production_env()
    del env["DJANGO_SECRET_KEY"]
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


@pytest.mark.parametrize(
    ("url", "current"),
    [
        (reverse("exercises:list"), "Exercises"),
        (reverse("exercises:detail", args=["wall-angel"]), "Exercises"),
        (reverse("guidance:causes"), "Why it hurts"),
        (reverse("guidance:checklist"), "When to see a doctor"),
        (reverse("guidance:contact"), "Contact"),
        (reverse("guidance:home"), None),
    ],
)
def test_the_main_navigation_marks_the_section_the_patient_is_in(client, url, current):
    nav = soup(client.get(url)).find("nav", attrs={"aria-label": "Main"})
    marked = [a.get_text(strip=True) for a in nav.select("a[aria-current=page]")]
    assert marked == ([current] if current else [])


def exercises_card(client) -> str:
    page = soup(client.get(reverse("guidance:home")))
    card = page.find("a", href=reverse("exercises:list"), class_="stretched-link")
    return " ".join(card.find_parent("article").get_text(" ").split())


def test_the_home_pages_exercise_card_counts_the_published_exercises(client):
    from exercises.models import Exercise

    assert exercises_card(client).startswith("Exercises 20 gentle exercises for the neck")
    edit(
        Exercise.objects.filter(slug__in=["superman", "wall-angel", "neck-roll"]),
        is_published=False,
    )
    assert exercises_card(client).startswith("Exercises 17 gentle exercises for the neck")
    edit(Exercise.objects.exclude(slug="superman"), is_published=False)
    edit(Exercise.objects.filter(slug="superman"), is_published=True)
    assert exercises_card(client).startswith("Exercises 1 gentle exercise for the neck")


def test_the_home_page_opens_with_the_guide_and_keeps_the_articles_recap_for_its_foot(client):
    page = soup(client.get(reverse("guidance:home")))
    main = " ".join(page.main.get_text(" ").split())
    recap = main.index("This guide has provided insights")
    assert main.index("Where to start") < recap
    assert main.index("Your Journey to Relief") < recap
    assert main.index("Final Thoughts") < recap
    assert recap < main.index("Ready for Expert Help?")


@pytest.mark.parametrize(
    ("key", "url_name"),
    [
        ("introduction", "guidance:home"),
        ("causes", "guidance:causes"),
        ("remedies", "guidance:remedies"),
        ("lifestyle", "guidance:lifestyle"),
        ("seek-help", "guidance:seek_help"),
        ("prevention", "guidance:prevention"),
        ("summary", "guidance:home"),
        ("journey", "guidance:home"),
        ("final-thoughts", "guidance:home"),
    ],
)
def test_a_guide_texts_title_edited_in_the_admin_shows_as_a_heading_on_its_page(
    editor_client, client, key, url_name
):
    text = GuideText.objects.get(key=key)
    form = soup(editor_client.get(reverse("admin:guidance_guidetext_change", args=[text.pk])))
    assert "heading" in form.select_one("#id_title_helptext").get_text()
    response = editor_client.post(
        reverse("admin:guidance_guidetext_change", args=[text.pk]),
        {"title": "A heading the editor chose", "body": text.body},
    )
    assert response.status_code == 302
    headings = [
        h.get_text(strip=True) for h in soup(client.get(reverse(url_name))).select("h1, h2")
    ]
    assert "A heading the editor chose" in headings


@pytest.mark.parametrize("key", ["seek-help-summary", "thanks"])
def test_a_one_line_guide_text_with_no_heading_on_its_page_offers_no_title(editor_client, key):
    text = GuideText.objects.get(key=key)
    form = soup(editor_client.get(reverse("admin:guidance_guidetext_change", args=[text.pk])))
    assert form.select_one("#id_title") is None
    assert form.select_one("#id_body") is not None


def test_an_empty_section_title_falls_back_to_the_sections_own_heading(client):
    GuideText.objects.filter(key="causes").update(title="")
    assert soup(client.get(reverse("guidance:causes"))).h1.get_text(strip=True) == (
        "Why your upper back hurts"
    )
