from django.conf import settings


def site(request):
    """Give every page the emergency number (footer, emergency notes, checklist results) and its
    canonical address: the path without a query (a view may give a better one)."""
    return {
        "emergency_number": settings.EMERGENCY_NUMBER,
        "canonical_url": request.build_absolute_uri(request.path),
    }
