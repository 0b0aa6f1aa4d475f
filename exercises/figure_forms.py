"""The admin's forms for an exercise's pictures: its figure (from the renderer's schema) and photos.

Staff never type JSON for a pose's angles, its arrows or the drawing's props: each angle is a
labelled number box with its range, each arrow a few menus and number boxes, each prop a tick box,
and every problem comes back in words next to what they typed.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Max

from . import figures, photos
from .figures.schema import (
    ARROW_DIRECTIONS,
    ARROW_NUMBERS,
    ARROW_TYPES,
    CIRCLING_ARROWS,
    JOINT_LABELS,
)
from .forms import PartForm, RenumberedFormSet

# --- The drawing as a whole: props, coloured parts, parts drawn in front ------------------------


def _prop_code(prop: dict) -> str:
    options = [f"{key}={value}" for key, value in sorted(prop.items()) if key != "type"]
    return ":".join([prop["type"], *options])


def _prop_choices() -> list[tuple[str, str]]:
    """One tick box per prop and option: "Chair (back: right)", "Resistance band (anchor: overhead)"."""
    choices = []
    for kind, (label, options) in figures.PROPS.items():
        if not options:
            choices.append((kind, label))
            continue
        ((option, values),) = options.items()
        choices += [
            (_prop_code({"type": kind, option: value}), f"{label} ({option}: {value})")
            for value in values
        ]
    return choices


class _ListOfChoicesField(forms.MultipleChoiceField):
    """Tick boxes whose value is kept as JSON: a list (or None when none is ticked, if allowed)."""

    widget = forms.CheckboxSelectMultiple
    none_when_empty = False

    def __init__(self, *, choices, **kwargs):
        super().__init__(choices=choices, required=False, **kwargs)

    def to_codes(self, value) -> list[str]:
        return list(value or [])

    def from_codes(self, codes: list[str]):
        return codes

    def prepare_value(self, value):
        # Initial data is the stored JSON; submitted data is already a list of codes.
        if value and not all(isinstance(item, str) for item in value):
            return self.to_codes(value)
        return value

    def clean(self, value):
        codes = super().clean(value)
        if not codes and self.none_when_empty:
            return None
        return self.from_codes(codes)

    def has_changed(self, initial, data):
        return sorted(self.to_codes(initial)) != sorted(self.prepare_value(data) or [])


class PropsField(_ListOfChoicesField):
    def __init__(self, **kwargs):
        super().__init__(choices=_prop_choices(), **kwargs)

    def to_codes(self, value):
        return [
            _prop_code(prop) for prop in value or [] if isinstance(prop, dict) and "type" in prop
        ]

    def from_codes(self, codes):
        props = []
        for code in codes:
            kind, *options = code.split(":")
            props.append({"type": kind, **dict(option.split("=", 1) for option in options)})
        return props


class HighlightField(_ListOfChoicesField):
    """The parts drawn in colour: none ticked is None (work them out) for the figure, or an empty
    list (the figure's) for a pose's own (`none_when_empty=False`)."""

    def __init__(self, *, none_when_empty=True, **kwargs):
        self.none_when_empty = none_when_empty
        super().__init__(choices=list(figures.HIGHLIGHTABLE.items()), **kwargs)


class InFrontField(_ListOfChoicesField):
    def __init__(self, **kwargs):
        super().__init__(choices=list(figures.CHAINS.items()), **kwargs)


def keep_unticked_order(form, names) -> None:
    """Keep the stored list of a tick-box field whose ticks did not change: the boxes post in
    their own order, and "r_collar, l_collar" for "l_collar, r_collar" was recorded in the history
    as a change nobody made (a staff QA pass, round 24)."""
    for name in names:
        if name in form.cleaned_data and name not in form.changed_data and name in form.initial:
            form.cleaned_data[name] = form.initial[name]


FIGURE_FIELDS = {
    "figure_props": PropsField,
    "figure_highlight": HighlightField,
    "figure_in_front": InFrontField,
}


def drawing_problems(cleaned_data: dict) -> list[str]:
    """Return what is wrong with the view and props on their own, whatever the poses are."""
    sample = {"caption": "Start", "alt": "Standing.", "posture": "standing"}
    data = {
        "view": cleaned_data.get("figure_view"),
        "props": cleaned_data.get("figure_props") or [],
        "highlight": cleaned_data.get("figure_highlight"),
        "in_front": cleaned_data.get("figure_in_front") or [],
        "poses": [sample, sample],
    }
    return figures.validate(data)


# --- A pose: its angles as number boxes, one per angle of the schema ---------------------------


def angle_field(spec: figures.Angle, placeholder: float) -> forms.IntegerField:
    """A number box for one angle, with its range and what an empty box means for the posture."""
    limits = f"{spec.label} goes from {spec.minimum}° to {spec.maximum}° ({spec.hint})."
    return forms.IntegerField(
        label=f"{spec.label} (°)",
        required=False,
        min_value=spec.minimum,
        max_value=spec.maximum,
        help_text=f"{spec.minimum} to {spec.maximum}: {spec.hint}.",
        error_messages={
            "min_value": limits,
            "max_value": limits,
            "invalid": "Enter whole degrees, e.g. 90.",
        },
        widget=forms.NumberInput(
            attrs={"step": 1, "class": "angle-input", "placeholder": f"{placeholder:g}"}
        ),
    )


# --- A pose's arrows: a kind, a joint and, for a circle, its size and sweep --------------------

MAX_ARROWS = 2
ARROW_PARTS = ("type", "joint", "direction", *ARROW_NUMBERS)
CIRCLE_ONLY = ("direction", *ARROW_NUMBERS)
# A short label for each of the schema's ARROW_TYPES.
ARROW_KINDS = {
    "path": "Path from the pose before",
    "slide": "Short straight arrow under the joint, the way it slid",
    "circle": "Circle round the joint",
    "lift": "Short arrow up beside the joint",
    "turn": "Turn round where the joint starts (edged in white)",
    "ahead": "Short straight arrow ahead of the joint, the way it moved",
    "straight": "Straight arrow beside the joint, from where it was to where it is",
}
ARROW_NUMBER_LABELS = {
    "rx": "Circle width",
    "ry": "Circle height",
    "start": "Circle starts at (°)",
    "sweep": "Circle goes round (°)",
}


def arrow_field_name(number: int, part: str) -> str:
    return f"arrow{number}_{part}"


def arrow_fields(number: int) -> dict:
    """The form controls of a pose's arrow `number`: what kind, which joint, and a circle's shape."""
    fields = {
        "type": forms.ChoiceField(
            label=f"Arrow {number}",
            required=False,
            choices=[("", "No arrow"), *((kind, ARROW_KINDS[kind]) for kind in ARROW_TYPES)],
        ),
        "joint": forms.ChoiceField(
            label="Joint",
            required=False,
            choices=[("", "—"), *JOINT_LABELS.items()],
        ),
        "direction": forms.ChoiceField(
            label="Circle direction",
            required=False,
            choices=[
                ("", "Clockwise (usual)"),
                *((way, way.capitalize()) for way in ARROW_DIRECTIONS),
            ],
        ),
    }
    for key, (lowest, highest) in ARROW_NUMBERS.items():
        fields[key] = forms.IntegerField(
            label=ARROW_NUMBER_LABELS[key],
            required=False,
            min_value=lowest,
            max_value=highest,
            help_text=f"{lowest} to {highest}. Empty: the usual.",
            error_messages={
                "invalid": "Enter a whole number.",
                "min_value": f"Enter a number from {lowest} to {highest}, or leave it empty.",
                "max_value": f"Enter a number from {lowest} to {highest}, or leave it empty.",
            },
            widget=forms.NumberInput(attrs={"step": 1, "class": "angle-input"}),
        )
    return {arrow_field_name(number, part): field for part, field in fields.items()}


def arrow_fieldsets() -> list[tuple[str, dict]]:
    """One folded group per arrow (a group with a mistake in it opens)."""
    return [
        (
            f"Arrow {number} showing the movement",
            {
                "fields": [arrow_field_name(number, part) for part in ARROW_PARTS],
                "classes": ["collapse", "angles"],
            },
        )
        for number in range(1, MAX_ARROWS + 1)
    ]


class _PoseForm(PartForm):
    """A pose with one number box per angle; a box left empty takes the posture's usual angle."""

    highlight = HighlightField(
        none_when_empty=False,
        label="Shaded in this pose (leave empty to use the figure's)",
        help_text="Tick the parts to colour in this pose's picture only, e.g. the other side of "
        "a stretch done on both sides. The moving figure keeps the figure's colours.",
    )

    class Meta:
        fields = ["order", "caption", "alt_text", "posture", "view", "highlight"]
        widgets = {"alt_text": forms.Textarea(attrs={"rows": 2, "cols": 60})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        posture = figures.POSTURES.get(self.instance.posture) or figures.POSTURES["standing"]
        angles = self.instance.angles or {}
        for name in figures.ANGLES:
            self.fields[name].widget.attrs["placeholder"] = f"{posture.defaults.get(name, 0):g}"
            if name in angles:
                self.initial.setdefault(name, angles[name])
        for number, arrow in enumerate(self.instance.arrows[:MAX_ARROWS], 1):
            for part in ARROW_PARTS:
                if part in arrow:
                    self.initial.setdefault(arrow_field_name(number, part), arrow[part])

    def arrows_from_fields(self, cleaned) -> list[dict]:
        """Return the arrows the boxes describe, saying next to a box what is missing or extra."""
        arrows = []
        for number in range(1, MAX_ARROWS + 1):
            values = {part: cleaned.get(arrow_field_name(number, part)) for part in ARROW_PARTS}
            given = {part: value for part, value in values.items() if value not in (None, "")}
            kind = given.get("type")
            if not given:
                continue
            if kind is None:
                self.add_error(
                    arrow_field_name(number, "type"),
                    "Choose the kind of arrow, or empty its other boxes for no arrow.",
                )
            elif "joint" not in given:
                self.add_error(
                    arrow_field_name(number, "joint"), "Choose the joint the arrow follows."
                )
            elif kind not in CIRCLING_ARROWS and any(part in given for part in CIRCLE_ONLY):
                for part in CIRCLE_ONLY:
                    if part in given:
                        self.add_error(
                            arrow_field_name(number, part),
                            "Only a circling arrow has this; empty it, or choose a circle.",
                        )
            else:
                arrows.append(given)
        # Arrows beyond the boxes (only the guide's fixtures can hold more) are kept as they are.
        return arrows + list(self.instance.arrows[MAX_ARROWS:])

    def clean(self):
        cleaned = super().clean()
        keep_unticked_order(self, ["highlight"])
        self.instance.angles = {
            name: value for name in figures.ANGLES if (value := cleaned.get(name)) is not None
        }
        self.instance.arrows = self.arrows_from_fields(cleaned)
        # The pose on its own: its posture, angles and arrows (the view does not matter here).
        alone = {
            "view": "side",
            "posture": cleaned.get("posture") or "standing",
            "angles": self.instance.angles,
            "arrows": self.instance.arrows,
        }
        for problem in figures.validate(alone):
            self.add_error(None, problem.removeprefix("The pose: "))
        return cleaned


# The boxes are declared fields (the admin's fieldsets name them): one per angle of the schema and
# the controls of each arrow.
PoseForm = type(
    "PoseForm",
    (_PoseForm,),
    {
        "__module__": __name__,
        "__doc__": _PoseForm.__doc__,
        **{name: angle_field(spec, 0) for name, spec in figures.ANGLES.items()},
        **{
            name: field
            for number in range(1, MAX_ARROWS + 1)
            for name, field in arrow_fields(number).items()
        },
    },
)


class PoseFormSet(RenumberedFormSet):
    """The poses of one exercise, checked together with how the exercise is drawn."""

    def clean(self):
        super().clean()
        if any(form.errors for form in self.forms):
            return
        # The poses that will be kept: not deleted, and not an extra form left empty.
        kept = [
            form
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE", False)
        ]
        if not kept:
            return
        if len(kept) == 1:
            raise ValidationError(
                "A figure needs at least two poses: a start and an end position. Add another "
                "pose, or delete this one to show no figure."
            )
        kept.sort(key=lambda form: form.cleaned_data["order"])
        exercise = self.instance
        data = {
            "view": exercise.figure_view,
            "props": exercise.figure_props,
            "highlight": exercise.figure_highlight,
            "in_front": exercise.figure_in_front,
            "poses": [
                {
                    "caption": form.cleaned_data["caption"],
                    "alt": form.cleaned_data["alt_text"],
                    "posture": form.cleaned_data["posture"],
                    "angles": form.instance.angles,
                    "arrows": form.instance.arrows,
                    "highlight": form.cleaned_data.get("highlight") or [],
                    "view": form.cleaned_data.get("view") or "",
                }
                for form in kept
            ],
        }
        problems = figures.validate(data)
        if problems:
            raise ValidationError(problems)
        self.figure = data


# --- A photo: uploaded once, checked by its content, kept as renditions -----------------------


class PhotoForm(forms.ModelForm):
    """A photo of the exercise: the file is checked and turned into renditions when saved."""

    upload = forms.FileField(
        label="Photo file",
        required=False,
        help_text=f"JPEG, PNG or WebP, up to {photos.MAX_BYTES // 1024 // 1024} MB and "
        f"{photos.MAX_PIXELS // 1_000_000} megapixels. Choosing a new file replaces the photo. "
        "If the form comes back with a message, choose the file again: browsers do not keep it.",
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        error_messages={"empty": photos.EMPTY},
    )

    class Meta:
        fields = ["upload", "alt_text", "credit", "licence", "source_url", "order"]
        widgets = {"alt_text": forms.Textarea(attrs={"rows": 2, "cols": 60})}

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if upload:
            self.image = photos.check(upload)
        elif not self.instance.renditions:
            raise ValidationError("Choose a photo to upload.")
        return upload

    def save(self, commit=True):
        image = getattr(self, "image", None)
        if image is not None:
            # The files replaced stay: the history's earlier versions refer to them.
            exercise = self.instance.exercise
            made = photos.make_renditions(image, photos.new_folder(exercise.slug))
            self.instance.renditions = [vars(rendition) for rendition in made]
            self.instance.width, self.instance.height = made[-1].width, made[-1].height
        if self.instance._state.adding and "order" not in self.changed_data:
            # A new photo whose number was left as it came goes after the others: each was
            # "Photo 1", and the history read "Photo 1: added" five times (a staff QA pass).
            others = self.instance.exercise.photos.aggregate(top=Max("order"))["top"] or 0
            self.instance.order = others + 1
        return super().save(commit)
