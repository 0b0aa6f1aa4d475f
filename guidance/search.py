"""What site search finds in this app: every section's items and the checklist's warning signs."""

from django.urls import reverse

from backcare.search import Source

from .models import WarningSign, guide_item_search_vector, warning_sign_search_vector
from .sections import SECTIONS


def _item_url(section):
    return lambda slug: f"{section.get_absolute_url()}#{slug}"


SOURCES = [
    *(
        Source(
            kind=section.name,
            label=str(section.model._meta.verbose_name).capitalize(),
            model=section.model,
            title="title",
            summary=("summary",),
            text=("body", "more", "do", "dont"),
            url=_item_url(section),
            vector=guide_item_search_vector,
        )
        for section in SECTIONS
    ),
    Source(
        kind="warning-sign",
        label="Warning sign: check your symptoms",
        model=WarningSign,
        title="question",
        summary=("why",),
        text=(),
        url=lambda slug: reverse("guidance:checklist"),
        vector=warning_sign_search_vector,
        fuzzy_title=False,
    ),
]
