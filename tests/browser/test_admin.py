"""The admin as an editor sees it in a desktop browser."""

import io

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from PIL import Image, ImageDraw

from exercises.models import Exercise

from .reports import axe_violations

DESKTOP = {"width": 1280, "height": 900}
PASSWORD = "a-long-admin-password"


@pytest.fixture
def admin_tab(tab, committed_edits, django_user_model):
    """Log a superuser in through the admin's login form, on a 1280 px wide screen."""
    django_user_model.objects.create_superuser("admin", password=PASSWORD)
    tab.page.set_viewport_size(DESKTOP)
    tab.open(reverse("admin:login"))
    tab.page.fill("#id_username", "admin")
    tab.page.fill("#id_password", PASSWORD)
    with tab.page.expect_navigation():
        tab.page.click("[type=submit]")
    return tab


def test_each_step_text_box_is_wide_enough_to_show_the_whole_step_at_1280px(admin_tab):
    exercise = Exercise.objects.get(slug="neck-roll")
    admin_tab.open(reverse("admin:exercises_exercise_change", args=[exercise.pk]))

    boxes = admin_tab.page.locator(".inline-group td.field-text textarea")
    sizes = boxes.evaluate_all(
        "boxes => boxes.filter(b => b.value).map(b => [b.value, b.clientWidth, b.scrollWidth,"
        " b.clientHeight, b.scrollHeight])"
    )
    assert len(sizes) == exercise.steps.count() == 2
    for text, width, needed_width, height, needed_height in sizes:
        assert needed_width <= width, f"{text!r} needs {needed_width} px but its box shows {width}"
        assert needed_height <= height, f"{text!r} needs {needed_height} px of height, has {height}"


def test_an_editor_uploads_a_photo_and_the_exercise_page_leads_with_it(admin_tab):
    exercise = Exercise.objects.get(slug="wall-angel")
    admin_tab.open(reverse("admin:exercises_exercise_change", args=[exercise.pk]))
    admin_tab.page.get_by_role("button", name="Add another Photo").click()
    admin_tab.page.set_input_files(
        "#id_photos-0-upload",
        {"name": "wall.jpg", "mimeType": "image/jpeg", "buffer": camera_photo()},
    )
    admin_tab.page.fill("#id_photos-0-alt_text", "A man standing against a wall, arms in a W.")
    with admin_tab.page.expect_navigation():
        admin_tab.page.get_by_role("button", name="Save and continue editing").click()
    assert admin_tab.page.locator(".field-thumbnail img").is_visible()
    admin_tab.page.get_by_role("link", name="History").click()
    newest = admin_tab.page.locator("#change-history tbody tr").first
    assert "Photo 1: added “A man standing against a wall, arms in a W.”" in newest.inner_text()

    admin_tab.page.context.clear_cookies()
    admin_tab.page.set_viewport_size({"width": 375, "height": 812})
    admin_tab.open(exercise.get_absolute_url())
    photo = admin_tab.page.locator(".exercise-photo img")
    photo.evaluate("img => img.decode()")
    # A phone's screen (351 px of page, 1x) gets the 640 px WebP, not the JPEG fallback.
    assert photo.evaluate("img => img.currentSrc").endswith("/w640.webp")
    box = photo.bounding_box()
    assert box["width"] == 351 and box["y"] < 812
    first_picture = admin_tab.page.locator(".exercise-pictures > *").first
    assert first_picture.get_attribute("class") == "exercise-photo"
    assert axe_violations(admin_tab.page) == []
    assert admin_tab.failed_responses == []


