"""The body map: one SVG with a front and a back silhouette and a named shape for each body area.

    render_body_map(mode="links", areas={"neck": "Neck", ...}, href=lambda slug: f"?area={slug}")
    render_body_map(mode="highlight", areas=..., selected=["neck", "upper-back"])

Links mode: every region is an <a> (keyboard reachable, visible focus, >= 24 px tap target on a
375 px screen) and the same links sit in a visible legend list under the map. Highlight mode: the
selected regions are filled in the brand colour and a legend names them; nothing is a link.
"""

from collections.abc import Callable, Mapping

from .svg import HIGHLIGHT, INK, PAPER, escape, short_number

# The legs run off the bottom edge: the map stops at the thighs, so it stays short on a phone.
WIDTH, HEIGHT, TOP = 280, 236, 14
REGION = "#e6f2f4"  # an area not chosen
OUTLINE = "#0b5563"  # of every area and number badge
SILHOUETTE = "#dfe4e6"
CENTRES = {"front": 70, "back": 210}  # x of each silhouette's midline
MIN_DISPLAY_WIDTH = 343  # the map's width on a 375 px phone (16 px page margins)

# Regions: slug -> (views, [shapes]). Shapes are ("ellipse", x, y, rx, ry) or
# ("poly", [(x, y), ...], corner radius) with x measured from the midline (negative = left of the
# picture). A third item True adds the mirror image on the other side. The neck and the shoulders
# are seen from the front and from the back, so they are drawn on both.
REGIONS = {
    "neck": (("front", "back"), [("poly", [(-12, 51), (12, 51), (13, 74), (-13, 74)], 5)]),
    "shoulders": (("front", "back"), [("ellipse", -37, 84, 13, 13)], True),
    "shoulder-blades": (
        ("back",),
        [("poly", [(-11, 86), (-32, 86), (-30, 101), (-19, 122), (-11, 110)], 5)],
        True,
    ),
    "upper-back": (
        ("back",),
        [("poly", [(-13, 75), (13, 75), (33, 81), (31, 124), (-31, 124), (-33, 81)], 6)],
    ),
    "mid-back": (("back",), [("poly", [(-30, 128), (30, 128), (28, 153), (-28, 153)], 5)]),
    "lower-back": (("back",), [("poly", [(-28, 157), (28, 157), (31, 182), (-31, 182)], 5)]),
    "chest": (("front",), [("poly", [(-27, 94), (27, 94), (25, 124), (0, 128), (-25, 124)], 8)]),
    # On the sides of the pelvis, above where the legs begin (y 184).
    "hips": (("front",), [("ellipse", -21, 170, 11, 12)], True),
}
# Numbers that would sit on a shape of their own region go between the shoulder blades instead.
BADGE_BETWEEN_BLADES = {"upper-back": 87, "shoulder-blades": 110}
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


def region_shapes(slug):
    """Return a region's shapes in picture coordinates, its mirror image included."""
    views, shapes, *mirrored = REGIONS[slug]
    placed = []
    for view, shape in ((view, shape) for view in views for shape in shapes):
        centre = CENTRES[view]
        signs = [1, -1] if mirrored and mirrored[0] else [1]
        for sign in signs:
            if shape[0] == "ellipse":
                _, x, y, radius_x, radius_y = shape
                placed.append(("ellipse", centre + sign * x, y, radius_x, radius_y))
            else:
                _, points, corner = shape
                placed.append(("poly", [(centre + sign * x, y) for x, y in points], corner))
    return placed


def region_boxes(slug):
    """Return the bounding box (x0, y0, x1, y1) in viewBox units of each shape of a region."""
    boxes = []
    for shape in region_shapes(slug):
        if shape[0] == "ellipse":
            _, x, y, radius_x, radius_y = shape
            boxes.append((x - radius_x, y - radius_y, x + radius_x, y + radius_y))
        else:
            xs, ys = [point[0] for point in shape[1]], [point[1] for point in shape[1]]
            boxes.append((min(xs), min(ys), max(xs), max(ys)))
    return boxes


