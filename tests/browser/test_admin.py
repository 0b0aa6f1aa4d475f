"""The admin as an editor sees it in a desktop browser."""

import pytest
from django.urls import reverse

from exercises.models import Exercise

DESKTOP = {"width": 1280, "height": 900}
PASSWORD = "a-long-admin-password"


@pytest.fixture
def admin_tab(tab, django_user_model):
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

    boxes = admin_tab.page.locator(".inline-group td.field-text input")
    sizes = boxes.evaluate_all(
        "inputs => inputs.filter(i => i.value).map(i => [i.value, i.clientWidth, i.scrollWidth])"
    )
    assert len(sizes) == exercise.steps.count() == 2
    for text, visible, needed in sizes:
        assert needed <= visible, f"{text!r} needs {needed} px but its box shows {visible} px"
