"""The BackCare body map: one SVG with a front and a back silhouette and a named shape for each
BodyArea the guide uses. Standard library only.

    render(mode="links", areas={"neck": "Neck", ...}, href=lambda slug: f"?area={slug}")
    render(mode="highlight", areas=..., selected=["neck", "upper-back"])

Links mode: every region is an <a> (keyboard reachable, visible focus, >= 24 px tap target on a
375 px screen) and the same links sit in a visible legend list under the map. Highlight mode: the
selected regions are filled in the brand colour and a legend names them; nothing is a link.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping

# The legs run off the bottom edge: the map stops at the thighs, so it stays short on a phone.
WIDTH, HEIGHT, TOP = 280, 236, 14
HIGHLIGHT, REGION = "#0f7f8f", "#e6f2f4"
CENTRES = {"front": 70, "back": 210}  # x of each silhouette's midline
MIN_DISPLAY_WIDTH = 343  # the map's width on a 375 px phone (16 px page margins)

# Regions: slug -> (view, [shapes]). Shapes are ("ellipse", x, y, rx, ry) or ("poly", [(x, y), ...], r)
# with x measured from the midline (negative = left of the picture). mirror=True adds the other side.
REGIONS = {
    "neck": ("back", [("poly", [(-12, 51), (12, 51), (13, 74), (-13, 74)], 5)]),
    "shoulders": ("front", [("ellipse", -37, 84, 13, 13)], True),
    "shoulder-blades": (
        "back",
        [("poly", [(-6, 86), (-29, 84), (-27, 101), (-15, 122), (-7, 110)], 5)],
        True,
    ),
    "upper-back": (
        "back",
        [("poly", [(-13, 75), (13, 75), (33, 81), (31, 124), (-31, 124), (-33, 81)], 6)],
    ),
    "mid-back": ("back", [("poly", [(-30, 128), (30, 128), (28, 153), (-28, 153)], 5)]),
    "lower-back": ("back", [("poly", [(-28, 157), (28, 157), (31, 182), (-31, 182)], 5)]),
    "chest": ("front", [("poly", [(-27, 94), (27, 94), (25, 124), (0, 128), (-25, 124)], 8)]),
    "hips": ("front", [("ellipse", -20, 188, 13, 15)], True),
}
DRAW_ORDER = [
    "neck",
    "shoulders",
    "upper-back",
    "shoulder-blades",
    "mid-back",
    "lower-back",
    "chest",
    "hips",
]


def _n(v):
    v = round(float(v), 1)
    return "0" if v == 0 else f"{v:.1f}".rstrip("0").rstrip(".")


def _shapes(slug):
    view, shapes, *mirror = REGIONS[slug]
    cx = CENTRES[view]
    out = []
    for shape in shapes:
        copies = [1, -1] if mirror and mirror[0] else [1]
        for sign in copies:
            if shape[0] == "ellipse":
                _, x, y, rx, ry = shape
                out.append(("ellipse", cx + sign * x, y, rx, ry))
            else:
                _, pts, r = shape
                out.append(("poly", [(cx + sign * x, y) for x, y in pts], r))
    return out


def region_boxes(slug):
    """Bounding boxes (x0, y0, x1, y1) in viewBox units of each separate shape of a region."""
    boxes = []
    for shape in _shapes(slug):
        if shape[0] == "ellipse":
            _, x, y, rx, ry = shape
            boxes.append((x - rx, y - ry, x + rx, y + ry))
        else:
            xs, ys = [p[0] for p in shape[1]], [p[1] for p in shape[1]]
            boxes.append((min(xs), min(ys), max(xs), max(ys)))
    return boxes


def _rounded(pts, r):
    """A closed path through pts with every corner rounded off by r."""
    d, n = [], len(pts)
    for i in range(n):
        (px, py), (x, y), (nx, ny) = pts[i - 1], pts[i], pts[(i + 1) % n]
        a = _toward((x, y), (px, py), r)
        b = _toward((x, y), (nx, ny), r)
        d.append(
            f"{'M' if i == 0 else 'L'}{_n(a[0])} {_n(a[1])}Q{_n(x)} {_n(y)} {_n(b[0])} {_n(b[1])}"
        )
    return "".join(d) + "Z"


def _toward(p, q, r):
    dx, dy = q[0] - p[0], q[1] - p[1]
    length = max((dx * dx + dy * dy) ** 0.5, 1e-9)
    r = min(r, length / 2)
    return (p[0] + dx / length * r, p[1] + dy / length * r)


def _badge_at(slug):
    """Where the region's number goes: the middle of its first (left-hand) shape."""
    if slug == "upper-back":  # above the shoulder blades, which sit on top of this region
        x0, y0, x1, _ = region_boxes(slug)[0]
        return (x0 + x1) / 2, y0 + 10
    shape = min(
        _shapes(slug), key=lambda sh: sh[1] if sh[0] == "ellipse" else min(p[0] for p in sh[1])
    )
    if shape[0] == "ellipse":
        return shape[1], shape[2]
    pts = shape[1]
    return sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts)


