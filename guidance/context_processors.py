from .sections import SECTIONS
from .selectors import get_clinic


def guide(request):
    """Give every page the clinic's details (footer, call to action) and the guide's sections."""
    return {"clinic": get_clinic(request), "guide_sections": SECTIONS}
