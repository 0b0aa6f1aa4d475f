"""What an attacker tries: unreadable bodies, odd methods, spoofed addresses, leaks in headers."""

import importlib
import io
import json
import logging
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.conf import settings
from django.core import signals
from django.core.files.storage import FileSystemStorage
from django.core.management import call_command
from django.db import close_old_connections, connection, connections
from django.templatetags.static import static
from django.test import Client, override_settings
from django.urls import reverse
from django.views.debug import SafeExceptionReporterFilter

from backcare.loading import fixture_path, load_guide
from backcare.logs import ClientErrorsInOneLine
from backcare.models import SeedRecord
from exercises.models import BodyArea, Exercise
from tests.html import soup

pytestmark = pytest.mark.django_db

LOGIN = reverse("admin:login")
CHECKLIST = reverse("guidance:checklist")
POST_URLS = ["/", CHECKLIST, LOGIN, reverse("exercises:detail", args=["wall-angel"])]
SECURITY_HEADERS = [
    "Content-Security-Policy",
    "X-Frame-Options",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Permissions-Policy",
    "Cross-Origin-Resource-Policy",
]


def has_security_headers(response) -> bool:
    return all(header in response for header in SECURITY_HEADERS)


# --- 1. A body in another charset: the site's 400, never a 500 --------------------------------------


@pytest.mark.parametrize("charset", ["latin-1", "UTF8", "utf_8", "us-ascii", "utf-16"])
@pytest.mark.parametrize("url", POST_URLS)
def test_a_form_in_another_charset_gets_the_sites_400_page(url, charset):
    client = Client(raise_request_exception=False)
    client.cookies["csrftoken"] = "abcdefghijklmnopqrstuvwxyzABCDEF"
    response = client.post(
        url, "a=b", content_type=f"application/x-www-form-urlencoded; charset={charset}"
    )
    assert response.status_code == 400
    assert has_security_headers(response)
    text = response.content.decode()
    assert "could not read that request" in text
    assert "a=b" not in text


def wsgi_call(content_type: str, path: str = "/", body: bytes = b"a=b"):
    """Send a request through the WSGI application gunicorn runs (not the test client's)."""
    from backcare.wsgi import application

    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SCRIPT_NAME": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "HTTP_HOST": "testserver",
        "CONTENT_TYPE": content_type,
        "CONTENT_LENGTH": str(len(body)),
        "wsgi.input": io.BytesIO(body),
        "wsgi.errors": io.StringIO(),
        "wsgi.url_scheme": "http",
        "wsgi.version": (1, 0),
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    started = {}

    def start_response(status, headers):
        started["status"], started["headers"] = status, dict(headers)

    # As the test client does: the test's transaction must outlive the request.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        response = application(environ, start_response)
        body = b"".join(response)
        response.close()
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)
    return int(started["status"].split()[0]), started["headers"], body


@pytest.mark.parametrize(
    "content_type",
    [
        "text/plain; a*=bogus''x",
        "text/plain; " + "a" * 10_001,
        "application/x-www-form-urlencoded; charset=latin-1",
    ],
)
@pytest.mark.parametrize("path", ["/", CHECKLIST, LOGIN])
def test_a_content_type_django_cannot_parse_gets_a_400_from_the_real_wsgi_app(content_type, path):
    status, headers, body = wsgi_call(content_type, path)
    assert status == 400
    assert all(name in headers for name in SECURITY_HEADERS)
    assert b"could not read that request" in body


def test_an_unreadable_checklist_post_to_the_real_wsgi_app_is_as_long_as_any_answer():
    status, headers, body = wsgi_call("text/plain; a*=bogus''x", CHECKLIST)
    assert status == 400
    assert len(body) == settings.BACKCARE_PRIVATE_RESPONSE_BYTES
    assert "no-store" in headers["Cache-Control"]


def test_a_bad_request_is_logged_in_one_line_without_the_body(client):
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(ClientErrorsInOneLine())
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    try:
        client.post(
            "/", "secret=answers", content_type="application/x-www-form-urlencoded; charset=latin-1"
        )
    finally:
        logger.removeHandler(handler)
    lines = stream.getvalue().splitlines()
    assert len(lines) == 1 and "Traceback" not in lines[0]
    assert "secret" not in stream.getvalue()
    assert "client_errors_in_one_line" in settings.LOGGING["handlers"]["console"]["filters"]


# --- 3. Lockouts behind a proxy, and a limit per address ---------------------------------------------