def _badge(slug, number):
    x, y = _badge_at(slug)
    return (
        f'<g class="bm-badge" aria-hidden="true"><circle cx="{_n(x)}" cy="{_n(y)}" r="9.5" fill="#ffffff" '
        f'stroke="#0b5563" stroke-width="1.5"/><text x="{_n(x)}" y="{_n(y + 4.8)}" '
        f'text-anchor="middle" font-size="13.5" font-weight="700" fill="#1d2528">{number}</text></g>'
    )


def _path(slug):
    parts = []
    for shape in _shapes(slug):
        if shape[0] == "ellipse":
            _, x, y, rx, ry = shape
            parts.append(
                f"M{_n(x - rx)} {_n(y)}a{_n(rx)} {_n(ry)} 0 1 0 {_n(2 * rx)} 0"
                f"a{_n(rx)} {_n(ry)} 0 1 0 {_n(-2 * rx)} 0Z"
            )
        else:
            parts.append(_rounded(shape[1], shape[2]))
    return "".join(parts)


def _silhouette(cx, element_id):
    """A plain, soft silhouette: the same for front and back (no face, no detail)."""
    torso = [
        (-9, 64),
        (9, 64),
        (34, 73),
        (41, 86),
        (32, 104),
        (27, 150),
        (32, 182),
        (0, 196),
        (-32, 182),
        (-27, 150),
        (-32, 104),
        (-41, 86),
        (-34, 73),
    ]
    d = _rounded([(cx + x, y) for x, y in torso], 9)
    limbs = []
    for s in (-1, 1):
        arm = [(cx + s * 38, 88), (cx + s * 45, 140), (cx + s * 50, 188)]
        leg = [(cx + s * 17, 184), (cx + s * 18, 260)]
        limbs.append(
            f'<path d="M{_n(arm[0][0])} {_n(arm[0][1])}L{_n(arm[1][0])} {_n(arm[1][1])}'
            f'L{_n(arm[2][0])} {_n(arm[2][1])}" stroke-width="15"/>'
        )
        limbs.append(
            f'<path d="M{_n(leg[0][0])} {_n(leg[0][1])}L{_n(leg[1][0])} {_n(leg[1][1])}" '
            'stroke-width="22"/>'
        )
    return (
        f'<g id="{element_id}" class="bm-body" fill="#dfe4e6" stroke="#dfe4e6" '
        'stroke-linecap="round" stroke-linejoin="round">'
        f'<circle cx="{cx}" cy="36" r="17" stroke="none"/><rect x="{cx - 9}" y="48" width="18" height="22" '
        f'stroke="none"/><path d="{d}" stroke="none"/>{"".join(limbs)}</g>'
    )