def test_the_exercise_edit_page_leads_with_words_steps_dose_and_photos_and_folds_the_figure(
    admin_tab,
):
    exercise = Exercise.objects.get(slug="wall-angel")
    admin_tab.open(reverse("admin:exercises_exercise_change", args=[exercise.pk]))
    page = admin_tab.page

    headings = page.locator("#exercise_form h2").all_inner_texts()
    order = [h.strip().lower() for h in headings if h.strip()]
    assert order[:4] == [
        "what it says",
        "steps",
        "how many, how long, how often",
        "photos (shown before the figure; a deleted one can be restored from the history)",
    ]
    # The steps start on the first screen; the whole form is far shorter than 6,926 px.
    assert page.locator(".inline-group", has_text="Step").first.bounding_box()["y"] < 900
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < 4600, height
    controls = page.locator("#exercise_form :is(input:not([type=hidden]), select, textarea)")
    visible = controls.evaluate_all("els => els.filter(e => e.checkVisibility()).length")
    # 93 before the figure's angles and arrows were folded; the steps' origin and the article's
    # words (adapted steps) and the dose's sign-off add a few since.
    assert visible < 60, visible

    # The angles are in folded groups, one per body part, opened on demand.
    raise_box = page.locator("#id_poses-1-r_arm_raise")
    assert not raise_box.is_visible()
    page.locator("#poses-1 summary", has_text="Right arm").click()
    assert raise_box.is_visible() and raise_box.input_value() == "145"

    # An arrow is a menu, not JSON: make the left hand's path a circle and save.
    assert page.locator("#exercise_form textarea[name$=arrows]").count() == 0
    page.locator("#poses-1 summary", has_text="Arrow 2").click()
    assert page.locator("#id_poses-1-arrow2_joint").input_value() == "l_hand"
    page.select_option("#id_poses-1-arrow2_type", label="Circle round the joint")
    page.select_option("#id_poses-1-arrow2_direction", label="Anticlockwise")
    with page.expect_navigation():
        page.get_by_role("button", name="Save and continue editing").click()
    assert exercise.poses.get(order=2).arrows[1] == {
        "type": "circle",
        "joint": "l_hand",
        "direction": "anticlockwise",
    }
    # Django's table of steps labels its boxes by column heading only (axe wants a label each).
    assert [v for v in axe_violations(page) if "#id_steps-" not in v] == []


def test_deleting_an_exercise_says_what_goes_and_it_comes_back_from_recently_deleted(admin_tab):
    exercise = Exercise.objects.get(slug="superman")
    admin_tab.open(reverse("admin:exercises_exercise_delete", args=[exercise.pk]))
    page = admin_tab.page
    text = page.locator("#content").inner_text()
    assert "Delete the exercise “Superman”?" in text
    assert "relationship" not in text.lower() and "object (" not in text
    with page.expect_navigation():
        page.get_by_role("button", name="Yes, delete it").click()

    admin_tab.open(reverse("admin:exercises_exercise_deleted"))
    page.get_by_role("link", name="Superman").click()
    page.locator("#change-history tbody tr a").first.click()
    intro = page.locator(".history-version-intro").inner_text()
    assert "m.." not in intro
    with page.expect_navigation():
        page.get_by_role("button", name="Revert").click()
    message = page.locator(".messagelist").inner_text()
    assert "was restored" in message and "m.." not in message
    assert Exercise.objects.filter(slug="superman").exists()


def camera_photo() -> bytes:
    """A 1600 x 1200 JPEG with some detail, as a phone might take."""
    image = Image.new("RGB", (1600, 1200), (220, 225, 228))
    draw = ImageDraw.Draw(image)
    draw.rectangle((600, 200, 1000, 1150), fill=(40, 40, 50))
    draw.ellipse((720, 60, 880, 220), fill=(40, 40, 50))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def test_the_sites_own_admin_pages_show_the_breadcrumb_bar_every_admin_page_has(admin_tab):
    # A staff QA pass: on these pages the breadcrumbs sat at the left edge with no dark bar.
    def bar(url):
        admin_tab.open(url)
        crumbs = admin_tab.page.locator(".breadcrumbs").first
        return crumbs.evaluate(
            "el => [getComputedStyle(el).backgroundColor, Math.round(el.getBoundingClientRect().left)]"
        ), crumbs.inner_text()

    stock, _ = bar(reverse("admin:exercises_exercise_changelist"))
    exercise = Exercise.objects.first()
    kind = ContentType.objects.get_for_model(Exercise).pk
    for url in (
        reverse("admin:backcare_review_to_do"),
        reverse("admin:backcare_review_item", args=[kind, exercise.pk]),
        reverse("admin:exercises_exercise_deleted"),
    ):
        looks, words = bar(url)
        assert looks == stock, url
        assert words.startswith("Home"), url
