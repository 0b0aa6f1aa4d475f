"""The animated figure, moved by the static stylesheet figures-motion.css alone (no JS, no SMIL).

Each segment is a nested <g> per phase (one phase from each pose to the next) whose classes name a
quantised rotation, scale or shift; css_rules() writes the classes and keyframes once for every
figure, so pages carry no inline styles.
"""

import math
from itertools import pairwise

from .props import BAND_POST_TOP, band_fixture, draw_props, find_prop
from .schema import MAX_POSES, POSTURES, SIDES
from .skeleton import SEGMENTS, screen_point
from .still import layers, segment_geometry, segment_parts, svg_document
from .svg import PROP, halo_group, line, short_number, translate_rotate

# The quantised steps the stylesheet defines: degrees, percent (even) and pixels.
ROTATION_RANGE, SCALE_MAX, SHIFT_RANGE = 180, 400, 80
MOVE_SECONDS, HOLD_SECONDS = 1.4, 0.6  # per movement and per pause at each position
CSS_MARKER = "/* ==== generated animation classes below ==== */"
CSS_COMMAND = "python -m exercises.figures --css static/css/figures-motion.css"


def animation_svg(scene, title, desc, id_prefix) -> str:
    """Return the figure moving slowly through the scene's poses and back, as an <svg>."""
    phase_count = len(scene.frames) - 1
    body = AnimatedFigure(scene, id_prefix).draw()
    band = find_prop(scene.props, "band")
    if band:
        body += band_fixture(scene, band, scene.viewbox[1] + 3, knot=False)
    return svg_document(
        scene,
        title,
        desc,
        id_prefix,
        body,
        extra_class=f"fig-anim fig-m{phase_count}",
        animated=True,
    )


def wrap_angle(degrees):
    """Return the same turn within ±180°."""
    return (degrees + 180) % 360 - 180


def segment_tree(anchor):
    """Return {parent segment or None: [(segment, drawn from its start?)]}, from the anchor out."""
    children, seen, queue = {}, {anchor}, [(anchor, None)]
    while queue:
        joint, via = queue.pop(0)
        for segment in SEGMENTS:
            if joint in (segment.start, segment.end):
                other = segment.end if joint == segment.start else segment.start
                if other not in seen:
                    seen.add(other)
                    children.setdefault(via, []).append((segment, joint == segment.start))
                    queue.append((other, segment.name))
    return children


def quantised_steps(values, step, lowest, highest):
    """Quantise a running total so errors never add up: per-phase steps whose sums track values."""
    steps, done = [], 0
    for value in values:
        target = max(lowest, min(highest, round(value / step)))
        steps.append(target - done)
        done = target
    return steps


def scale_factors(lengths):
    """Return per-phase scales in even percent whose running product tracks lengths / lengths[0]."""
    base, factors, product = max(lengths[0], 1.0), [], 1.0
    for length in lengths[1:]:
        factor = max(2, min(SCALE_MAX, round(50 * max(length, 1.0) / base / product) * 2))
        factors.append(factor)
        product *= factor / 100
    return factors


def phase_wrappers(family, phase_steps, phase_count, inner, unchanged=0) -> str:
    """Nest one animated <g> per phase that changes something (family: r, s, x or y)."""
    for phase, step in reversed(list(enumerate(phase_steps, 1))):
        if step != unchanged:
            inner = f'<g class="fa f{family} k{phase}m{phase_count} q{family}{step}">{inner}</g>'
    return inner


