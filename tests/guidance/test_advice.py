"""Advice pages worth reading: the article's words, then what to do, Do / Don't, and the source."""

import datetime

import pytest
from django.urls import reverse

from backcare.loading import load_guide
from backcare.models import SeedRecord
from guidance.models import AdviceChecklist, Cause, HomeRemedy, LifestyleChange, PreventionTip
from tests.content import edit
from tests.html import soup, text_of
from tests.loading import loaded_by_an_older_loader

pytestmark = pytest.mark.django_db

ADVICE_SECTIONS = [
    ("guidance:causes", Cause),
    ("guidance:remedies", HomeRemedy),
    ("guidance:lifestyle", LifestyleChange),
    ("guidance:prevention", PreventionTip),
]


def words(tag) -> str:
    return " ".join(tag.get_text(" ").split())


@pytest.mark.parametrize(("url_name", "model"), ADVICE_SECTIONS)
def test_every_item_keeps_the_articles_words_and_adds_what_to_do_with_its_source(
    client, url_name, model
):
    page = soup(client.get(reverse(url_name)))
    for item in model.objects.all():
        section = page.find(id=item.slug)
        text = words(section)
        assert " ".join(item.body.split()) in text
        paragraphs = [p.get_text() for p in section.select(".guide-item__more p")]
        assert len(paragraphs) >= 2, item.slug
        assert f"Source: {item.source}." in text
        # The date its source was checked; a clinician's review is the page's own review line.
        assert "Source checked 27 November 2026." in text
        assert [li.get_text() for li in section.select(".do-dont__do li")] == item.do_list
        assert [li.get_text() for li in section.select(".do-dont__dont li")] == item.dont_list
        assert section.select_one(".do-dont__do h3").get_text() == "Do"


def test_heat_and_cold_says_how_long_and_how_to_protect_the_skin(client):
    section = soup(client.get(reverse("guidance:remedies"))).find(id="heat-and-cold-therapy")
    text = words(section)
    assert "up to 20 minutes at a time" in text
    assert "wrap the pack in a towel" in text.lower()
    assert "Don’t put ice or a heat pack straight on your skin" in text


def test_pain_relief_says_who_should_ask_a_pharmacist_first(client):
    text = words(
        soup(client.get(reverse("guidance:remedies"))).find(id="over-the-counter-medication")
    )
    assert "Ask a pharmacist or doctor first if you are pregnant or breastfeeding" in text
    assert "Don’t take two products that have the same medicine in them" in text


def test_the_desk_set_up_checklist_shows_with_the_three_items_about_a_desk(client):
    shown = []
    for url_name, _model in ADVICE_SECTIONS:
        page = soup(client.get(reverse(url_name)))
        for box in page.select(".advice-checklist"):
            shown.append(box.find_parent(class_="guide-item")["id"])
            assert len(box.select("li")) == 10
    assert shown == ["poor-posture", "ergonomic-adjustments", "ergonomic-workspaces"]


def test_a_checklist_made_a_draft_disappears_from_the_pages(client):
    AdviceChecklist.objects.update(is_published=False)
    assert not soup(client.get(reverse("guidance:remedies"))).select(".advice-checklist")


def test_source_links_go_only_to_the_nhs_pages_named_and_open_nothing_on_load(client):
    page = soup(client.get(reverse("guidance:causes")))
    links = {a["href"] for a in page.select(".guide-item__source a")}
    assert links == {
        "https://www.nhs.uk/conditions/back-pain/",
        "https://www.nhs.uk/conditions/neck-pain/",
    }


def test_an_item_with_no_added_text_shows_only_the_articles_words(client):
    Cause.objects.filter(slug="stress").update(more="", do="", dont="", checklist=None)
    section = soup(client.get(reverse("guidance:causes"))).find(id="stress")
    assert not section.select(".do-dont, .guide-item__more, .guide-item__source")


def test_the_admin_marks_the_added_text_for_the_clinic_to_review(editor_client):
    cause = Cause.objects.get(slug="muscle-strain")
    page = editor_client.get(reverse("admin:guidance_cause_change", args=[cause.pk]))
    text = text_of(page)
    assert "Added to the article — for the clinic to review" in text
    assert "not part of the clinic's article" in text
    listing = soup(editor_client.get(reverse("admin:guidance_cause_changelist")))
    assert "added to the article" in listing.select_one("#result_list thead").get_text().lower()


def test_a_database_loaded_before_the_advice_gets_it_where_staff_never_saved_the_row():
    # As an older load_guide left it: loaded before the advice existed, no checklist yet.
    SeedRecord.objects.filter(model="guidance.advicechecklist").delete()
    AdviceChecklist.objects.all().delete()
    no_advice = {
        "summary": "",
        "more": "",
        "do": "",
        "dont": "",
        "source": "",
        "source_urls": "",
        "reviewed_on": None,
        "checklist": None,
    }
    for cause in Cause.objects.all():
        loaded_by_an_older_loader(cause, **no_advice)
    edit(Cause.objects.filter(slug="stress"), body="Written by the clinic.")

    load_guide()

    strain = Cause.objects.get(slug="muscle-strain")
    assert strain.more.startswith("A strained muscle usually gets better on its own")
    assert strain.reviewed_on == datetime.date(2026, 11, 27)
    assert Cause.objects.get(slug="poor-posture").checklist.title == "Desk set-up checklist"
    # Staff saved it: nothing proves its empty advice is what the loader left, so it stays so.
    stress = Cause.objects.get(slug="stress")
    assert (stress.body, stress.more, stress.do) == ("Written by the clinic.", "", "")