def login(client, username, password, client_address, proxy="10.0.0.2"):
    """Post the admin login through a proxy that appends the client's address to X-Forwarded-For."""
    return client.post(
        LOGIN,
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=proxy,
        HTTP_X_FORWARDED_FOR=client_address,
    )


@override_settings(BACKCARE_TRUSTED_PROXY_IPS=["10.0.0.2"])
def test_behind_a_proxy_one_visitor_cannot_lock_out_a_member_of_staff_elsewhere(editor):
    attacker = Client()
    for _ in range(5):
        login(attacker, "editor", "wrong", "203.0.113.5")
    assert login(attacker, "editor", "wrong", "203.0.113.5").status_code == 429
    # The editor comes through the same proxy from their own address.
    assert login(Client(), "editor", "a-long-editor-password", "198.51.100.7").status_code == 302


@override_settings(BACKCARE_TRUSTED_PROXY_IPS=["10.0.0.2"])
def test_a_forged_forwarded_for_does_not_escape_the_lockout(editor):
    attacker = Client()
    for n in range(5):
        # The proxy appends the real address after whatever the attacker sent.
        login(attacker, "editor", "wrong", f"192.0.2.{n}, 203.0.113.5")
    response = login(attacker, "editor", "a-long-editor-password", "192.0.2.99, 203.0.113.5")
    assert response.status_code == 429


def test_with_no_trusted_proxy_the_forwarded_for_header_is_ignored(editor):
    attacker = Client()
    for n in range(5):
        login(attacker, "editor", "wrong", f"192.0.2.{n}", proxy="203.0.113.5")
    response = login(
        attacker, "editor", "a-long-editor-password", "192.0.2.99", proxy="203.0.113.5"
    )
    assert response.status_code == 429


def test_one_address_trying_many_usernames_is_stopped(make_editor, settings):
    make_editor("editor")
    sprayer = Client()
    for n in range(settings.BACKCARE_LOGIN_FAILURES_PER_ADDRESS):
        sprayer.post(
            LOGIN, {"username": f"user{n}", "password": "Winter2026!"}, REMOTE_ADDR="203.0.113.9"
        )
    response = sprayer.post(
        LOGIN,
        {"username": "editor", "password": "a-long-editor-password"},
        REMOTE_ADDR="203.0.113.9",
    )
    assert response.status_code == 429
    other = Client().post(
        LOGIN,
        {"username": "editor", "password": "a-long-editor-password"},
        REMOTE_ADDR="198.51.100.7",
    )
    assert other.status_code == 302


def test_the_lockout_page_is_never_cached(client, editor):
    for _ in range(5):
        client.post(LOGIN, {"username": "editor", "password": "wrong"})
    response = client.post(LOGIN, {"username": "editor", "password": "wrong"})
    assert response.status_code == 429
    assert "no-store" in response["Cache-Control"]
    assert "Too many failed logins" in response.content.decode()


