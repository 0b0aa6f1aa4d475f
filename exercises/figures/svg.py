"""The SVG both pictures are written in: colours, short numbers, strokes and prop shapes.

Output is deterministic: every number is rounded to one decimal and written without trailing zeros.
"""

import html
import math

# Contrast on white, measured with the WCAG formula (see README).
INK = "#1d2528"  # body text colour, 15.6:1
HIGHLIGHT = "#0f7f8f"  # brighter brand teal, 4.7:1 on white and 3.3:1 against INK
PROP = "#8a9499"  # props that carry meaning, 3.1:1
PROP_FILL = "#eef1f2"  # decorative fill inside prop outlines
PAPER = "#ffffff"  # the separating halo; figures.css maps it to var(--fig-paper)

# Strokes are lean: a figure's strokes take the ink colour from the figure's group and a halo's
# from its chain's halo group (colours stay presentation attributes, so a figure still reads
# without the stylesheet); only a highlighted stroke names its colour.
HIGHLIGHT_STROKE = f' class="fig-hl" stroke="{HIGHLIGHT}"'


def short_number(value) -> str:
    """Write a number with one decimal at most and no trailing zeros ("12", "-3.5")."""
    value = round(float(value), 1)
    if value == 0:
        return "0"
    return f"{value:.1f}".rstrip("0").rstrip(".")


def escape(text) -> str:
    """Escape text for an SVG or HTML element or attribute."""
    return html.escape(str(text), quote=True)


def path_through(points) -> str:
    """Return path data for straight lines through the points."""
    return "M" + "L".join(f"{short_number(x)} {short_number(y)}" for x, y in points)


def line(x1, y1, x2, y2, colour, width, css_class, cap="round") -> str:
    """Return a <line> (a round cap comes from the figure's group)."""
    cap_attribute = "" if cap == "round" else f' stroke-linecap="{cap}"'
    return (
        f'<line x1="{short_number(x1)}" y1="{short_number(y1)}" x2="{short_number(x2)}" '
        f'y2="{short_number(y2)}" stroke="{colour}" stroke-width="{short_number(width)}" '
        f'class="{css_class}"{cap_attribute}/>'
    )


def translate_rotate(x, y, angle) -> str:
    """Return a translate and rotate, leaving out what changes nothing."""
    move = f"translate({short_number(x)}{'' if short_number(y) == '0' else ' ' + short_number(y)})"
    turn = "" if short_number(angle or 0) == "0" else f" rotate({short_number(angle)})"
    return move + turn


def stroke(start, end, width, highlighted, placed_at=None) -> str:
    """Return a segment's stroke from `start` to `end` along it (see still.segment_parts)."""
    paint = HIGHLIGHT_STROKE if highlighted else ""
    if placed_at is None:
        path = f"M{short_number(start)} 0H{short_number(end)}"
    else:
        x, y, angle = placed_at
        cos, sin = math.cos(math.radians(angle or 0)), math.sin(math.radians(angle or 0))
        path = (
            f"M{short_number(x + start * cos)} {short_number(y + start * sin)}"
            f"L{short_number(x + end * cos)} {short_number(y + end * sin)}"
        )
    return f'<path d="{path}" stroke-width="{short_number(width)}"{paint}/>'


def paint_of(role, highlighted) -> tuple[str, str]:
    """Return the colour and class of a part drawn as a halo or as ink."""
    if role == "halo":
        return PAPER, "fig-halo"
    return (HIGHLIGHT, "fig-hl") if highlighted else (INK, "fig-ink")


def halo_group(inner) -> str:
    """Wrap a chain's halos: the gap (in the page's colour) that keeps crossing limbs apart."""
    return f'<g class="fig-halo" stroke="{PAPER}" fill="{PAPER}">{inner}</g>' if inner else ""


def prop_rect(x, y, width, height, fill=PROP_FILL, stroke_width=2, corner_radius=0) -> str:
    """Return a prop's rectangle, outlined in the prop colour."""
    corner = f' rx="{short_number(corner_radius)}"' if corner_radius else ""
    return (
        f'<rect x="{short_number(x)}" y="{short_number(y)}" width="{short_number(width)}" '
        f'height="{short_number(height)}"{corner} fill="{fill}" stroke="{PROP}" '
        f'stroke-width="{short_number(stroke_width)}" class="fig-prop"/>'
    )


def prop_polyline(*points, width=3) -> str:
    """Return a prop's open line through the points."""
    return (
        f'<path d="{path_through(points)}" stroke="{PROP}" stroke-width="{short_number(width)}" '
        f'fill="none" class="fig-prop"/>'
    )
