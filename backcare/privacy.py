"""Responses that must not tell anything about what was sent: one size, never stored, never squeezed.

A page answering health questions differs with the answers, and its byte count lands in every access
log (gunicorn's, nginx's) beside the address and time. `private_answers` makes every response to a
POST (or any other non-GET request) to the view exactly the same size, uncompressed, and keeps it
out of every cache (no-store) and every proxy's compression (no-transform), errors included.
"""

import logging
from functools import wraps

from django.conf import settings
from django.core.handlers.exception import response_for_exception
from django.utils.cache import add_never_cache_headers, patch_cache_control, patch_vary_headers
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.debug import sensitive_post_parameters

from .middleware import check_readable

logger = logging.getLogger(__name__)
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


def pad(response, size: int):
    """Pad a rendered response's body with spaces to exactly `size` bytes (or a multiple of it)."""
    body = response.content
    if len(body) > size:
        logger.warning(
            "A private response is longer than BACKCARE_PRIVATE_RESPONSE_BYTES; raise it, "
            "or such responses are told apart by size."
        )
        size = -(-len(body) // size) * size
    response.content = body + b" " * (size - len(body))
    response["Content-Length"] = str(size)
    return response


def private_answers(view_func=None, *, size: int | None = None):
    """Make every answer to a non-GET request to this view the same size and never stored.

    It also exempts the view from CSRF (the view must store and change nothing, so a cross-site
    post can do no harm, and the page needs no cookie), and hides the posted values from error
    reports. Use it on a function view, or on a class-based view with method_decorator on dispatch.
    """

    def decorator(view_func):
        @wraps(view_func)
        def view(request, *args, **kwargs):
            if request.method in SAFE_METHODS:
                return view_func(request, *args, **kwargs)
            try:
                check_readable(request)
                response = view_func(request, *args, **kwargs)
                if callable(getattr(response, "render", None)) and not response.is_rendered:
                    response.render()
            except Exception as exc:
                # A body that cannot be read, say: its 400 is as long as any other answer.
                response = response_for_exception(request, exc)
            add_never_cache_headers(response)
            patch_cache_control(response, no_transform=True)
            patch_vary_headers(response, ("Cookie",))
            return pad(response, size or settings.BACKCARE_PRIVATE_RESPONSE_BYTES)

        view = csrf_exempt(sensitive_post_parameters()(view))
        # backcare.middleware.RequestGuardMiddleware leaves the body checks to the view.
        view.private_answers = True
        return view

    return decorator(view_func) if view_func is not None else decorator
