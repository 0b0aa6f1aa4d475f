"""The WSGI application gunicorn serves: Django's, refusing an HTTP/1.1 request without a Host.

HTTP/1.1 requires a Host header and a server must answer a request without one with a 400 (RFC 9112
section 3.2); nginx does. gunicorn instead fills SERVER_NAME and SERVER_PORT from the address it
listens on, and Django's `get_host()` falls back to them, so such a request got a page. An empty
Host is one Django refuses itself (DisallowedHost), with the site's own 400 page and one line in the
log: the request is passed on with that. HTTP/1.0 never had to send a Host and is left alone.
"""

from .wsgi import application as django_application


def application(environ, start_response):
    """Serve a request with Django, first marking an HTTP/1.1 request without Host as invalid."""
    if "HTTP_HOST" not in environ and environ.get("SERVER_PROTOCOL", "").upper() != "HTTP/1.0":
        environ["HTTP_HOST"] = ""
    return django_application(environ, start_response)
