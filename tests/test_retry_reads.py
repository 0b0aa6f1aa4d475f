"""A read whose database connection breaks is run once more: no 500 for a dropped connection."""

import io
import logging
import time

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import OperationalError, connection, connections
from django.test import Client

from backcare.loading import load_guide
from backcare.resilience import HideRetriedErrors, checked_connection
from tests import committed

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
    committed.restore()
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


def test_a_login_whose_connection_is_found_dead_is_answered_on_a_new_one(staff):
    # A post may write, so it is never run twice: it starts on a connection that answered.
    failure = BreakOnce("SELECT 1")
    with connection.execute_wrapper(failure):
        response = Client(raise_request_exception=False).post(
            "/admin/login/", {"username": "retry", "password": "wrong"}
        )
    assert failure.failed == 1
    assert response.status_code == 200
    assert "correct username and password" in response.content.decode()


def test_a_pool_whose_connections_postgresql_ended_gives_a_working_one_at_once():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: the connection pool is psycopg's")
    from django.db.backends.postgresql.base import DatabaseWrapper

    # The production pool (settings.DB_POOL_OPTIONS), holding four idle connections.
    name = "backcare-pool-test"
    options = {
        **connection.settings_dict["OPTIONS"],
        "application_name": name,
        "pool": {**settings.DB_POOL_OPTIONS, "min_size": 4},
    }
    # The default alias, as Django's connection signals look it up; its pool is this one's alone.
    pooled = DatabaseWrapper(
        {**connection.settings_dict, "CONN_MAX_AGE": 0, "OPTIONS": options}, alias="default"
    )
    try:
        pooled.pool.open(wait=True, timeout=10)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = %s",
                [name],
            )
            assert len(cursor.fetchall()) == 4
        time.sleep(0.2)  # the ended connections' sockets are closed by now
        started = time.monotonic()
        checked_connection(pooled)
        with pooled.cursor() as cursor:
            cursor.execute("SELECT 1")
            assert cursor.fetchone() == (1,)
        # psycopg_pool's own check waited 1 s after the first dead connection, 2 s after the next.
        assert time.monotonic() - started < 0.5
    finally:
        pooled.close()
        pooled.close_pool()


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
