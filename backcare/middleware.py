"""Middleware for what every response needs: security headers, readable requests, allowed methods."""

from functools import wraps

from django.conf import settings
from django.core.exceptions import BadRequest
from django.urls import Resolver404, resolve
from whitenoise.middleware import WhiteNoiseMiddleware

from .views import method_not_allowed

# Methods the site knows; any other (TRACE, CONNECT, PROPFIND, made-up ones) gets a 405 everywhere.
KNOWN_METHODS = {"GET", "HEAD", "POST", "OPTIONS", "PUT", "PATCH", "DELETE"}
# What a function view takes unless it says otherwise (see `allow_methods`).
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


class StaticFilesMiddleware(WhiteNoiseMiddleware):
    """WhiteNoise, without the manifest that lists every static file (it is for the server only)."""

    PRIVATE_NAMES = ("staticfiles.json",)

    def is_private(self, url: str) -> bool:
        return url.rsplit("/", 1)[-1] in self.PRIVATE_NAMES

    def add_file_to_dictionary(self, url, path, stat_cache=None):
        if not self.is_private(url):
            super().add_file_to_dictionary(url, path, stat_cache=stat_cache)

    def find_file(self, url):
        return None if self.is_private(url) else super().find_file(url)


def view_methods(view_func) -> tuple[str, ...] | None:
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


class RequestGuardMiddleware:
    """Turn a request Django cannot read into the site's 400, and an unknown method into its 405.

    A form body in another charset than UTF-8 makes Django raise BadRequest when the body is read,
    which can happen again in error handlers; rejecting it here, before anything reads the body,
    gives one 400 with every security header. A Content-Type Django cannot parse at all is kept by
    backcare.wsgi's request class and raised here the same way.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in KNOWN_METHODS:
            return method_not_allowed(request, allowed=self.allowed_for(request))
        problem = getattr(request, "unreadable", None)
        if problem is not None:
            raise problem
        if (
            request.method == "POST"
            and request.content_type == "application/x-www-form-urlencoded"
            and request.encoding is not None
            and request.encoding.lower() != "utf-8"
        ):
            raise BadRequest("A form must be sent in UTF-8.")
        return self.get_response(request)

    @staticmethod
    def allowed_for(request) -> tuple[str, ...]:
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return ("GET", "HEAD")
        return view_methods(match.func) or FUNCTION_VIEW_METHODS


class AllowedMethodsMiddleware:
    """Answer a method the view does not take with the site's 405 page, before the CSRF check.

    So `POST /` is "this page does not take that", not "your form expired"; a bare 405 from a view
    (Django's http_method_not_allowed, require_POST) gets the same page.
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
        allowed = view_methods(view_func)
        if allowed is not None and request.method not in allowed:
            return method_not_allowed(request, allowed=allowed)
        return None
