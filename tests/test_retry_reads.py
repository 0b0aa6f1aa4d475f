"""A read whose database connection breaks is run once more: no 500 for a dropped connection."""

import io
import logging

import pytest
from django.core.cache import cache
from django.db import OperationalError, connection, connections
from django.test import Client

from backcare.loading import load_guide
from backcare.resilience import HideRetriedErrors

# Outside the test's own transaction, as a request is in production: only then may it run again.
pytestmark = pytest.mark.django_db(transaction=True)


class BreakOnce:
    """Fail the first `times` queries that read a table, as a connection ended mid-request does."""

    def __init__(self, table: str, times: int = 1, kill=None):
        self.table, self.left, self.kill, self.failed = table, times, kill, 0

    def __call__(self, execute, sql, params, many, context):
        if self.left and self.table in sql:
            self.left -= 1
            self.failed += 1
            if self.kill is None:
                raise OperationalError("server closed the connection unexpectedly")
            self.kill()
        return execute(sql, params, many, context)


CAUSES = "/admin/guidance/cause/"


@pytest.fixture
def staff(django_user_model):
    load_guide()
    user = django_user_model.objects.create_superuser("retry", password="a-long-password-1")
    staff = Client(raise_request_exception=False)
    staff.force_login(user)
    return staff


def test_a_page_whose_connection_breaks_mid_request_is_served_all_the_same(staff):
    failure = BreakOnce("guidance_cause")
    with connection.execute_wrapper(failure):
        response = staff.get(CAUSES)
    assert failure.failed == 1
    assert response.status_code == 200
    assert "Stress" in response.content.decode()


def test_a_public_page_whose_first_query_fails_is_served_and_nothing_is_logged_as_an_error(
    staff,
):
    expected = Client().get("/causes/").content
    # The site's log handler (settings.LOGGING) filters as records come.
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(HideRetriedErrors())
    logging.getLogger().addHandler(handler)
    failure = BreakOnce("backcare_contentversion")
    try:
        with connection.execute_wrapper(failure):
            response = Client(raise_request_exception=False).get("/causes/")
    finally:
        logging.getLogger().removeHandler(handler)
    assert failure.failed == 1
    assert response.status_code == 200
    assert response.content == expected
    assert "running it once more" in stream.getvalue()
    assert "Internal Server Error" not in stream.getvalue()
    assert "Traceback" not in stream.getvalue()


def test_a_read_is_run_again_once_only_a_database_that_stays_down_is_the_500_page(staff):
    failure = BreakOnce("guidance_cause", times=5)
    with connection.execute_wrapper(failure):
        response = staff.get(CAUSES)
    assert failure.failed == 2
    assert response.status_code == 500


def test_a_post_is_never_run_again(staff):
    failure = BreakOnce("auth_user", times=5)
    with connection.execute_wrapper(failure):
        response = Client(raise_request_exception=False).post(
            "/admin/login/", {"username": "retry", "password": "wrong"}
        )
    assert failure.failed == 1
    assert response.status_code == 500


def test_postgresql_ending_the_connection_during_a_search_costs_no_request():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: an SQLite file has no server to end the connection")
    load_guide()
    client = Client(raise_request_exception=False)
    expected = client.get("/search/?q=neck")
    assert expected.status_code == 200

    def end_this_connection():
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            (pid,) = cursor.fetchone()
        other = connections.create_connection("default")
        try:
            with other.cursor() as cursor:
                cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
        finally:
            other.close()

    failure = BreakOnce("ts_rank", kill=end_this_connection)
    cache.clear()  # the search again, not the page the first one kept
    with connection.execute_wrapper(failure):
        response = client.get("/search/?q=neck")
    assert failure.failed == 1
    assert response.status_code == 200
    assert response.content == expected.content


def test_a_checklist_answer_whose_connection_breaks_is_answered_all_the_same(staff):
    # The checklist stores and changes nothing (private_answers), so its post may be run again.
    visitor = Client(raise_request_exception=False)
    expected = visitor.post("/when-to-see-a-doctor/", {"none_apply": "on"})
    failure = BreakOnce("guidance_")
    with connection.execute_wrapper(failure):
        response = visitor.post("/when-to-see-a-doctor/", {"none_apply": "on"})
    assert failure.failed == 1
    assert response.status_code == 200
    assert response.content == expected.content


def test_a_checklist_answer_is_answered_when_the_page_caches_query_fails(staff):
    visitor = Client(raise_request_exception=False)
    expected = visitor.post("/when-to-see-a-doctor/", {"none_apply": "on"})
    failure = BreakOnce("backcare_contentversion")
    with connection.execute_wrapper(failure):
        response = visitor.post("/when-to-see-a-doctor/", {"none_apply": "on"})
    assert failure.failed == 1
    assert response.status_code == 200
    assert response.content == expected.content
