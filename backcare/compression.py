"""Brotli and gzip for public responses: kept pages are compressed once, others as they are sent.

Only responses the same for every visitor come here (never the admin's, which carry a CSRF token,
and never the checklist's answers, which are sent `no-transform` so that their size says nothing).
"""

import gzip

from django.utils.cache import patch_vary_headers

try:
    import brotli
except ImportError:  # optional: gzip only
    brotli = None

ENCODINGS = ("br", "gzip") if brotli is not None else ("gzip",)
COMPRESSIBLE_TYPES = (
    "text/",
    "application/xml",
    "application/json",
    "application/javascript",
    "image/svg+xml",
)
MIN_COMPRESS_LENGTH = 256


def accepted_encoding(request) -> str:
    """Return "br", "gzip" or "" from the request's Accept-Encoding (q=0 refuses one)."""
    header = request.META.get("HTTP_ACCEPT_ENCODING", "")
    if not header:
        return ""
    accepted = set()
    for part in header.lower().split(","):
        name, _, params = part.strip().partition(";")
        if params.replace(" ", "") in ("q=0", "q=0.0", "q=0.00", "q=0.000"):
            continue
        accepted.add(name.strip())
    return next((encoding for encoding in ENCODINGS if encoding in accepted), "")


def compress(body: bytes, encoding: str) -> bytes:
    # Brotli's quality 5 takes about 1 ms for the 103 KB exercise list where 11 took 100-380 ms, for
    # 15 % more bytes (12.9 KB against 11.2 KB): a kept page is compressed again on every worker
    # after each edit, and during a Redis outage, so the render's cost counts more than 1.7 KB.
    if encoding == "br":
        return brotli.compress(body, quality=5)
    return gzip.compress(body, compresslevel=6, mtime=0)


def is_compressible(response) -> bool:
    return (
        not response.streaming
        and not response.has_header("Content-Encoding")
        and "no-transform" not in response.get("Cache-Control", "")
        and response.get("Content-Type", "").startswith(COMPRESSIBLE_TYPES)
        and len(response.content) >= MIN_COMPRESS_LENGTH
    )


def compressed(request, response):
    """Compress a response for this request if it is worth it and allowed (no-transform: not)."""
    if not is_compressible(response):
        return response
    patch_vary_headers(response, ("Accept-Encoding",))
    encoding = accepted_encoding(request)
    if encoding:
        response.content = compress(response.content, encoding)
        response["Content-Encoding"] = encoding
        response["Content-Length"] = str(len(response.content))
    return response
