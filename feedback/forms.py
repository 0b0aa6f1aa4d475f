from crispy_forms.helper import FormHelper
from django import forms

from .pages import is_guide_page

COMMENT_HELP = (
    "Up to 500 characters. Please do not write your name, email, phone number or anything else "
    "that says who you are. We cannot reply. If you need advice about your own symptoms, contact "
    "the clinic."
)

UNKNOWN_PAGE = (
    "We could not tell which page of the guide this is about, so nothing was saved. "
    "Please go back to the page and send it from there."
)


class FeedbackForm(forms.Form):
    """ "Was this page helpful?": Yes or No, an optional comment, and the page it is about."""

    helpful = forms.TypedChoiceField(
        label="Was this page helpful?",
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda answer: answer == "yes",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose Yes or No, then press “Send” again.",
            "invalid_choice": "Choose Yes or No, then press “Send” again.",
        },
    )
    comment = forms.CharField(
        label="What would make this page better? (optional)",
        help_text=COMMENT_HELP,
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "max_length": "Please shorten your comment to 500 characters or fewer "
            "(it has %(show_value)d). Your text is still below."
        },
    )
    page = forms.CharField(
        widget=forms.HiddenInput,
        max_length=200,
        error_messages={"required": UNKNOWN_PAGE, "max_length": UNKNOWN_PAGE},
    )

    def __init__(self, *args, request=None, **kwargs):
        # Its own ids: it shares each page with that page's own forms.
        kwargs.setdefault("auto_id", "feedback_%s")
        super().__init__(*args, **kwargs)
        self.request = request
        self.helper = FormHelper()
        # The template writes the <form> tag (feedback/_fields.html). It has no CSRF token: the
        # same form is on every visitor's copy of a cached page, and the public site sets no
        # cookie. The view checks where a post comes from instead (feedback.views).
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def clean_page(self):
        page = self.cleaned_data["page"]
        if not is_guide_page(self.request, page):
            raise forms.ValidationError(UNKNOWN_PAGE)
        return page
