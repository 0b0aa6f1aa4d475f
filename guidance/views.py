from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views.generic import FormView, TemplateView

from backcare.cache import kept
from backcare.privacy import private_answers
from backcare.signoff import kept_page_review
from backcare.site import absolute_url
from backcare.structured_data import medical_web_page, page
from backcare.views import BreadcrumbMixin

from .forms import ChecklistForm
from .models import CombinationRule, GuideText, HomeRemedy, RedFlag, WarningSign
from .sections import Section
from .selectors import checklist_combinations, guide_texts, text_name
from .triage import Level, assess


class HomeView(TemplateView):
    """Introduce the guide and route the patient into its sections."""

    template_name = "guidance/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["texts"] = guide_texts(
            GuideText.Key.INTRODUCTION,
            GuideText.Key.SUMMARY,
            GuideText.Key.JOURNEY,
            GuideText.Key.FINAL_THOUGHTS,
            GuideText.Key.THANKS,
            request=self.request,
        )
        context["structured_data"] = [medical_web_page(self.request)]
        texts = context["texts"]
        context["review"] = kept_page_review(self.request, "home", lambda: list(texts.values()))
        return context


class GuideSectionView(BreadcrumbMixin, TemplateView):
    """Show one section of the guide: its introduction and every visible item under an anchor."""

    template_name = "guidance/section.html"
    section: Section | None = None

    def get_breadcrumbs(self):
        return [(self.section.title, None)]

    def get_context_data(self, **kwargs):
        section = self.section
        texts = guide_texts(section.intro_key, section.closing_key, request=self.request)
        # Staff also see drafts, each marked as one; the public sees published items only.
        if self.request.user.is_staff:
            items = list(section.model.objects.select_related("checklist"))
        else:
            items = kept(
                self.request,
                f"guidance:{section.name}",
                lambda: list(section.model.objects.published().select_related("checklist")),
            )
        reviewed = [item.reviewed_on for item in items if item.reviewed_on]
        node = medical_web_page(
            self.request, **({"lastReviewed": max(reviewed)} if reviewed else {})
        )
        return super().get_context_data(
            section=section,
            intro=texts.get(text_name(section.intro_key)),
            closing=texts.get(text_name(section.closing_key)),
            items=items,
            structured_data=[node],
            review=kept_page_review(
                self.request, section.name, lambda: section_items(items, texts.values())
            ),
            **kwargs,
        )


def section_items(items: list, texts) -> list:
    """Return what a clinician reviews of a section's page: its texts, published items and their
    checklists (from the rows the page already has)."""
    published = [item for item in items if item.is_published]
    checklists = {
        item.checklist for item in published if item.checklist and item.checklist.is_published
    }
    return [*texts, *published, *sorted(checklists, key=lambda checklist: checklist.pk)]


def checklist_items(signs: list) -> list:
    """Return what a clinician reviews of the checklist: its questions, rules and red flags."""
    return [
        *signs,
        *CombinationRule.objects.published().with_signs(),
        *RedFlag.objects.all(),
    ]


class ContactView(BreadcrumbMixin, TemplateView):
    """Show how to reach the clinic."""

    template_name = "guidance/contact.html"

    def get_breadcrumbs(self):
        return [("Contact the clinic", None)]

    def get_context_data(self, **kwargs):
        clinic = {"@id": f"{absolute_url('/')}#clinic"}
        return super().get_context_data(
            structured_data=[page(self.request, "ContactPage", mainEntity=clinic)], **kwargs
        )


# Answers are health data: every answer is one size, never cached or logged, never in a URL. The
# form itself is the same for everyone: it is cached like any public page, and needs no CSRF token.
@method_decorator(private_answers, name="dispatch")
class ChecklistView(BreadcrumbMixin, FormView):
    """Ask the emergency signs, then the others, and show what to do, keeping nothing of the answers.

    Both steps post to one address. Step 1 answered with nothing ticked is sent on (303) to step 2's
    own GET page, which is the same for everyone, so the browser's Back never has a post to send
    again on the way back from a result: step 2 and step 1 are both plain pages in its history.
    """

    template_name = "guidance/checklist.html"
    result_template_name = "guidance/checklist_result.html"
    form_class = ChecklistForm
    # The step a GET of this address shows (None: the first one there is).
    step: str | None = None

    def get_breadcrumbs(self):
        return [("When to see a doctor", None)]

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if self.request.method == "GET":
            kwargs["step"] = self.step
        kwargs["signs"] = kept(
            self.request, "guidance:signs", lambda: list(WarningSign.objects.published())
        )
        return kwargs

    def page_review(self, signs: list):
        return kept_page_review(self.request, "checklist", lambda: checklist_items(signs))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(
            structured_data=[medical_web_page(self.request)], **kwargs
        )
        context["review"] = self.page_review(context["form"].signs)
        return context

    def form_valid(self, form):
        if form.wants_next_step:
            # Nothing ticked is the one step-1 answer that does not give a result, so this redirect
            # tells no more than the next request would; every response is still one size.
            return HttpResponseRedirect(reverse("guidance:checklist_other_signs"), status=303)
        assessment = assess(
            ticked=form.ticked(),
            rules=[sign.to_rule() for sign in form.signs],
            combinations=kept(self.request, "guidance:combinations", checklist_combinations),
            none_apply=form.cleaned_data["none_apply"],
        )
        context = {
            "assessment": assessment,
            # The template tells the levels apart by the enum's members: levels.EMERGENCY...
            "levels": {level.name: level for level in Level},
            "remedies": HomeRemedy.objects.published() if assessment.offers_exercises else [],
            "breadcrumbs": [
                ("Home", reverse("guidance:home")),
                ("When to see a doctor", reverse("guidance:checklist")),
                ("Your result", None),
            ],
            "structured_data": [medical_web_page(self.request)],
            "review": self.page_review(form.signs),
        }
        return TemplateResponse(self.request, self.result_template_name, context)
