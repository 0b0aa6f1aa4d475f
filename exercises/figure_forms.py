"""The admin's forms for an exercise's pictures: its figure (from the renderer's schema) and photos.

Staff never type JSON for a pose's angles or the drawing's props: each angle is a labelled number
box with its range, each prop a tick box, and every problem comes back in words next to what they
typed.
"""

from django import forms
from django.core.exceptions import ValidationError

from . import figures, photos

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
    none_when_empty = True

    def __init__(self, **kwargs):
        super().__init__(choices=list(figures.HIGHLIGHTABLE.items()), **kwargs)


class InFrontField(_ListOfChoicesField):
    def __init__(self, **kwargs):
        super().__init__(choices=list(figures.CHAINS.items()), **kwargs)


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


class _PoseForm(forms.ModelForm):
    """A pose with one number box per angle; a box left empty takes the posture's usual angle."""

    arrows = forms.JSONField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
        help_text='Optional. E.g. [{"type": "path", "joint": "r_hand"}] draws the path the right '
        'hand takes from the pose before; [{"type": "circle", "joint": "r_shoulder"}] a circling '
        "arrow. Leave empty for none.",
        error_messages={"invalid": "Write the arrows as a list, e.g. [] for none."},
    )

    class Meta:
        fields = ["order", "caption", "alt_text", "posture", "arrows"]
        widgets = {"alt_text": forms.Textarea(attrs={"rows": 2, "cols": 60})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        posture = figures.POSTURES.get(self.instance.posture) or figures.POSTURES["standing"]
        angles = self.instance.angles or {}
        for name in figures.ANGLES:
            self.fields[name].widget.attrs["placeholder"] = f"{posture.defaults.get(name, 0):g}"
            if name in angles:
                self.initial.setdefault(name, angles[name])

    def clean_arrows(self):
        return self.cleaned_data.get("arrows") or []

    def clean(self):
        cleaned = super().clean()
        self.instance.angles = {
            name: value for name in figures.ANGLES if (value := cleaned.get(name)) is not None
        }
        # The pose on its own: its posture, angles and arrows (the view does not matter here).
        alone = {
            "view": "side",
            "posture": cleaned.get("posture") or "standing",
            "angles": self.instance.angles,
            "arrows": cleaned.get("arrows") or [],
        }
        for problem in figures.validate(alone):
            problem = problem.removeprefix("The pose: ")
            self.add_error("arrows" if problem.startswith("arrow") else None, problem)
        return cleaned


# The number boxes are declared fields (the admin's fieldsets name them), one per angle of the schema.
PoseForm = type(
    "PoseForm",
    (_PoseForm,),
    {
        "__module__": __name__,
        "__doc__": _PoseForm.__doc__,
        **{name: angle_field(spec, 0) for name, spec in figures.ANGLES.items()},
    },
)


class PoseFormSet(forms.BaseInlineFormSet):
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
                    "arrows": form.cleaned_data["arrows"],
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
        return super().save(commit)
