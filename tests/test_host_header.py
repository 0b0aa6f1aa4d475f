"""A request without a usable Host gets the site's 400 page from the app gunicorn serves."""

import io
import logging

import pytest
from django.core import signals
from django.db import close_old_connections

from backcare.host_guard import application

pytestmark = pytest.mark.django_db


def serve(protocol: str, host: str | None, path: str = "/") -> tuple[int, dict, bytes]:
    """Call the WSGI application as gunicorn does, which fills SERVER_NAME from its bind address."""
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SCRIPT_NAME": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "SERVER_PROTOCOL": protocol,
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": io.StringIO(),
        "wsgi.url_scheme": "http",
        "wsgi.version": (1, 0),
        "wsgi.multithread": True,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    if host is not None:
        environ["HTTP_HOST"] = host
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


@pytest.fixture
def served_at_loopback(settings):
    settings.ALLOWED_HOSTS = ["127.0.0.1", "localhost"]


@pytest.mark.parametrize("path", ["/", "/causes/", "/no-such-page/"])
def test_http_11_without_a_host_gets_the_sites_400_page_not_a_page(served_at_loopback, path):
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    logging.getLogger().addHandler(handler)
    try:
        status, headers, body = serve("HTTP/1.1", host=None, path=path)
    finally:
        logging.getLogger().removeHandler(handler)
    assert status == 400
    assert b"could not read that request" in body
    assert "Content-Security-Policy" in headers
    assert "Traceback" not in stream.getvalue()


def test_http_10_without_a_host_still_gets_the_page(served_at_loopback):
    status, _, body = serve("HTTP/1.0", host=None, path="/causes/")
    assert status == 200
    assert b"<h1" in body


@pytest.mark.parametrize("host", ["evil.example", "127.0.0.1:8000@evil.example", ""])
def test_a_host_the_site_does_not_serve_gets_the_400_page_without_its_name(
    served_at_loopback, host
):
    for _ in range(2):  # rendered, then with the page cache warm
        status, _, body = serve("HTTP/1.1", host=host, path="/")
        assert status == 400
        assert b"could not read that request" in body
        assert b"evil.example" not in body


def test_an_allowed_host_gets_the_page(served_at_loopback):
    status, _, body = serve("HTTP/1.1", host="127.0.0.1:8000", path="/causes/")
    assert status == 200
    assert b"<h1" in body
