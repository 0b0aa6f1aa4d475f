import pytest
from django.contrib import admin
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from backcare.models import SeedRecord
from exercises.models import Exercise
from guidance.models import ClinicDetails, CombinationRule, GuideText, WarningSign
from tests.html import soup, text_of

pytestmark = pytest.mark.django_db

REGISTERED = [
    model for model in admin.site._registry if model._meta.app_label in ("exercises", "guidance")
]


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def test_every_guide_content_model_is_in_the_admin():
    names = {model.__name__ for model in REGISTERED}
    assert names == {
        "BodyArea",
        "Equipment",
        "Exercise",
        "Routine",
        "Cause",
        "AdviceChecklist",
        "HomeRemedy",
        "LifestyleChange",
        "PreventionTip",
        "SeekHelpSign",
        "GuideText",
        "ClinicDetails",
        "WarningSign",
        "CombinationRule",
        "RedFlag",
    }
    assert SeedRecord not in admin.site._registry


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model.__name__)
def test_an_editor_can_open_the_list_change_history_and_deleted_pages_of(editor_client, model):
    obj = model.objects.first()
    for url in (
        admin_url(model, "changelist"),
        admin_url(model, "change", obj.pk),
        admin_url(model, "history", obj.pk),
        admin_url(model, "deleted"),
    ):
        response = editor_client.get(url)
        assert response.status_code == 200, url
    change_page = editor_client.get(admin_url(model, "change", obj.pk)).content.decode()
    assert "View on site" in change_page
    assert "BackCare administration" in change_page


def recently_deleted_link(client, model):
    """Return the "Recently deleted" link on the model's list page, or None."""
    page = soup(client.get(admin_url(model, "changelist")))
    return page.select_one(".object-tools").find("a", string="Recently deleted")


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model.__name__)
def test_every_content_list_page_links_to_its_recently_deleted_page_for_an_editor(
    editor_client, model
):
    link = recently_deleted_link(editor_client, model)
    assert link is not None
    assert link["href"] == admin_url(model, "deleted")
    assert editor_client.get(link["href"]).status_code == 200


def test_a_superuser_sees_recently_deleted_on_the_list_page_too(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("boss", password="x" * 12))
    link = recently_deleted_link(client, Exercise)
    assert link["href"] == admin_url(Exercise, "deleted")


