from django.conf import settings

from .selectors import get_clinic


def clinic(request):
    """Give every page the clinic's details (footer, call to action) and the emergency number."""
    return {"clinic": get_clinic(), "emergency_number": settings.EMERGENCY_NUMBER}
