"""A QR code of one of the site's addresses, drawn on the server as inline SVG (segno)."""

import segno
from django.utils.safestring import SafeString, mark_safe


def qr_code(address: str) -> segno.QRCode:
    """Return the QR code of an address (medium error correction: a fridge door gets smudged)."""
    return segno.make(address, error="m", micro=False)


def qr_svg(address: str) -> SafeString:
    """Return an address's QR code as inline SVG that scales to its box (the caller labels it)."""
    svg = qr_code(address).svg_inline(
        scale=1, border=4, omitsize=True, svgclass="qr-code", lineclass=None
    )
    return mark_safe(svg)  # segno writes only its own markup; the address is in no attribute.
