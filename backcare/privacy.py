"""Responses that must not tell anything about what was sent: one size, never stored, never squeezed.

A page answering health questions differs with the answers, and its byte count lands in every access
log (gunicorn's, nginx's) beside the address and time. A view marked `private_answers` gets every
response to a POST (or any other non-GET request) exactly the same size, uncompressed, and kept out of
every cache (no-store) and every proxy's compression (no-transform): PrivateAnswersMiddleware does it
to whatever the response is, errors included (Django has already turned an error into its page).
"""

import logging

from django.conf import settings
from django.utils.cache import add_never_cache_headers, patch_cache_control, patch_vary_headers
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.debug import sensitive_post_parameters

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


def private_answers(view_func):
    """Mark a view whose answers to non-GET requests must all be one size and never stored.

    It also exempts the view from CSRF (the view must store and change nothing, so a cross-site
    post can do no harm, and the page needs no cookie), and hides the posted values from error
    reports. Use it on a function view, or on a class-based view with method_decorator on dispatch.
    """
    view = csrf_exempt(sensitive_post_parameters()(view_func))
    view.private_answers = True
    return view


def answers_privately(request) -> bool:
    """Whether this request's response must be made private: a non-GET to a marked view."""
    match = request.resolver_match
    return (
        request.method not in SAFE_METHODS
        and match is not None
        and getattr(match.func, "private_answers", False)
    )


class PrivateAnswersMiddleware:
    """Make every response to a non-GET request to a `private_answers` view one size, never kept."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if answers_privately(request):
            add_never_cache_headers(response)
            patch_cache_control(response, no_transform=True)
            patch_vary_headers(response, ("Cookie",))
            pad(response, settings.BACKCARE_PRIVATE_RESPONSE_BYTES)
        return response
