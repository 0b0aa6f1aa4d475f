from django import forms
from django.utils.http import urlencode

from .models import Kind

NO_EQUIPMENT = "none"
FILTERS = {"area": "Body area", "kind": "Kind", "equipment": "Equipment"}
UNKNOWN = {
    "area": "We have no body area by that name.",
    "kind": "We have no kind of exercise by that name.",
    "equipment": "We have no equipment by that name.",
}


def facets(exercise) -> dict[str, set[str]]:
    """Return the filter values an exercise (from ExerciseQuerySet.for_list()) matches."""
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

    def __init__(self, *args, exercises, **kwargs):
        super().__init__(*args, **kwargs)
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

    @staticmethod
    def _url(query: dict[str, str]) -> str:
        return f"?{urlencode(query)}" if query else "?"

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
