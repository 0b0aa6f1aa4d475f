from collections.abc import Sequence

from crispy_forms.bootstrap import StrictButton
from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Div, Fieldset, Hidden, Layout
from django import forms
from django.conf import settings

from .models import SignGroup, WarningSign

NOTHING_TICKED = (
    "Please tick every sign that applies to you, or tick “None of these apply to me”, "
    "then press the button again."
)

# The checklist's two steps, named in a hidden field: the emergency signs first, on their own,
# then the other questions. Nothing else of the answers is carried from one step to the next.
EMERGENCY_STEP = "emergency"
OTHER_STEP = "other"
EMERGENCY_FIELD = "emergency"


def _choice_errors(heading: str) -> dict[str, str]:
    return {
        "invalid_choice": f"One answer under “{heading}” is not on this checklist, so we could "
        "not use it. Your other ticks are kept: please check them and press the button again.",
        "invalid_list": f"We could not read your answers under “{heading}”. "
        "Please check them and press the button again.",
    }


class ChecklistForm(forms.Form):
    """The “When to see a doctor” checklist, in two steps on one page address.

    Step 1 asks only the emergency signs (every published sign whose level is emergency, so a sign
    staff make an emergency moves there by itself). Ticking one gives the result at once; ticking
    none leads to step 2: the other signs, one fieldset per heading, and “None of these apply”.
    Either step's ticks give a result: a red flag is never blocked, not even by “None of these”.
    Each heading is one multiple-choice field whose choices are its published signs, so a value that
    is not one of them (made up, moved, or taken off the checklist) is an error, not ignored.
    """

    none_apply = forms.BooleanField(required=False, label="None of these apply to me")

    def __init__(self, *args, signs: Sequence[WarningSign], step: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.signs = list(signs)
        self.step = step or self._posted_step()

        emergency_heading = f"Call {settings.EMERGENCY_NUMBER} now if you have any of these"
        self.group_names: list[str] = []
        emergency_choices = [(s.slug, s.question) for s in self.signs if s.is_emergency]
        self.has_emergency_step = bool(emergency_choices)
        if emergency_choices:
            self._add_field(EMERGENCY_FIELD, emergency_choices, emergency_heading)
        else:
            # No emergency sign is published: there is no first step to ask.
            self.step = OTHER_STEP
        fieldsets = []
        for group in SignGroup:
            choices = [
                (s.slug, s.question) for s in self.signs if s.group == group and not s.is_emergency
            ]
            if choices:
                self._add_field(group.value, choices, group.label)
                fieldsets.append(Fieldset(group.label, group.value, css_id=f"group-{group.value}"))
        self.order_fields([*self.group_names, "none_apply"])

        self.helper = FormHelper()
        self.helper.form_method = "post"
        # Both steps post to one address, step 2 too (its blank page has an address of its own).
        self.helper.form_action = "guidance:checklist"
        self.helper.form_class = "checklist"
        self.helper.form_id = "checklist"
        # Back to a step shows it blank: the browser does not put the ticks back (on a shared phone,
        # the answers are not kept there either).
        self.helper.attrs = {"autocomplete": "off"}
        # It stores and changes nothing, so it needs no CSRF token, and the public site sets no cookie.
        self.helper.disable_csrf = True
        # The page shows one summary of every problem above the form instead.
        self.helper.form_show_errors = False
        if self.step == EMERGENCY_STEP:
            self.helper.layout = Layout(
                Fieldset(
                    emergency_heading,
                    EMERGENCY_FIELD,
                    css_id=f"group-{EMERGENCY_FIELD}",
                    css_class="checklist__emergency",
                ),
                Hidden("step", EMERGENCY_STEP),
                HTML(
                    '<p class="checklist__next-hint" id="next-hint">If none of these apply, '
                    "continue to the other questions.</p>"
                ),
                StrictButton(
                    "Continue",
                    type="submit",
                    css_class="btn-cta btn-lg",
                    aria_describedby="next-hint",
                ),
            )
        else:
            self.helper.layout = Layout(
                *fieldsets,
                Div("none_apply", css_class="checklist__none", css_id="group-none"),
                Hidden("step", OTHER_STEP),
                StrictButton("See what to do", type="submit", css_class="btn-cta btn-lg"),
            )

    def _posted_step(self) -> str:
        """Return the step whose form was sent; without a (valid) name, the step its answers fit."""
        if not self.is_bound:
            return EMERGENCY_STEP
        posted = self.data.get("step")
        if posted in (EMERGENCY_STEP, OTHER_STEP):
            return posted
        later = [*SignGroup.values, "none_apply"]
        return OTHER_STEP if any(name in self.data for name in later) else EMERGENCY_STEP

    @property
    def is_emergency_step(self) -> bool:
        return self.step == EMERGENCY_STEP

    def _add_field(self, name: str, choices: list[tuple[str, str]], heading: str) -> None:
        self.fields[name] = forms.MultipleChoiceField(
            choices=choices,
            required=False,
            label="",
            widget=forms.CheckboxSelectMultiple,
            error_messages=_choice_errors(heading),
        )
        self.group_names.append(name)

    def ticked(self) -> list[str]:
        """Return the slugs of the ticked signs, once the form is valid."""
        return [slug for name in self.group_names for slug in self.cleaned_data.get(name, [])]

    @property
    def wants_next_step(self) -> bool:
        """Whether step 1 was answered with nothing ticked, so step 2 comes next (once valid)."""
        return (
            self.step == EMERGENCY_STEP
            and not self.ticked()
            and not self.cleaned_data.get("none_apply")
        )

    def clean(self):
        cleaned_data = super().clean()
        if any(self.has_error(name) for name in self.group_names):
            return cleaned_data
        if self.step == OTHER_STEP and not cleaned_data.get("none_apply") and not self.ticked():
            raise forms.ValidationError(NOTHING_TICKED, code="nothing_ticked")
        return cleaned_data