class AnimatedFigure:
    """The first pose as nested segments that turn and stretch, each in its parent's frame."""

    def __init__(self, scene, id_prefix="fig"):
        self.scene = scene
        self.id_prefix = id_prefix
        self.phase_count = len(scene.frames) - 1
        self.anchor = POSTURES[scene.poses[0]["posture"]].anchor
        self.children = segment_tree(self.anchor)
        self.lengths = {}  # segment name -> its length in each pose
        self.turns = {}  # segment name -> its direction in each pose, unwrapped (no jumps of 360°)

    def measure(self, segment, from_start, parent):
        geometry = [segment_geometry(frame, segment, from_start)[2:] for frame in self.scene.frames]
        known = [degrees for _, degrees in geometry if degrees is not None]
        fallback = known[0] if known else (self.turns[parent][0] if parent else 0.0)
        directions, last = [], None
        for _, degrees in geometry:
            if degrees is None:
                degrees = last if last is not None else fallback
            directions.append(degrees if last is None else last + wrap_angle(degrees - last))
            last = directions[-1]
        self.lengths[segment.name] = [length for length, _ in geometry]
        self.turns[segment.name] = directions

    def rotation_steps(self, name, parent):
        """Return the segment's turn in each phase relative to its parent, the shorter way round."""
        own = [round(degrees - self.turns[name][0]) for degrees in self.turns[name]]
        inherited = (
            [0] * len(own)
            if parent is None
            else [round(degrees - self.turns[parent][0]) for degrees in self.turns[parent]]
        )
        relative = [mine - theirs for mine, theirs in zip(own, inherited, strict=True)]
        return [wrap_angle(after - before) for before, after in pairwise(relative)]

    def draw_children(self, parent, included, role) -> str:
        """Return the segments below `parent` (only those `included` drawn) as nested groups."""
        out = []
        for segment, from_start in self.children.get(parent, []):
            if segment.name not in self.lengths:
                self.measure(segment, from_start, parent)
            lengths = self.lengths[segment.name]
            inner = self.draw_children(segment.name, included, role)
            stroke_svg, far = ("", "")
            if segment.name in included and role == "band":
                far = self.band_end(segment)
            elif segment.name in included:
                stroke_svg, far = segment_parts(
                    segment,
                    max(lengths[0], 1.0),
                    self.scene.view,
                    role,
                    self.scene.highlight,
                    self.scene.props,
                    from_start,
                )
            if not (stroke_svg or far or inner):
                continue
            if stroke_svg:
                stroke_svg = phase_wrappers(
                    "s", scale_factors(lengths), self.phase_count, stroke_svg, unchanged=100
                )
            shifts = quantised_steps(
                [length - lengths[0] for length in lengths[1:]], 1, -SHIFT_RANGE, SHIFT_RANGE
            )
            tail = (
                phase_wrappers("x", shifts, self.phase_count, far + inner) if (far or inner) else ""
            )
            if parent is None:
                x0, y0 = screen_point(self.scene.frames[0], self.anchor)
                place = translate_rotate(x0, y0, self.turns[segment.name][0])
            else:
                relative = self.turns[segment.name][0] - self.turns[parent][0]
                place = translate_rotate(self.lengths[parent][0], 0, relative)
            body = phase_wrappers(
                "r",
                self.rotation_steps(segment.name, parent),
                self.phase_count,
                stroke_svg + tail,
            )
            out.append(f'<g transform="{place}">{body}</g>')
        return "".join(out)

    def shift_of_the_anchor(self):
        """Return a function wrapping a drawing in the anchor joint's own movement."""
        points = [screen_point(frame, self.anchor) for frame in self.scene.frames]
        shifts_x = quantised_steps(
            [x - points[0][0] for x, _ in points[1:]], 1, -SHIFT_RANGE, SHIFT_RANGE
        )
        shifts_y = quantised_steps(
            [y - points[0][1] for _, y in points[1:]], 1, -SHIFT_RANGE, SHIFT_RANGE
        )
        return lambda inner: phase_wrappers(
            "x", shifts_x, self.phase_count, phase_wrappers("y", shifts_y, self.phase_count, inner)
        )

    def band_end(self, segment) -> str:
        """Return the band, from the hand toward its anchor in the hand's own frame."""
        # So it never leaves the hand while the arm moves (its far end may wander a little).
        anchor_x, anchor_y = self.scene.band_anchor
        turn = self.turns[segment.name]
        own = [round(degrees - turn[0]) for degrees in turn]
        relative, lengths, last = [], [], None
        for frame, own_turn in zip(self.scene.frames, own, strict=True):
            hand_x, hand_y = screen_point(frame, segment.end)
            degrees = (
                math.degrees(math.atan2(anchor_y - hand_y, anchor_x - hand_x)) - turn[0] - own_turn
            )
            relative.append(degrees if last is None else last + wrap_angle(degrees - last))
            last = relative[-1]
            lengths.append(max(math.hypot(anchor_x - hand_x, anchor_y - hand_y), 1.0))
        steps = [
            wrap_angle(round(after - relative[0]) - round(before - relative[0]))
            for before, after in pairwise(relative)
        ]
        tuck = 4  # the far end reaches under the post or bar, which is drawn over it
        band = line(0, 0, lengths[0] + tuck, 0, PROP, 3.5, "fig-prop fig-band", cap="butt")
        stretched = phase_wrappers(
            "s",
            scale_factors([length + tuck for length in lengths]),
            self.phase_count,
            band,
            unchanged=100,
        )
        inner = phase_wrappers("r", steps, self.phase_count, stretched)
        place = translate_rotate(self.lengths[segment.name][0], 0, relative[0])
        return f'<g transform="{place}">{inner}</g>'

    def short_of_the_post(self, band) -> str:
        """Return the band, cut off at the post's far side where the post is seen from above.

        Between poses the band's far end wanders a little; a tall post hides that, but the small
        square of a post seen from above left two ticks of band showing past it."""
        if self.scene.view != "top":
            return band
        x, y, width, _ = self.scene.viewbox
        clip = f"{self.id_prefix}-band"
        height = self.scene.band_anchor[1] + BAND_POST_TOP / 2 - y
        return (
            f'<clipPath id="{clip}"><rect x="{short_number(x)}" y="{short_number(y)}" '
            f'width="{short_number(width)}" height="{short_number(height)}"/></clipPath>'
            f'<g clip-path="url(#{clip})">{band}</g>'
        )

    def draw(self) -> str:
        """Return the whole moving body, layer by layer as the still first pose is."""
        shift = self.shift_of_the_anchor()
        out = []
        for kind, segments in layers(self.scene, self.scene.frames[0]):
            if kind == "band":
                hands = {f"{side.prefix}_hand" for side in SIDES}
                out.append(self.short_of_the_post(shift(self.draw_children(None, hands, "band"))))
                continue
            if kind == "seat":
                out.append(draw_props(self.scene, seat_layer=True))
                continue
            names = {segment.name for segment in segments}
            inner = self.draw_children(None, names, kind)
            if inner:
                out.append(halo_group(shift(inner)) if kind == "halo" else shift(inner))
        return "".join(out)


