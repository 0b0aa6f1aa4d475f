from django import forms

from .models import Kind

NO_EQUIPMENT = "none"


class ExerciseFilterForm(forms.Form):
    """The exercise list's filters, read from the query string.

    The view passes the body areas and equipment it already shows as filter links, so validating a
    slug costs no extra query.
    """

    area = forms.CharField(required=False, label="Body area")
    kind = forms.ChoiceField(choices=[("", "Any"), *Kind.choices], required=False, label="Kind")
    equipment = forms.CharField(required=False, label="Equipment")

    def __init__(self, *args, areas, equipment, **kwargs):
        super().__init__(*args, **kwargs)
        self.areas_by_slug = {area.slug: area for area in areas}
        self.equipment_by_slug = {item.slug: item for item in equipment}

    def clean_area(self):
        slug = self.cleaned_data["area"]
        if slug and slug not in self.areas_by_slug:
            raise forms.ValidationError(f"We have no body area called “{slug}”.")
        return self.areas_by_slug.get(slug)

    def clean_equipment(self):
        slug = self.cleaned_data["equipment"]
        if slug == NO_EQUIPMENT:
            return NO_EQUIPMENT
        if slug and slug not in self.equipment_by_slug:
            raise forms.ValidationError(f"We have no equipment called “{slug}”.")
        return self.equipment_by_slug.get(slug)

    def filter(self, queryset):
        """Return the exercises that match every chosen filter."""
        data = self.cleaned_data
        if data.get("area"):
            queryset = queryset.filter(body_areas=data["area"])
        if data.get("kind"):
            queryset = queryset.filter(kind=data["kind"])
        if data.get("equipment") == NO_EQUIPMENT:
            queryset = queryset.filter(equipment=None)
        elif data.get("equipment"):
            queryset = queryset.filter(equipment=data["equipment"])
        return queryset
