from django import template

from ..forms import FeedbackForm
from ..pages import asks_feedback

register = template.Library()


@register.simple_tag(takes_context=True)
def feedback_form(context):
    """Return the "Was this page helpful?" form for a guide page, or None on any other page."""
    request = context.get("request")
    if request is None or not asks_feedback(request):
        return None
    return FeedbackForm(initial={"page": request.path}, request=request)