# ---- the generated part of figures-motion.css ----------------------------------------------
def css_rules() -> str:
    """Return the animation classes and per-phase keyframes every animated figure uses."""
    out = [f"/* Generated by `{CSS_COMMAND}`; do not edit by hand. */"]
    properties = {
        "r": ("rotate", "0deg", "var(--r)"),
        "s": ("scale", "1", "var(--s) 1"),
        "x": ("translate", "0 0", "var(--x) 0"),
        "y": ("translate", "0 0", "0 var(--y)"),
    }
    for phase_count in range(1, MAX_POSES):
        total = phase_count * (MOVE_SECONDS + HOLD_SECONDS)
        out.append(f".fig-m{phase_count} .fa {{ animation-duration: {short_number(total)}s; }}")
        for phase in range(1, phase_count + 1):
            starts = (HOLD_SECONDS / 2 + (phase - 1) * (MOVE_SECONDS + HOLD_SECONDS)) / total * 100
            ends = starts + MOVE_SECONDS / total * 100
            for family, (css_property, at_rest, moved) in properties.items():
                name = f"{family}{phase}m{phase_count}"
                out.append(f".f{family}.k{phase}m{phase_count} {{ animation-name: fig-{name}; }}")
                out.append(
                    f"@keyframes fig-{name} {{ 0%, {starts:.2f}% {{ {css_property}: {at_rest}; }} "
                    f"{ends:.2f}%, 100% {{ {css_property}: {moved}; }} }}"
                )
    out += [
        f".qr{step} {{ --r: {step}deg; }}"
        for step in range(-ROTATION_RANGE, ROTATION_RANGE + 1)
        if step
    ]
    out += [
        f".qs{step} {{ --s: {step / 100:g}; }}"
        for step in range(2, SCALE_MAX + 1, 2)
        if step != 100
    ]
    for family in "xy":
        out += [
            f".q{family}{step} {{ --{family}: {step}px; }}"
            for step in range(-SHIFT_RANGE, SHIFT_RANGE + 1)
            if step
        ]
    return "\n".join(out) + "\n"


def write_css(path):
    """Replace everything after CSS_MARKER in the stylesheet with css_rules()."""
    with open(path, encoding="utf-8") as stylesheet:
        text = stylesheet.read()
    head = text.split(CSS_MARKER)[0]
    with open(path, "w", encoding="utf-8") as stylesheet:
        stylesheet.write(head + CSS_MARKER + "\n" + css_rules())