def test_a_staff_member_who_may_only_view_gets_no_recently_deleted_link(client, django_user_model):
    viewer = django_user_model.objects.create_user("viewer", password="x" * 12, is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_exercise"))
    client.force_login(viewer)
    assert recently_deleted_link(client, Exercise) is None
    assert client.get(admin_url(Exercise, "deleted")).status_code == 403


@pytest.mark.parametrize(
    "model",
    [model for model in REGISTERED if model not in (ClinicDetails, GuideText)],
    ids=lambda model: model.__name__,
)
def test_an_editor_can_open_the_add_page_of(editor_client, model):
    response = editor_client.get(admin_url(model, "add"))
    assert response.status_code == 200
    assert "Save and add another" in response.content.decode()


def test_a_second_clinic_cannot_be_added_and_the_clinic_cannot_be_deleted(editor_client):
    clinic = ClinicDetails.objects.get()
    assert editor_client.get(admin_url(ClinicDetails, "add")).status_code == 403
    assert editor_client.get(admin_url(ClinicDetails, "delete", clinic.pk)).status_code == 403


def test_a_guide_text_can_be_added_only_for_a_place_that_has_none(editor_client):
    assert editor_client.get(admin_url(GuideText, "add")).status_code == 403
    GuideText.objects.get(key="thanks").delete()
    assert editor_client.get(admin_url(GuideText, "add")).status_code == 200


def test_anonymous_user_is_sent_to_login_from_admin(client):
    response = client.get(admin_url(Exercise, "changelist"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_a_logged_in_user_who_is_not_staff_is_sent_to_login(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("patient", password="x" * 12))
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_an_editor_cannot_manage_users_or_groups(editor_client):
    assert editor_client.get(reverse("admin:auth_user_changelist")).status_code == 403
    assert editor_client.get(reverse("admin:auth_group_changelist")).status_code == 403
    assert editor_client.get(reverse("admin:auth_user_add")).status_code == 403
    index = editor_client.get(reverse("admin:index")).content.decode()
    assert "Exercises" in index
    assert "Users" not in index


def test_the_editors_group_may_edit_guide_content_and_nothing_else():
    permissions = Permission.objects.filter(group__name="Content editors")
    apps = set(permissions.values_list("content_type__app_label", flat=True))
    assert apps == {"exercises", "guidance", "backcare", "feedback"}
    # Of the site's own records, editors only read the clinical sign-off's: what waits, reviews.
    assert set(
        permissions.filter(content_type__app_label="backcare").values_list("codename", flat=True)
    ) == {"view_pendingchange", "view_review", "view_reviewerprofile"}
    # Of readers' feedback, editors see the counts only; the comments are for clinical reviewers.
    assert set(
        permissions.filter(content_type__app_label="feedback").values_list("codename", flat=True)
    ) == {"view_pagefeedback"}
    codenames = set(permissions.values_list("codename", flat=True))
    for action in ("add", "change", "delete", "view"):
        assert f"{action}_exercise" in codenames
        assert f"{action}_exercisestep" in codenames
        assert f"{action}_clinicdetails" in codenames
        assert f"{action}_combinationrule" in codenames
        assert f"{action}_redflag" in codenames
        assert f"{action}_routine" in codenames
        assert f"{action}_routineitem" in codenames
    assert "view_historicalexercise" in codenames
    assert "view_historicalredflag" in codenames
    assert "view_historicalcombinationrule" in codenames
    assert "change_historicalexercise" not in codenames
    assert not any("seedrecord" in codename for codename in codenames)
    assert Group.objects.filter(name="Content editors").count() == 1


def test_the_admin_loads_its_scripts_from_files_so_the_content_security_policy_allows_them(
    editor_client,
):
    response = editor_client.get(admin_url(Exercise, "change", Exercise.objects.first().pk))
    page = response.content.decode()
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    assert "admin/js/inlines.js" in page
    assert "admin/js/prepopulate_init.js" in page
    assert "admin/js/SelectFilter2.js" in page
    assert "<script>" not in page


def test_the_delete_page_says_in_plain_words_what_goes_and_where_to_bring_it_back(editor_client):
    exercise = Exercise.objects.get(slug="wall-angel")
    response = editor_client.get(admin_url(Exercise, "delete", exercise.pk))

    text = text_of(response)
    assert "Delete the exercise “Wall Angel”?" in text
    assert [li.get_text() for li in soup(response).select(".deleted-with-it li")] == [
        "2 steps",
        "2 poses",
        "1 exercise in the routine",
    ]
    assert "relationship" not in text.lower() and "object (" not in text
    back = soup(response).select_one(".delete-undo")
    assert "bring it back" in back.get_text()
    assert back.find("a", string="Recently deleted")["href"] == admin_url(Exercise, "deleted")


def test_deleting_several_from_the_list_is_asked_in_plain_words_too(editor_client):
    chosen = Exercise.objects.filter(slug__in=["wall-angel", "superman"])
    response = editor_client.post(
        admin_url(Exercise, "changelist"),
        {"action": "delete_selected", "_selected_action": [e.pk for e in chosen]},
    )

    text = text_of(response)
    assert "Delete these 2 exercises?" in text
    assert "relationship" not in text.lower() and "object (" not in text
    assert f"Deleted with them: {sum(e.steps.count() for e in chosen)} steps" in text
    assert "Recently deleted" in soup(response).select_one(".delete-undo").get_text()


def test_django_axes_is_called_login_lockouts_in_the_admin(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("boss", password="x" * 12))
    page = soup(client.get(reverse("admin:index")))
    headings = [caption.get_text(strip=True) for caption in page.select("#content-main caption")]
    assert "Login lockouts" in headings
    assert "Axes" not in headings


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model.__name__)
def test_staff_pages_name_no_files_or_rule_ids_of(editor_client, model):
    # A one-word id ("fever") is an ordinary word too; ids of several words are not.
    slugs = [*WarningSign.objects.values_list("slug", flat=True)]
    slugs += CombinationRule.objects.values_list("slug", flat=True)
    ids = {slug for slug in slugs if "-" in slug}
    for url in (
        admin_url(model, "changelist"),
        admin_url(model, "change", model.objects.first().pk),
    ):
        text = text_of(editor_client.get(url))
        assert "CLINICAL-SOURCES" not in text and ".md" not in text, url
        assert [rule for rule in ids if rule in text] == [], url