def render(
    *,
    mode: str,
    areas: Mapping[str, str],
    href: Callable[[str], str] | Mapping[str, str] | None = None,
    selected=(),
    id_prefix: str = "bodymap",
    title: str | None = None,
    current: str | None = None,
) -> str:
    """HTML for the body map: the SVG and its legend list.

    areas: slug -> name, in display order (BodyArea rows). Slugs without a drawn region still appear
    in the legend. href: a function or mapping giving each slug's link (links mode). current: the
    area whose link is the page being shown (links mode): it is filled in and marked as current."""
    if mode not in ("links", "highlight"):
        raise ValueError("mode must be 'links' or 'highlight'")
    esc = html.escape
    link = (
        (href if callable(href) else (lambda s: href[s]))
        if href is not None
        else (lambda s: f"?area={s}")
    )
    chosen = [s for s in areas if s in set(selected)]
    tid, did = f"{id_prefix}-title", f"{id_prefix}-desc"
    drawn = [s for s in DRAW_ORDER if s in areas]
    number = {s: i for i, s in enumerate((s for s in areas if s in REGIONS), 1)}
    regions = []
    for slug in drawn:
        d, name = _path(slug), areas[slug]
        if mode == "links":
            here = slug == current
            regions.append(
                f'<a href="{esc(link(slug), quote=True)}" class="bm-area bm-area-{slug}'
                f'{" is-current" if here else ""}" data-area="{slug}"'
                f'{' aria-current="true"' if here else ""} aria-label="{esc(name, quote=True)}">'
                f"<title>{esc(name)}</title>"
                f'<path class="bm-focus" d="{d}" fill="none" stroke="none"/>'
                f'<path class="bm-region" d="{d}" fill="{HIGHLIGHT if here else REGION}" '
                f'stroke="#0b5563" stroke-width="1.5"/>'
                f"{_badge(slug, number[slug])}</a>"
            )
        elif slug in chosen:
            regions.append(
                f'<g class="bm-area bm-area-{slug}" data-area="{slug}">'
                f'<path class="bm-on" d="{d}" fill="{HIGHLIGHT}" stroke="#0b5563" stroke-width="1.5"/></g>'
            )
    if mode == "links":
        heading = title or "Where does it hurt? Choose an area of your body"
        desc = (
            "Front and back views of a body. Each numbered area is a link to the exercises for it: "
            + ", ".join(f"{number[s]} {areas[s]}" for s in number)
            + "."
        )
        role = 'role="group"'
        items = "".join(
            f'<li><a href="{esc(link(s), quote=True)}" data-area="{s}"'
            f"{' aria-current="true" class="is-current"' if s == current else ''}>"
            f'<span class="bodymap__swatch" aria-hidden="true">{number.get(s, "")}</span>'
            f'<span class="bodymap__name">{esc(n)}</span></a></li>'
            for s, n in areas.items()
        )
        legend = f'<ul class="bodymap__legend">{items}</ul>'
    else:
        names = [areas[s] for s in chosen]
        heading = title or "Where this exercise works"
        desc = (
            "Front and back views of a body with these areas coloured in: " + ", ".join(names) + "."
            if names
            else "Front and back views of a body; no area is marked."
        )
        role = 'role="img"'
        items = "".join(
            f'<li><span class="bodymap__swatch" aria-hidden="true"></span>{esc(areas[s])}</li>'
            for s in chosen
        )
        legend = (
            f'<p class="bodymap__legend-title" id="{id_prefix}-legend">Works on:</p>'
            f'<ul class="bodymap__legend" aria-labelledby="{id_prefix}-legend">{items}</ul>'
        )
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 {TOP} {WIDTH} {HEIGHT - TOP}" '
        f'width="{WIDTH}" height="{HEIGHT - TOP}" {role} aria-labelledby="{tid} {did}" '
        f'focusable="false"><title id="{tid}">{esc(heading)}</title><desc id="{did}">{esc(desc)}</desc>'
        # Front and back share one silhouette: the back is the front, moved across.
        f"{_silhouette(CENTRES['front'], f'{id_prefix}-body')}"
        f'<use href="#{id_prefix}-body" x="{CENTRES["back"] - CENTRES["front"]}"/>'
        f"{''.join(regions)}</svg>"
    )
    # The views are named in the page's text (not in the SVG), so the words keep the page's size.
    views = '<p class="bodymap__views" aria-hidden="true"><span>Front</span><span>Back</span></p>'
    return (
        f'<div class="bodymap bodymap--{mode}"><figure class="bodymap__figure">{views}{svg}</figure>'
        f"{legend}</div>"
    )
