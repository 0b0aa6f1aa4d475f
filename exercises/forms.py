from urllib.parse import quote, urlencode

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Max

from .dosage import LIMITS, Dose
from .models import Kind
from .routines import GROWS, Adjustment, Progression

NO_EQUIPMENT = "none"
FILTERS = {"area": "Body area", "kind": "Kind", "equipment": "Equipment"}
UNKNOWN = {
    "area": "We have no body area by that name.",
    "kind": "We have no kind of exercise by that name.",
    "equipment": "We have no equipment by that name.",
}


def facets(exercise) -> dict[str, set[str]]:
    """Return the filter values an exercise (from ExerciseQuerySet.with_details()) matches."""
    equipment = {item.slug for item in exercise.equipment_list} or {NO_EQUIPMENT}
    return {
        "area": {area.slug for area in exercise.area_list},
        "kind": {exercise.kind},
        "equipment": equipment,
    }


class ExerciseFilterForm(forms.Form):
    """The exercise list's filters, read from the query string, over the published exercises.

    The options come from the exercises themselves, so a filter that would show nothing (an area
    whose only exercise is a draft, "Strength" once "Neck" is chosen) is never offered. An unknown
    value gets a message that does not repeat it, and is left out of every link.
    """

    area = forms.CharField(required=False)
    kind = forms.CharField(required=False)
    equipment = forms.CharField(required=False)

    def __init__(self, *args, exercises, keep: dict[str, str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        # Parameters every filter link carries along (a routine being built).
        self.keep = keep or {}
        self.exercises = [(exercise, facets(exercise)) for exercise in exercises]
        self.options = self._options()

    def _options(self) -> dict[str, dict[str, str]]:
        """Return each filter's values and labels, in the guide's order, as the exercises have them."""
        areas = {area.slug: area for exercise, _ in self.exercises for area in exercise.area_list}
        equipment = {
            item.slug: item for exercise, _ in self.exercises for item in exercise.equipment_list
        }
        kinds = {exercise.kind for exercise, _ in self.exercises}
        equipment_options = {
            slug: item.name for slug, item in sorted(equipment.items(), key=lambda i: i[1].order)
        }
        if any(NO_EQUIPMENT in found["equipment"] for _, found in self.exercises):
            equipment_options = {NO_EQUIPMENT: "None needed", **equipment_options}
        return {
            "area": {
                slug: area.name
                for slug, area in sorted(areas.items(), key=lambda i: (i[1].order, i[1].name))
            },
            "kind": {value: label for value, label in Kind.choices if value in kinds},
            "equipment": equipment_options,
        }

    def clean(self):
        for name in FILTERS:
            value = self.cleaned_data.get(name)
            if value and value not in self.options[name]:
                self.add_error(name, UNKNOWN[name])
        return self.cleaned_data

    def chosen(self) -> dict[str, str]:
        """Return the valid filter values the visitor chose."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {
            name: value
            for name in FILTERS
            if (value := self.cleaned_data.get(name)) and name not in self.errors
        }

    def _matching(self, chosen: dict[str, str]) -> list:
        return [
            exercise
            for exercise, found in self.exercises
            if all(value in found[name] for name, value in chosen.items())
        ]

    def results(self) -> list:
        """Return the exercises that match every chosen filter (none if a value is unknown)."""
        return [] if self.errors else self._matching(self.chosen())

    def _url(self, query: dict[str, str]) -> str:
        query = {**query, **self.keep}
        # A routine's code keeps its readable characters.
        return f"?{urlencode(query, safe=':,./', quote_via=quote)}" if query else "?"

    def filter_groups(self) -> list[dict]:
        """Return each filter with its links: "All", then every option that would show something."""
        chosen = self.chosen()
        groups = []
        for name, label in FILTERS.items():
            others = {key: value for key, value in chosen.items() if key != name}
            links = [
                {
                    "value": "",
                    "label": "All",
                    "url": self._url(others),
                    "active": name not in chosen,
                }
            ]
            for value, option in self.options[name].items():
                query = {**others, name: value}
                if chosen.get(name) == value or self._matching(query):
                    links.append(
                        {
                            "value": value,
                            "label": option,
                            "url": self._url(query),
                            "active": chosen.get(name) == value,
                        }
                    )
            groups.append({"name": name, "label": label, "links": links})
        return groups

    def query_string(self) -> str:
        """Return the chosen filters as the list writes them in its links ("area=neck&kind=stretch")."""
        return self._url(self.chosen()).removeprefix("?")

    def active_filters(self) -> list[dict]:
        """Return the chosen filters, each with a link that removes it."""
        chosen = self.chosen()
        return [
            {
                "label": self.options[name][value],
                "remove_url": self._url({k: v for k, v in chosen.items() if k != name}),
            }
            for name, value in chosen.items()
        ]


def _often_choices() -> list[tuple[str, str]]:
    low, high = LIMITS["times_per_day"][:2]
    per_day = {1: "Once a day", 2: "Twice a day"}
    choices = [(f"{n}/d", per_day.get(n, f"{n} times a day")) for n in range(low, high + 1)]
    low, high = LIMITS["days_per_week"][:2]
    choices += [
        (f"{n}/w", "Every day" if n == 7 else f"{n} day{'s' if n > 1 else ''} a week")
        for n in range(low, high + 1)
    ]
    return choices


def _number(name: str, label: str) -> forms.IntegerField:
    low, high, unit, _why = LIMITS[name]
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=low,
        max_value=high,
        error_messages={
            "min_value": f"Enter {low} or more.",
            "max_value": f"Enter {high} {unit} or fewer.",
            "invalid": "Enter a whole number.",
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "class": "form-control"}),
    )


PROGRESSION_CHOICES = {"repetitions": "Repetitions", "hold_seconds": "Hold (seconds)"}


class DoseForm(forms.Form):
    """Change one exercise's dose in a routine; an empty box keeps the guide's number.

    A routine page holds one per exercise, so it renders with Django's own widgets (Bootstrap's
    classes set here), not crispy's templates, which cost several milliseconds a form.

    Only the numbers the exercise uses are offered (a hold for a stretch, sets for strength); the
    dose as a whole is checked by the view, against the exercise's own.
    """

    reps = _number("repetitions", "Repetitions")
    sets = _number("sets", "Sets")
    hold = _number("hold_seconds", "Hold (seconds)")
    often = forms.ChoiceField(
        label="How often",
        required=False,
        choices=[("", "As the guide says"), *_often_choices()],
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    # A physiotherapist's weekly progression, counted from the routine's start date.
    grows = forms.ChoiceField(
        label="Increase each week",
        required=False,
        choices=[("", "Nothing: keep this dose"), *PROGRESSION_CHOICES.items()],
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    step = forms.IntegerField(
        label="Increase by",
        required=False,
        min_value=1,
        max_value=max(GROWS.values()),
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "class": "form-control"}),
    )
    up_to = forms.IntegerField(
        label="Up to",
        required=False,
        min_value=1,
        max_value=max(LIMITS[name][1] for name in GROWS),
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "class": "form-control"}),
    )

    def __init__(self, *args, dose: Dose, base: Dose, index: int, progression=None, **kwargs):
        kwargs.setdefault("auto_id", f"id_dose{index}_%s")
        super().__init__(*args, **kwargs)
        self.index = index
        if base.sets is None and dose.sets is None:
            del self.fields["sets"]
        if base.hold_seconds is None and dose.hold_seconds is None:
            del self.fields["hold"]
        often = ""
        if dose.times_per_day:
            often = f"{dose.times_per_day}/d"
        elif dose.days_per_week:
            often = f"{dose.days_per_week}/w"
        self.fields["grows"].choices = [
            (value, label)
            for value, label in self.fields["grows"].choices
            if not value or getattr(base, value) is not None or getattr(dose, value) is not None
        ]
        self.initial = {
            "reps": dose.repetitions,
            "sets": dose.sets,
            "hold": dose.hold_seconds,
            "often": often,
            "grows": progression.grows if progression else "",
            "step": progression.step if progression else None,
            "up_to": progression.up_to if progression else None,
        }

    def clean(self):
        data = super().clean()
        if data.get("grows"):
            needed = {
                "step": "Enter how much to add each week.",
                "up_to": "Enter the most it should grow to.",
            }
            for name, message in needed.items():
                if data.get(name) is None and name not in self.errors:
                    self.add_error(name, message)
        return data

    def progression(self) -> Progression | None:
        """Return the weekly increase given, if any (call after is_valid())."""
        data = self.cleaned_data
        if not data.get("grows"):
            return None
        return Progression(grows=data["grows"], step=data["step"], up_to=data["up_to"])

    def adjustment(self) -> Adjustment:
        """Return the numbers the patient gave (call after is_valid())."""
        data = self.cleaned_data
        times = days = None
        if often := data.get("often"):
            number, unit = often.split("/")
            times, days = (int(number), None) if unit == "d" else (None, int(number))
        return Adjustment(
            repetitions=data.get("reps"),
            sets=data.get("sets"),
            hold_seconds=data.get("hold"),
            times_per_day=times,
            days_per_week=days,
        )


# --- An exercise's steps and poses in the admin: renumbered in one save ----------------------------


class PartForm(forms.ModelForm):
    """A step or a pose of an exercise. Its number is checked against the others sent with it (by
    RenumberedFormSet), not against the numbers saved, which the same save may be changing: 1 and 2
    swapped would otherwise each be told the other's number is taken."""

    def validate_constraints(self):
        exclude = self._get_validation_exclusions() | {self._meta.model.position_field}
        try:
            self.instance.validate_constraints(exclude=exclude)
        except ValidationError as error:
            self._update_errors(error)


class RenumberedFormSet(forms.BaseInlineFormSet):
    """An exercise's steps or poses, saved so that no two share a number at any moment: each one
    renumbered or deleted first moves above every number in use, then each takes its new one."""

    def save_existing_objects(self, commit=True):
        if commit:
            field = self.model.position_field
            moving = [
                form.instance.pk
                for form in self.initial_forms
                if form.instance.pk
                and (self._should_delete_form(form) or field in form.changed_data)
            ]
            if moving:
                typed = [
                    form.cleaned_data.get(field) or 0 for form in self.forms if form.cleaned_data
                ]
                saved = self.get_queryset().aggregate(top=Max(field))["top"] or 0
                above = max([saved, *typed]) + 1
                for offset, pk in enumerate(moving):
                    self.model.objects.filter(pk=pk).update(**{field: above + offset})
        return super().save_existing_objects(commit)