# --- 4. Two load_guide at once on PostgreSQL --------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_two_load_guides_at_once_on_an_empty_database_both_end_cleanly():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: SQLite lets one writer in at a time, so loads cannot race")
    for _ in range(3):
        for model in (SeedRecord, Exercise, BodyArea):
            model.objects.all().delete()
        barrier = threading.Barrier(2)
        errors = []

        def run(barrier, errors):
            try:
                barrier.wait()
                load_guide()
            except Exception as error:  # any failure is the finding
                errors.append(error)
            finally:
                connections.close_all()

        threads = [threading.Thread(target=run, args=(barrier, errors)) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
        areas = json.loads(fixture_path("body_areas").read_text())
        assert BodyArea.objects.count() == len(areas)


# --- 5. Secure by default in production -------------------------------------------------------------


def run_manage(*args, env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_settings_pass_the_deployment_checks_without_a_warning(production_env):
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=production_env())
    assert result.returncode == 0, result.stderr + result.stdout


def test_production_is_https_only_unless_plain_http_is_asked_for(production_env):
    code = "from django.conf import settings as s; print(s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS)"
    default = run_manage("shell", "--no-imports", "-c", code, env=production_env())
    assert default.stdout.split() == ["True", "True", "True", "31536000"], default.stderr
    plain = run_manage(
        "shell", "--no-imports", "-c", code, env=production_env(DJANGO_PLAIN_HTTP="1")
    )
    assert plain.stdout.split() == ["False", "False", "False", "0"], plain.stderr


# --- 6. Headers and small leaks --------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/", "/causes/", "/no-such-page/", "/static/css/backcare.css"])
def test_every_response_forbids_device_features_and_cross_origin_reads(client, url):
    for _ in range(2):  # rendered, then from the cache
        response = client.get(url)
        policy = response["Permissions-Policy"]
        for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
            assert f"{feature}=()" in policy
        assert response["Cross-Origin-Resource-Policy"] == "same-origin"


@pytest.fixture(scope="module")
def collected_static(tmp_path_factory) -> dict:
    """Run collectstatic with production's storage into folders of the tests' own; return the
    settings that serve what it collected."""
    production = importlib.import_module("backcare.settings")
    folder = tmp_path_factory.mktemp("collected")
    # The pages' own Bootstrap file, in a few bytes.
    (folder / "apps" / "bootstrap" / "css").mkdir(parents=True)
    (folder / "apps" / "bootstrap" / "css" / "bootstrap.min.css").write_text("body { margin: 0; }")
    manifest_root = folder / Path(production.BACKCARE_STATIC_MANIFEST_ROOT).name
    storage = production.STORAGES["staticfiles"]
    options = {**storage["OPTIONS"], "manifest_storage": FileSystemStorage(location=manifest_root)}
    collected = {
        "STATIC_ROOT": folder / "static",
        "STATICFILES_DIRS": [*production.STATICFILES_DIRS, folder / "apps"],
        "STATICFILES_FINDERS": ["django.contrib.staticfiles.finders.FileSystemFinder"],
        "STORAGES": {**settings.STORAGES, "staticfiles": {**storage, "OPTIONS": options}},
    }
    with override_settings(**collected):
        call_command("collectstatic", interactive=False, verbosity=0)
    return collected


def test_production_keeps_the_static_files_manifest_out_of_what_is_served():
    production = importlib.import_module("backcare.settings")
    manifest_root = Path(production.BACKCARE_STATIC_MANIFEST_ROOT)
    assert not manifest_root.is_relative_to(production.STATIC_ROOT)
    manifest_storage = production.STORAGES["staticfiles"]["OPTIONS"]["manifest_storage"]
    assert Path(manifest_storage.location) == manifest_root


@pytest.mark.parametrize("autorefresh", [True, False])
def test_the_static_files_manifest_is_not_served(collected_static, autorefresh):
    with override_settings(**collected_static, WHITENOISE_AUTOREFRESH=autorefresh):
        client = Client()
        assert client.get(static("css/backcare.css")).status_code == 200
        assert client.get("/static/staticfiles.json").status_code == 404


def test_the_checklist_hides_posted_answers_from_error_reports(client):
    response = client.post(CHECKLIST, {"symptoms": ["fever"]})
    request = response.wsgi_request
    assert request.sensitive_post_parameters == "__ALL__"
    cleaned = SafeExceptionReporterFilter().get_post_parameters(request)
    assert "fever" not in str(cleaned.getlist("symptoms"))


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("TRACE", "/sitemap.xml"),
        ("TRACE", "/"),
        ("PROPFIND", "/exercises/"),
        ("PUT", "/exercises/wall-angel/"),
        ("DELETE", LOGIN),
        ("PATCH", "/robots.txt"),
        ("POST", "/"),
        ("POST", "/causes/"),
        ("POST", "/sitemap.xml"),
    ],
)
def test_a_method_a_page_does_not_take_gets_the_styled_405(method, url):
    client = Client(enforce_csrf_checks=True)
    response = client.generic(method, url)
    assert response.status_code == 405
    assert "GET" in response["Allow"]
    assert soup(response).h1.get_text(strip=True) == "This page cannot be used that way"
    assert has_security_headers(response)


def test_post_to_the_home_page_with_a_token_gets_the_styled_405_too():
    client = Client(enforce_csrf_checks=True)
    client.get(LOGIN)  # the admin login sets the CSRF cookie
    token = client.cookies["csrftoken"].value
    response = client.post("/", {"csrfmiddlewaretoken": token})
    assert response.status_code == 405
    assert "This form has expired" not in response.content.decode()
    assert soup(response).h1.get_text(strip=True) == "This page cannot be used that way"


@pytest.mark.django_db(transaction=True)
def test_a_dropped_database_connection_costs_no_request(client):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: an SQLite file has no server to drop the connection")
    from backcare.cache import read_content_version

    load_guide()
    assert client.get("/causes/").status_code == 200
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (pid,) = cursor.fetchone()
    other = connections.create_connection("default")
    with other.cursor() as cursor:  # as a restarted PostgreSQL or a failover would
        cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    other.close()
    # A new request: Django resets its connection check, as at the start of every request.
    connection.close_if_unusable_or_obsolete()
    assert read_content_version() is not None
    assert client.get("/causes/").status_code == 200
    assert client.post(CHECKLIST, {"none_apply": "on"}).status_code == 200
