"""Middleware for what every response needs: security headers, readable requests, allowed methods."""

import io
from functools import wraps

from django.conf import settings
from django.core.exceptions import BadRequest

from .views import method_not_allowed

# The WSGI environ key (PEP 3333: an extension key names its owner) marking a request whose
# Content-Type Django refused (see AnswerUnreadableRequests).
UNREADABLE_REQUEST = "backcare.unreadable_request"

# What a function view (the admin's, say) takes unless it says otherwise (see `allow_methods`).
FUNCTION_VIEW_METHODS = ("GET", "HEAD", "POST")


class SecurityHeadersMiddleware:
    """Add Permissions-Policy and Cross-Origin-Resource-Policy to every response."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.headers = {
            "Permissions-Policy": settings.BACKCARE_PERMISSIONS_POLICY,
            "Cross-Origin-Resource-Policy": settings.BACKCARE_CROSS_ORIGIN_RESOURCE_POLICY,
        }

    def __call__(self, request):
        response = self.get_response(request)
        for name, value in self.headers.items():
            response.headers.setdefault(name, value)
        return response


def view_methods(view_func) -> tuple[str, ...]:
    """Return the methods a view takes: a class-based view's handlers, or what it was marked with."""
    view_class = getattr(view_func, "view_class", None)
    if view_class is not None:
        methods = [m.upper() for m in view_class.http_method_names if hasattr(view_class, m)]
        if "GET" in methods and "HEAD" not in methods:
            methods.append("HEAD")
        return tuple(methods)
    return getattr(view_func, "allowed_methods", FUNCTION_VIEW_METHODS)


def allow_methods(*methods: str):
    """Mark a function view with the methods it takes; the others get the site's 405."""

    def decorator(view_func):
        @wraps(view_func)
        def view(request, *args, **kwargs):
            return view_func(request, *args, **kwargs)

        view.allowed_methods = tuple(m.upper() for m in methods)
        return view

    return decorator


class AnswerUnreadableRequests:
    """WSGI middleware: give a request whose Content-Type Django refuses the site's 400 page.

    Django builds the request before any of its middleware runs, and refuses a Content-Type header
    it cannot parse there with an exception no handler catches: the server would answer 500. The
    request is passed to Django again without its body and marked, and RequestGuardMiddleware
    answers it with the site's 400 page, security headers and all.
    """

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        try:
            return self.application(environ, start_response)
        except BadRequest:
            # Nothing was sent yet: Django raises this only while it builds the request.
            bodiless = {
                **environ,
                "CONTENT_TYPE": "",
                "CONTENT_LENGTH": "0",
                "wsgi.input": io.BytesIO(),
                UNREADABLE_REQUEST: True,
            }
            return self.application(bodiless, start_response)


class RequestGuardMiddleware:
    """Answer what a view cannot take with the site's own 405 and 400 pages, before the CSRF check.

    - A method the view does not take (TRACE, PUT, made-up ones...) gets a 405 on every page, so
      `POST /` is "this page does not take that", not "your form expired". A bare 405 from a view
      (Django's http_method_not_allowed, require_POST) gets the same page.
    - A form body in another charset than UTF-8 makes Django raise BadRequest whenever the body is
      read, and Django's own error handlers read it again (a 500). Raising it here, before anything
      reads the body, gives one 400 page with every security header. So does a Content-Type Django
      could not parse (marked by AnswerUnreadableRequests).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 405 and not response.content:
            allowed = [m.strip() for m in response.get("Allow", "").split(",") if m.strip()]
            return method_not_allowed(request, allowed=allowed)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        check_readable(request)
        allowed = view_methods(view_func)
        if request.method not in allowed:
            return method_not_allowed(request, allowed=allowed)
        return None


def check_readable(request) -> None:
    """Raise BadRequest now for a request whose body Django would refuse to read later."""
    if request.META.get(UNREADABLE_REQUEST):
        raise BadRequest("Invalid Content-Type header.")
    if (
        request.method == "POST"
        and request.content_type == "application/x-www-form-urlencoded"
        and request.encoding is not None
        and request.encoding.lower() != "utf-8"
    ):
        raise BadRequest("A form must be sent in UTF-8.")
