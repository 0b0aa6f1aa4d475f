"""System checks that read content: `manage.py check --database default` (and `migrate`) tell staff
what the site is missing.

They are tagged `database`, so Django runs them only when a check is asked to read a database: a
deployment check (`check --deploy`) never fails because staff have not filled something in yet.
"""

from django.core.checks import Tags, Warning, register
from django.db import DEFAULT_DB_ALIAS, DatabaseError

from .models import ClinicDetails


@register(Tags.database)
def clinic_details_check(app_configs=None, databases=None, **kwargs):
    """Warn while patients have no way to reach the clinic (no valid phone, no email, no address)."""
    if DEFAULT_DB_ALIAS not in (databases or ()):
        return []
    try:
        clinic = ClinicDetails.objects.first()
    except DatabaseError:
        # Not migrated yet: there is nothing to check.
        return []
    if clinic is None:
        return [
            Warning(
                "The clinic's details have not been entered, so patients have no way to contact "
                "the clinic.",
                hint="Run `manage.py load_guide`, then fill in the phone, email or address under "
                "Guidance › Clinic details in the admin.",
                id="guidance.W001",
            )
        ]
    reminder = clinic.reminder()
    if not reminder:
        return []
    return [
        Warning(
            reminder,
            hint="Fill in the phone, email or address under Guidance › Clinic details in the admin.",
            obj=clinic,
            id="guidance.W001",
        )
    ]
