"""System checks: `manage.py check` (and runserver, migrate) tell staff what the site is missing."""

from django.core.checks import Warning, register
from django.db import DatabaseError

from .models import ClinicDetails


@register()
def clinic_details_check(app_configs=None, **kwargs):
    """Warn while patients have no way to reach the clinic (no valid phone, no email, no address)."""
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
