import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_staff_member_logs_in_to_the_admin(client, editor):
    response = client.post(
        reverse("admin:login"),
        {"username": "editor", "password": "a-long-editor-password", "next": "/admin/"},
    )
    assert response.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def test_the_sixth_login_after_five_failures_is_refused_with_a_clear_message(client, editor):
    for _ in range(5):
        response = client.post(
            reverse("admin:login"), {"username": "editor", "password": "wrong-password"}
        )
        assert response.status_code in (200, 429)
    response = client.post(
        reverse("admin:login"), {"username": "editor", "password": "a-long-editor-password"}
    )
    assert response.status_code == 429
    assert "Too many failed logins" in response.content.decode()
    assert client.get(reverse("admin:index")).status_code == 302


def test_failures_for_one_username_do_not_lock_out_another(client, make_editor):
    make_editor("editor")
    make_editor("colleague", password="another-long-password")
    for _ in range(6):
        client.post(reverse("admin:login"), {"username": "editor", "password": "wrong"})
    response = client.post(
        reverse("admin:login"), {"username": "colleague", "password": "another-long-password"}
    )
    assert response.status_code == 302
