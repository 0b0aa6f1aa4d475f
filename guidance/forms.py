from collections.abc import Sequence

from crispy_forms.bootstrap import StrictButton
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Fieldset, Layout
from django import forms

from .models import SignGroup, WarningSign

NOTHING_TICKED = (
    "Please tick every sign that applies to you, or tick “None of these apply to me”, "
    "then press the button again."
)
NONE_AND_SIGNS = (
    "You ticked “None of these apply to me” and also ticked a sign. "
    "Please untick one of them, then press the button again."
)


class ChecklistForm(forms.Form):
    """The “When to see a doctor” checklist: a group of checkboxes per heading, and “none of these”.

    Each heading is one multiple-choice field whose choices are its published signs, so a value that
    is not one of them (made up, changed, or a sign taken off the checklist) is an error, not ignored.
    """

    none_apply = forms.BooleanField(required=False, label="None of these apply to me")

    def __init__(self, *args, signs: Sequence[WarningSign], **kwargs):
        super().__init__(*args, **kwargs)
        self.signs = list(signs)
        self.group_names: list[str] = []
        fieldsets = []
        for group in SignGroup:
            choices = [(sign.slug, sign.question) for sign in self.signs if sign.group == group]
            if not choices:
                continue
            self.fields[group.value] = forms.MultipleChoiceField(
                choices=choices,
                required=False,
                label="",
                widget=forms.CheckboxSelectMultiple,
                error_messages={
                    "invalid_choice": f"One answer under “{group.label}” is not on this "
                    "checklist, so we could not use it. Your other ticks are kept: please check "
                    "them and press the button again.",
                    "invalid_list": f"We could not read your answers under “{group.label}”. "
                    "Please check them and press the button again.",
                },
            )
            self.group_names.append(group.value)
            fieldsets.append(Fieldset(group.label, group.value, css_id=f"group-{group.value}"))
        self.order_fields([*self.group_names, "none_apply"])

        self.helper = FormHelper()
        self.helper.form_method = "post"
        self.helper.form_class = "checklist"
        self.helper.form_id = "checklist"
        # It stores and changes nothing, so it needs no CSRF token, and the public site sets no cookie.
        self.helper.disable_csrf = True
        # The page shows one summary of every problem above the form instead.
        self.helper.form_show_errors = False
        self.helper.layout = Layout(
            *fieldsets,
            Div("none_apply", css_class="checklist__none", css_id="group-none"),
            StrictButton("See what to do", type="submit", css_class="btn-cta btn-lg"),
        )

    def ticked(self) -> list[str]:
        """Return the slugs of the ticked signs, once the form is valid."""
        return [slug for name in self.group_names for slug in self.cleaned_data.get(name, [])]

    def clean(self):
        cleaned_data = super().clean()
        if any(self.has_error(name) for name in self.group_names):
            return cleaned_data
        ticked = self.ticked()
        if cleaned_data.get("none_apply") and ticked:
            raise forms.ValidationError(NONE_AND_SIGNS, code="none_and_signs")
        if not cleaned_data.get("none_apply") and not ticked:
            raise forms.ValidationError(NOTHING_TICKED, code="nothing_ticked")
        return cleaned_data
