from functools import partial

from django.conf import settings

from .cache import cache_version
from .site import absolute_url


def site(request):
    """Give every page the emergency number (footer, emergency notes, checklist results), the site's
    address, its canonical address (the path without a query; a view may give a better one) and
    the cache version that `{% cache %}` fragments are kept under."""
    return {
        "emergency_number": settings.EMERGENCY_NUMBER,
        "site_url": settings.BACKCARE_SITE_URL,
        "canonical_url": absolute_url(request.path),
        # A function: templates call it (read only if a page keeps a fragment).
        "cache_version": partial(cache_version, request),
    }
