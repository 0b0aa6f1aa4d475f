from django.conf import settings


def site(request):
    """Give every page the emergency number (footer, emergency notes, checklist results)."""
    return {"emergency_number": settings.EMERGENCY_NUMBER}