def rounded_outline(points, corner) -> str:
    """Return a closed path through the points with every corner rounded off by `corner`."""
    path, count = [], len(points)
    for i in range(count):
        (before_x, before_y), (x, y), (after_x, after_y) = (
            points[i - 1],
            points[i],
            points[(i + 1) % count],
        )
        leave = toward((x, y), (before_x, before_y), corner)
        arrive = toward((x, y), (after_x, after_y), corner)
        path.append(
            f"{'M' if i == 0 else 'L'}{short_number(leave[0])} {short_number(leave[1])}"
            f"Q{short_number(x)} {short_number(y)} {short_number(arrive[0])} "
            f"{short_number(arrive[1])}"
        )
    return "".join(path) + "Z"


def toward(start, target, distance):
    """Return the point `distance` from start toward target (at most half way)."""
    step_x, step_y = target[0] - start[0], target[1] - start[1]
    length = max((step_x * step_x + step_y * step_y) ** 0.5, 1e-9)
    distance = min(distance, length / 2)
    return (start[0] + step_x / length * distance, start[1] + step_y / length * distance)


def badge_position(slug):
    """Return where the region's number goes: the middle of its first (left-hand) shape."""
    if slug in BADGE_BETWEEN_BLADES:  # never on a shoulder blade (nor hiding one)
        return CENTRES["back"], BADGE_BETWEEN_BLADES[slug]
    shape = min(
        region_shapes(slug),
        key=lambda shape: (
            shape[1] if shape[0] == "ellipse" else min(point[0] for point in shape[1])
        ),
    )
    if shape[0] == "ellipse":
        return shape[1], shape[2]
    points = shape[1]
    return (
        sum(point[0] for point in points) / len(points),
        sum(point[1] for point in points) / len(points),
    )


def number_badge(slug, number) -> str:
    x, y = badge_position(slug)
    return (
        f'<g class="bm-badge" aria-hidden="true"><circle cx="{short_number(x)}" '
        f'cy="{short_number(y)}" r="9.5" fill="{PAPER}" stroke="{OUTLINE}" stroke-width="1.5"/>'
        f'<text x="{short_number(x)}" y="{short_number(y + 4.8)}" text-anchor="middle" '
        f'font-size="13.5" font-weight="700" fill="{INK}">{number}</text></g>'
    )


def region_path(slug) -> str:
    parts = []
    for shape in region_shapes(slug):
        if shape[0] == "ellipse":
            _, x, y, radius_x, radius_y = shape
            radii = f"{short_number(radius_x)} {short_number(radius_y)}"
            parts.append(
                f"M{short_number(x - radius_x)} {short_number(y)}a{radii} 0 1 0 "
                f"{short_number(2 * radius_x)} 0a{radii} 0 1 0 {short_number(-2 * radius_x)} 0Z"
            )
        else:
            parts.append(rounded_outline(shape[1], shape[2]))
    return "".join(parts)


def silhouette(centre, element_id) -> str:
    """Return a plain, soft silhouette: the same for front and back (no face, no detail)."""
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
    outline = rounded_outline([(centre + x, y) for x, y in torso], 9)
    limbs = []
    for sign in (-1, 1):
        arm = [(centre + sign * 38, 88), (centre + sign * 45, 140), (centre + sign * 50, 188)]
        leg = [(centre + sign * 17, 184), (centre + sign * 18, 260)]
        limbs.append(
            f'<path d="M{short_number(arm[0][0])} {short_number(arm[0][1])}'
            f"L{short_number(arm[1][0])} {short_number(arm[1][1])}"
            f'L{short_number(arm[2][0])} {short_number(arm[2][1])}" stroke-width="15"/>'
        )
        limbs.append(
            f'<path d="M{short_number(leg[0][0])} {short_number(leg[0][1])}'
            f'L{short_number(leg[1][0])} {short_number(leg[1][1])}" stroke-width="22"/>'
        )
    return (
        f'<g id="{element_id}" class="bm-body" fill="{SILHOUETTE}" stroke="{SILHOUETTE}" '
        'stroke-linecap="round" stroke-linejoin="round">'
        f'<circle cx="{centre}" cy="36" r="17" stroke="none"/><rect x="{centre - 9}" y="48" '
        f'width="18" height="22" stroke="none"/><path d="{outline}" stroke="none"/>'
        f"{''.join(limbs)}</g>"
    )


