from django.shortcuts import render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.generic import FormView, TemplateView

from exercises.views import BreadcrumbMixin

from .forms import ChecklistForm
from .models import (
    Cause,
    GuideText,
    HomeRemedy,
    LifestyleChange,
    PreventionTip,
    SeekHelpSign,
    WarningSign,
)
from .selectors import guide_texts
from .triage import assess


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
        )
        return context


class GuideSectionView(BreadcrumbMixin, TemplateView):
    """Show one section of the guide: its introduction and every visible item under an anchor."""

    template_name = "guidance/section.html"
    model = None
    text_key = ""
    title = ""
    lead = ""
    description = ""

    def get_breadcrumbs(self):
        return [(self.title, None)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        texts = guide_texts(self.text_key, GuideText.Key.SEEK_HELP_SUMMARY)
        context.update(
            title=self.title,
            lead=self.lead,
            description=self.description,
            intro=texts.get(self.text_key.replace("-", "_")),
            # Staff also see drafts, each marked as one; the public sees published items only.
            items=list(self.model.objects.visible_to(self.request.user)),
            section=self.text_key,
        )
        if self.model is SeekHelpSign:
            context["closing"] = texts.get("seek_help_summary")
        return context


SECTIONS = {
    "causes": dict(
        model=Cause,
        text_key=GuideText.Key.CAUSES,
        title="Why your upper back hurts",
        lead="The common causes of upper back pain.",
        description="Common causes of upper back pain: muscle strain, posture, injury, "
        "medical conditions and stress.",
    ),
    "remedies": dict(
        model=HomeRemedy,
        text_key=GuideText.Key.REMEDIES,
        title="What helps at home",
        lead="Home remedies that can ease upper back pain.",
        description="Home remedies for upper back pain: heat and cold, pain relievers, rest, "
        "massage and a better workspace.",
    ),
    "lifestyle": dict(
        model=LifestyleChange,
        text_key=GuideText.Key.LIFESTYLE,
        title="Lifestyle changes",
        lead="Everyday habits that help your upper back recover.",
        description="Lifestyle changes that relieve upper back pain: posture, activity, "
        "ergonomics, diet and stress.",
    ),
    "prevention": dict(
        model=PreventionTip,
        text_key=GuideText.Key.PREVENTION,
        title="Preventing upper back pain",
        lead="Ways to keep your back healthy.",
        description="How to prevent upper back pain: exercise, mindful movement, weight, "
        "sleep position and check-ups.",
    ),
    "seek_help": dict(
        model=SeekHelpSign,
        text_key=GuideText.Key.SEEK_HELP,
        title="When to seek professional help",
        lead="Signs that your upper back pain needs a doctor.",
        description="When to see a doctor about upper back pain: persistent or severe pain, "
        "numbness or weakness, injury, limited movement.",
    ),
}


class ContactView(BreadcrumbMixin, TemplateView):
    """Show how to reach the clinic."""

    template_name = "guidance/contact.html"

    def get_breadcrumbs(self):
        return [("Contact the clinic", None)]


# Answers are health data: never cached by the browser or a proxy, never logged, never in a URL.
@method_decorator(never_cache, name="dispatch")
class ChecklistView(BreadcrumbMixin, FormView):
    """Ask the warning-sign questions and show what to do, keeping nothing of the answers."""

    template_name = "guidance/checklist.html"
    result_template_name = "guidance/checklist_result.html"
    form_class = ChecklistForm

    def get_breadcrumbs(self):
        return [("When to see a doctor", None)]

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["signs"] = list(WarningSign.objects.published())
        return kwargs

    def form_valid(self, form):
        assessment = assess(ticked=form.ticked(), rules=[sign.to_rule() for sign in form.signs])
        context = {
            "assessment": assessment,
            "remedies": HomeRemedy.objects.published() if assessment.offers_exercises else [],
            "breadcrumbs": [
                ("Home", reverse("guidance:home")),
                ("When to see a doctor", reverse("guidance:checklist")),
                ("Your result", None),
            ],
        }
        return TemplateResponse(self.request, self.result_template_name, context)


def csrf_failure(request, reason=""):
    """Explain an expired or missing form token without saying anything about the answers."""
    context = {"breadcrumbs": [("Home", reverse("guidance:home")), ("Form expired", None)]}
    return render(request, "403_csrf.html", context, status=403)
