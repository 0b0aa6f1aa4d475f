"""Reword the immune-system question on sites loaded before the red-flag review (issue 14).

NICE CKS names HIV and long-term steroids among the risks of a spinal infection; people with
well-treated HIV, or on steroid tablets for asthma, may not think of their immune system as
"weakened", so the question now names them. load_guide never overwrites a loaded row, so this
migration does it, only where the question is still the guide's old wording (staff have not edited
it), and records the change in the question's history.
"""

import datetime

from django.db import migrations
from django.utils import timezone

SLUG = "weak-immune-system"
OLD = (
    "Do you have a weakened immune system, for example from chemotherapy, transplant medicines "
    "or long-term steroid tablets?"
)
NEW = (
    "Is your immune system weak, for example from HIV, cancer treatment or transplant medicine? "
    "Or do you take steroid tablets long-term?"
)
REVIEWED_ON = datetime.date(2026, 11, 27)
REASON = "Reworded after the red-flag review: names HIV and long-term steroid tablets"


def replace(apps, old: str, new: str, reviewed_on: datetime.date | None, reason: str) -> None:
    WarningSign = apps.get_model("guidance", "WarningSign")
    HistoricalWarningSign = apps.get_model("guidance", "HistoricalWarningSign")
    for sign in WarningSign.objects.filter(slug=SLUG, question=old):
        sign.question = new
        if reviewed_on is not None:
            sign.reviewed_on = reviewed_on
        sign.updated_at = timezone.now()
        # An update, not a save: the history row below is the only one, with its reason.
        WarningSign.objects.filter(pk=sign.pk).update(
            question=sign.question, reviewed_on=sign.reviewed_on, updated_at=sign.updated_at
        )
        fields = {f.attname: getattr(sign, f.attname) for f in WarningSign._meta.concrete_fields}
        HistoricalWarningSign.objects.create(
            **fields,
            history_date=sign.updated_at,
            history_type="~",
            history_change_reason=reason,
        )


def reword(apps, schema_editor):
    replace(apps, OLD, NEW, REVIEWED_ON, REASON)


def restore(apps, schema_editor):
    replace(apps, NEW, OLD, None, "The red-flag review's rewording was undone")


class Migration(migrations.Migration):
    dependencies = [("guidance", "0009_content_editors_edit_red_flags_and_combinations")]

    operations = [migrations.RunPython(reword, restore)]
