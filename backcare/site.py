"""The site's own address, from settings: links that leave the page never trust the Host header."""

from urllib.parse import urlsplit

from django.conf import settings


def absolute_url(path: str) -> str:
    """Return the full address of a path on this site (BACKCARE_SITE_URL), e.g. for a canonical link."""
    return f"{settings.BACKCARE_SITE_URL}{path}"


def site_origin() -> str:
    """Return this site's origin (scheme, host and port of BACKCARE_SITE_URL), as browsers send it."""
    address = urlsplit(settings.BACKCARE_SITE_URL)
    return f"{address.scheme}://{address.netloc}"