def render_body_map(
    *,
    mode: str,
    areas: Mapping[str, str],
    href: Callable[[str], str] | Mapping[str, str] | None = None,
    selected=(),
    id_prefix: str = "bodymap",
    title: str | None = None,
    current: str | None = None,
) -> str:
    """Return the body map's HTML: the SVG and its legend list."""
    # areas: slug -> name, in display order (BodyArea rows); slugs without a drawn region are still
    # in the legend. href: a function or mapping giving each slug's link (links mode). current: the
    # area whose link is the page being shown (links mode): filled in and marked as current.
    if mode not in ("links", "highlight"):
        raise ValueError("mode must be 'links' or 'highlight'")
    links = href if href is not None else (lambda slug: f"?area={slug}")
    link = links if callable(links) else (lambda slug: links[slug])
    chosen = [slug for slug in areas if slug in set(selected)]
    title_id, desc_id = f"{id_prefix}-title", f"{id_prefix}-desc"
    drawn = [slug for slug in DRAW_ORDER if slug in areas]
    number = {slug: i for i, slug in enumerate((slug for slug in areas if slug in REGIONS), 1)}
    regions = []
    for slug in drawn:
        path, name = region_path(slug), areas[slug]
        if mode == "links":
            here = slug == current
            regions.append(
                f'<a href="{escape(link(slug))}" class="bm-area bm-area-{slug}'
                f'{" is-current" if here else ""}" data-area="{slug}"'
                f'{' aria-current="true"' if here else ""} aria-label="{escape(name)}">'
                f"<title>{escape(name)}</title>"
                f'<path class="bm-focus" d="{path}" fill="none" stroke="none"/>'
                f'<path class="bm-region" d="{path}" fill="{HIGHLIGHT if here else REGION}" '
                f'stroke="{OUTLINE}" stroke-width="1.5"/>'
                f"{number_badge(slug, number[slug])}</a>"
            )
        elif slug in chosen:
            regions.append(
                f'<g class="bm-area bm-area-{slug}" data-area="{slug}">'
                f'<path class="bm-on" d="{path}" fill="{HIGHLIGHT}" stroke="{OUTLINE}" '
                f'stroke-width="1.5"/></g>'
            )
    if mode == "links":
        heading = title or "Where does it hurt? Choose an area of your body"
        desc = (
            "Front and back views of a body. Each numbered area is a link to the exercises for it: "
            + ", ".join(f"{number[slug]} {areas[slug]}" for slug in number)
            + "."
        )
        role = 'role="group"'
        items = "".join(
            f'<li><a href="{escape(link(slug))}" data-area="{slug}"'
            f"{' aria-current="true" class="is-current"' if slug == current else ''}>"
            f'<span class="bodymap__swatch" aria-hidden="true">{number.get(slug, "")}</span>'
            f'<span class="bodymap__name">{escape(name)}</span></a></li>'
            for slug, name in areas.items()
        )
        legend = f'<ul class="bodymap__legend">{items}</ul>'
    else:
        names = [areas[slug] for slug in chosen]
        heading = title or "Where this exercise works"
        desc = (
            "Front and back views of a body with these areas coloured in: " + ", ".join(names) + "."
            if names
            else "Front and back views of a body; no area is marked."
        )
        role = 'role="img"'
        items = "".join(
            f'<li><span class="bodymap__swatch" aria-hidden="true"></span>{escape(areas[slug])}</li>'
            for slug in chosen
        )
        legend = (
            f'<p class="bodymap__legend-title" id="{id_prefix}-legend">Works on:</p>'
            f'<ul class="bodymap__legend" aria-labelledby="{id_prefix}-legend">{items}</ul>'
        )
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 {TOP} {WIDTH} {HEIGHT - TOP}" '
        f'width="{WIDTH}" height="{HEIGHT - TOP}" {role} aria-labelledby="{title_id} {desc_id}" '
        f'focusable="false"><title id="{title_id}">{escape(heading)}</title>'
        f'<desc id="{desc_id}">{escape(desc)}</desc>'
        # Front and back share one silhouette: the back is the front, moved across.
        f"{silhouette(CENTRES['front'], f'{id_prefix}-body')}"
        f'<use href="#{id_prefix}-body" x="{CENTRES["back"] - CENTRES["front"]}"/>'
        f"{''.join(regions)}</svg>"
    )
    # The views are named in the page's text (not in the SVG), so the words keep the page's size.
    views = '<p class="bodymap__views" aria-hidden="true"><span>Front</span><span>Back</span></p>'
    return (
        f'<div class="bodymap bodymap--{mode}"><figure class="bodymap__figure">{views}{svg}</figure>'
        f"{legend}</div>"
    )
