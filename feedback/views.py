"""The answer to "Was this page helpful?": a post that sets no cookie and keeps no address."""

from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.debug import sensitive_post_parameters

from backcare.middleware import allow_methods
from backcare.site import site_origin

from .forms import FeedbackForm
from .pages import is_guide_page
from .records import record

THANKS = "Thank you. Your answer helps the clinic make this guide better."


def wants_json(request) -> bool:
    """Whether the page's script sent the post (it asks for JSON; a plain form asks for HTML)."""
    return request.get_preferred_type(["text/html", "application/json"]) == "application/json"


# The public site sets no cookie, so Django's CSRF check (which needs one) is off here, as on the
# checklist. A cross-site post is refused by its Origin instead: browsers send it with every post
# from a page, and another site cannot forge it. A post without one (not from a browser) can do no
# more than a visitor can, and the rate limit bounds that.
@csrf_exempt
@allow_methods("POST")
@never_cache
# A comment may say more than it should: it is kept out of error reports.
@sensitive_post_parameters("comment")
def post_feedback(request):
    """Count a Yes or No for a page, keep its comment, and say thank you."""
    origin = request.headers.get("Origin")
    if origin is not None and origin != site_origin():
        return render(request, "feedback/refused.html", status=403)
    form = FeedbackForm(request.POST, request=request)
    if not form.is_valid():
        if wants_json(request):
            return JsonResponse({"errors": form.errors}, status=400)
        back = request.POST.get("page", "")
        context = {
            "form": form,
            "back": back if is_guide_page(request, back) else None,
            "breadcrumbs": [("Home", reverse("guidance:home")), ("Your feedback", None)],
        }
        return render(request, "feedback/form_page.html", context, status=400)
    record(
        page=form.cleaned_data["page"],
        helpful=form.cleaned_data["helpful"],
        comment=form.cleaned_data["comment"].strip(),
    )
    if wants_json(request):
        return JsonResponse({"thanks": THANKS})
    response = HttpResponseRedirect(
        f"{reverse('feedback:thanks')}?{urlencode({'page': form.cleaned_data['page']})}"
    )
    # "See other": the browser asks for the thank-you page, and going back never posts again.
    response.status_code = 303
    return response


@allow_methods("GET", "HEAD")
def thanks(request):
    """Thank the reader, with a link back to the page (only a page of this guide)."""
    page = request.GET.get("page", "")
    context = {
        "back": page if is_guide_page(request, page) else None,
        "breadcrumbs": [("Home", reverse("guidance:home")), ("Thank you", None)],
    }
    return render(request, "feedback/thanks.html", context)
