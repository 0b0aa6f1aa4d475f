from functools import partial
from urllib.parse import quote, urlsplit

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponseRedirect, QueryDict
from django.urls import reverse
from django.utils import timezone
from django.views.generic import DetailView, ListView, TemplateView, View

from backcare.cache import cache_this_query, kept
from backcare.qr import qr_svg
from backcare.signoff import kept_page_review
from backcare.site import absolute_url
from backcare.structured_data import item_list, page
from backcare.views import BreadcrumbMixin

from .forms import FILTERS, DoseForm, ExerciseFilterForm
from .models import Exercise, Routine, neighbours, related_to
from .reminders import calendar
from .routines import (
    MAX_EXERCISES,
    Entry,
    Plan,
    adjust,
    dose_problems,
    estimate_seconds,
    parse,
    parse_start,
)

# The routine page's parameter, and the same routine carried along while browsing the exercises.
ROUTINE_PARAM = "do"
CONTEXT_PARAM = "routine"
# The ready-made routine an exercise page was opened from, by its slug.
READY_PARAM = "ready"


def published_exercises(request) -> list:
    """Return the published exercises with their details, kept until the content changes."""
    return kept(request, "exercises", lambda: list(Exercise.objects.published().with_details()))


def code_query(code: str, param: str = ROUTINE_PARAM) -> str:
    """Return "?do=..." for a routine's code (its characters stay readable), or "" for none."""
    return f"?{param}={quote(code, safe=':,./')}" if code else ""


def routine_url(routine: Plan | str, name: str = "exercises:routine") -> str:
    code = routine if isinstance(routine, str) else routine.code
    return f"{reverse(name)}{code_query(code)}"


def at_one_address(request, url: str, render):
    """Render a routine's page at its one address, kept by the page cache, or redirect there.

    Its address writes the routine's code out in full ("wall-angel:10.1/d"), so the page cache
    keeps one copy of each page, not one per way of writing it. The same query with its characters
    percent-encoded (as some clients and Django's test client send it) is rendered, not kept:
    redirecting it could send such a client round in circles.
    """
    if request.get_full_path() == url:
        return cache_this_query(render())
    path, _, query = url.partition("?")
    if request.path == path and QueryDict(query) == request.GET:
        return render()
    return HttpResponseRedirect(url)


def by_slug(exercises) -> dict:
    return {exercise.slug: exercise for exercise in exercises}


def exercise_plan(request, entry: Entry) -> dict:
    """An exercise with its dose as a schema.org ExercisePlan."""
    dose = entry.dose
    node = {
        "@type": "ExercisePlan",
        "name": entry.exercise.name,
        "url": absolute_url(entry.exercise.get_absolute_url()),
        "exerciseType": entry.exercise.get_kind_display(),
    }
    if words := dose.describe():
        node["description"] = words
    if dose.repetitions:
        node["repetitions"] = dose.repetitions
    if dose.frequency:
        node["activityFrequency"] = dose.frequency
    if dose.rest_seconds:
        node["restPeriods"] = f"{dose.rest_seconds} seconds"
    return node


def routine_page_data(request, plan: Plan, kind: str = "WebPage", name: str = "") -> list[dict]:
    """A routine's page with the routine as its main entity: a list of exercise plans."""
    plans = [exercise_plan(request, entry) for entry in plan.entries]
    return [
        page(
            request, kind, mainEntity=item_list(request, plans, **({"name": name} if name else {}))
        )
    ]


class RoutineContextMixin:
    """Carry a routine being built (`?routine=`) through the exercise list and exercise pages.

    The routine is read against the published exercises the page loads anyway, so carrying it
    costs no query; what cannot be read is dropped.
    """

    def routine_context(self, published) -> dict:
        routine = parse(self.request.GET.get(CONTEXT_PARAM, ""), by_slug(published))
        code = routine.code
        return {
            "building": routine if routine.entries else None,
            "routine_query": code_query(code, CONTEXT_PARAM),
            "my_routine_url": routine_url(routine) if routine.entries else "",
        }


class ExerciseListView(RoutineContextMixin, BreadcrumbMixin, ListView):
    """List the published exercises, filtered by body area, kind and equipment."""

    template_name = "exercises/exercise_list.html"
    context_object_name = "exercises"

    def get_breadcrumbs(self):
        return [("Exercises", None)]

    def get_queryset(self):
        self.published = published_exercises(self.request)
        self.building = self.routine_context(self.published)
        keep = {}
        if self.building["building"]:
            keep[CONTEXT_PARAM] = self.building["building"].code
        self.form = ExerciseFilterForm(self.request.GET, exercises=self.published, keep=keep)
        return self.form.results()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(form=self.form, **self.building, **kwargs)
        shown = [(e.name, e.get_absolute_url()) for e in context["exercises"]]
        context["structured_data"] = [
            page(self.request, "CollectionPage", mainEntity=item_list(self.request, shown))
        ]
        published = self.published
        context["review"] = kept_page_review(self.request, "exercises", lambda: published)
        return context

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        query = request.GET
        # Valid filters are a bounded set of pages worth keeping, each under the one spelling the
        # list writes; any other spelling of them is sent there. Anything else is rendered anew.
        if not self.form.errors and all(
            name in FILTERS and len(query.getlist(name)) == 1 for name in query
        ):
            canonical = self.form.query_string()
            if request.META.get("QUERY_STRING", "") != canonical:
                return HttpResponseRedirect(
                    f"{request.path}?{canonical}" if canonical else request.path
                )
            cache_this_query(response)
        return response


class ExerciseDetailView(RoutineContextMixin, BreadcrumbMixin, DetailView):
    """Show one exercise: its steps, dosage, benefits, safety note and published neighbours."""

    template_name = "exercises/exercise_detail.html"
    context_object_name = "exercise"

    def get_object(self, queryset=None):
        # One list of the published exercises (two queries, or none while it is cached) gives this
        # one, its neighbours and the related ones.
        slug = self.kwargs["slug"]
        self.published = published_exercises(self.request)
        exercise = next((e for e in self.published if e.slug == slug), None)
        if exercise is None and self.request.user.is_staff:
            # Staff may preview a draft; the page then says it is one.
            exercise = Exercise.objects.filter(slug=slug).with_details().first()
        if exercise is None:
            raise Http404("No such exercise.")
        return exercise

    def get_breadcrumbs(self):
        return [("Exercises", reverse("exercises:list")), (self.object.name, None)]

    def get_context_data(self, **kwargs):
        # get_object's list of the published exercises gives the neighbours, the related ones and
        # the routine being built.
        exercise = self.object
        review = kept_page_review(self.request, f"exercise:{exercise.slug}", lambda: [exercise])
        related = related_to(self.published, self.object)
        ready_made = self.ready_made()
        if ready_made:
            # Not the patient's own: the page follows the clinic's routine, and adding to "my
            # routine" starts from the patient's own (their phone's, or a new one).
            building = {
                "building": None,
                "routine_query": code_query(ready_made.slug, READY_PARAM),
                "my_routine_url": "",
            }
            routine = ready_made.plan
        else:
            building = self.routine_context(self.published)
            routine = building["building"] or Plan(entries=[], notes=[])
        in_routine = self.object.slug in routine
        # Opened from a routine, the page shows the routine's dose and leads through its order.
        if in_routine:
            self.dose = routine.entry_for(self.object.slug).dose
            previous, next_ = (
                entry.exercise if entry else None for entry in routine.neighbours(self.object.slug)
            )
        else:
            self.dose = self.object.dose
            previous, next_ = neighbours(self.published, self.object)
        add_url = ""
        if ready_made:
            own = Plan(entries=[], notes=[]).with_added(Entry(exercise=self.object, dose=self.dose))
            add_url = routine_url(own)
        elif self.object.is_published and not in_routine and len(routine) < MAX_EXERCISES:
            added = routine.with_added(Entry(exercise=self.object, dose=self.object.dose))
            add_url = routine_url(added)
        return super().get_context_data(
            previous=previous,
            next=next_,
            related=related,
            in_routine=in_routine,
            ready_made=ready_made,
            # The related exercises are the guide's, not a step along the clinic's routine.
            related_query="" if ready_made else building["routine_query"],
            dose=self.dose,
            add_url=add_url,
            structured_data=[self.how_to()],
            review=review,
            dose_approved=exercise.pk in review.approved,
            **building,
            **kwargs,
        )

    def ready_made(self):
        """Return the published ready-made routine this page was opened from (`?ready=`) if it
        holds this exercise, or None."""
        slug = self.request.GET.get(READY_PARAM, "")
        if not slug or not self.object.is_published:
            return None
        catalog = {exercise.pk: exercise for exercise in self.published}
        found = Routine.objects.published().filter(slug=slug).with_entries(catalog)
        return found[0] if found and self.object.slug in found[0].plan else None

    def how_to(self) -> dict:
        """The exercise as a schema.org HowTo: its steps, what it needs and how long it takes."""
        exercise = self.object
        minutes = max(1, round(estimate_seconds(self.dose) / 60))
        return page(
            self.request,
            "HowTo",
            name=exercise.name,
            description=exercise.summary,
            step=[
                {"@type": "HowToStep", "position": step.number, "text": step.text_for(self.dose)}
                for step in exercise.step_list
            ],
            tool=[{"@type": "HowToTool", "name": item.name} for item in exercise.equipment_list],
            totalTime=f"PT{minutes}M",
        )


class RoutineView(BreadcrumbMixin, TemplateView):
    """Show a routine from its address: reorder, remove, change doses and add, all by plain links.

    Changes made through its forms (add an exercise, change a dose) come back here as GET
    parameters and redirect to the routine's own address; nothing is stored anywhere.
    """

    template_name = "exercises/routine.html"
    http_method_names = ["get", "head"]

    def get_breadcrumbs(self):
        return [("Exercises", reverse("exercises:list")), ("Your routine", None)]

    def get(self, request, *args, **kwargs):
        self.published = published_exercises(request)
        self.routine = parse(request.GET.get(ROUTINE_PARAM, ""), by_slug(self.published))
        self.add_note = ""
        self.changing = None
        self.start_error = ""
        if "start" in request.GET:
            typed = request.GET["start"].strip()
            start = parse_start(typed) if typed else None
            if start or not typed:
                return HttpResponseRedirect(routine_url(self.routine.starting(start)))
            self.start_error = f"Enter a date between 2020 and 2099, like {timezone.localdate()}."
            self.start_typed = typed[:20]
        if "add" in request.GET:
            exercise = by_slug(self.published).get(request.GET["add"])
            if exercise is not None and len(self.routine) < MAX_EXERCISES:
                added = self.routine.with_added(Entry(exercise=exercise, dose=exercise.dose))
                return HttpResponseRedirect(routine_url(added))
            self.add_note = (
                f"A routine holds up to {MAX_EXERCISES} exercises."
                if exercise is not None
                else "Choose an exercise from the list to add it."
            )
        if "change" in request.GET:
            redirect = self.change_dose(request.GET)
            if redirect:
                return redirect
        if self.add_note or self.changing or self.start_error or self.routine.notes:
            # What the patient typed, or a note on what the address held: shown, not kept.
            return super().get(request, *args, **kwargs)
        return at_one_address(
            request, routine_url(self.routine), partial(super().get, request, *args, **kwargs)
        )

    def change_dose(self, data):
        """Apply a changed dose and redirect, or keep the form with what was typed and its errors."""
        try:
            index = int(data["change"])
            entry = self.routine.entries[index]
        except (ValueError, IndexError):
            self.add_note = "That exercise is no longer in this routine."
            return None
        form = DoseForm(data, dose=entry.dose, base=entry.exercise.dose, index=index)
        if form.is_valid():
            dose = adjust(entry.exercise.dose, form.adjustment())
            progression = form.progression()
            if dose_problems(dose):
                form.add_error(
                    None,
                    "These numbers do not fit together: " + " ".join(dose.problems().values()),
                )
            elif progression and not progression.fits(dose):
                form.add_error(
                    "up_to", "Enter a number above the starting one, within the limits above."
                )
            else:
                routine = self.routine.with_dose(index, dose, progression)
                if progression and routine.start is None:
                    # A weekly increase counts from a start date: today's, unless one is given.
                    routine = routine.starting(timezone.localdate())
                return HttpResponseRedirect(routine_url(routine))
        self.changing = form
        return None

    def get_context_data(self, **kwargs):
        routine = self.routine
        today = timezone.localdate()
        items = []
        # Today's doses, and so today's time: a weekly increase lengthens a session.
        todays = Plan(entries=routine.entries_on(today), notes=[])
        for index, entry in enumerate(routine.entries):
            form = self.changing if self.changing and self.changing.index == index else None
            items.append(
                {
                    "entry": entry,
                    "today": todays.entries[index].dose,
                    "minutes": todays.entries[index].minutes,
                    "index": index,
                    "url": f"{entry.exercise.get_absolute_url()}{code_query(routine.code, CONTEXT_PARAM)}",
                    "up_url": routine_url(routine.moved(index, -1)) if index else "",
                    "down_url": routine_url(routine.moved(index, 1))
                    if index < len(routine) - 1
                    else "",
                    "remove_url": routine_url(routine.without(index)),
                    "form": form
                    or DoseForm(
                        dose=entry.dose,
                        base=entry.exercise.dose,
                        index=index,
                        progression=entry.progression,
                    ),
                    "form_open": form is not None,
                }
            )
        return super().get_context_data(
            routine=routine,
            minutes=todays.minutes,
            items=items,
            notes=[*routine.notes, *([self.add_note] if self.add_note else [])],
            addable=[e for e in self.published if e.slug not in routine],
            can_add=len(routine) < MAX_EXERCISES,
            share_url=absolute_url(routine_url(routine)),
            canonical_url=absolute_url(routine_url(routine)),
            print_url=routine_url(routine, "exercises:routine_print"),
            calendar_url=routine_url(routine, "exercises:routine_calendar"),
            start_value=getattr(self, "start_typed", None) or (routine.start or ""),
            start_error=self.start_error,
            session_url=routine_url(routine, "exercises:routine_session"),
            clear_url=routine_url(routine, "exercises:routine_clear"),
            list_url=f"{reverse('exercises:list')}{code_query(routine.code, CONTEXT_PARAM)}",
            structured_data=routine_page_data(self.request, routine),
            **kwargs,
        )


DAYS = [
    (day, day[0])
    for day in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
]


class PrintSheetMixin:
    """A routine as one printed sheet per 6 exercises: figure, steps, dose, care, a week of ticks."""

    template_name = "exercises/routine_print.html"
    http_method_names = ["get", "head"]
    per_sheet = 6

    def sheets(self, entries) -> list[dict]:
        """Return the sheets to print: each with its exercises and how many came before."""
        return [
            {"before": start, "entries": entries[start : start + self.per_sheet]}
            for start in range(0, len(entries), self.per_sheet)
        ]

    def get_context_data(self, **kwargs):
        # The handout's way back: a QR code of the routine's own address, printed beside it.
        address = kwargs["share_url"]
        return super().get_context_data(days=DAYS, qr=qr_svg(address), **kwargs)


class RoutinePrintView(PrintSheetMixin, BreadcrumbMixin, TemplateView):
    """Print a routine from its address on one page (up to 6 exercises) or two."""

    def get_breadcrumbs(self):
        return [
            ("Exercises", reverse("exercises:list")),
            ("Your routine", routine_url(self.routine)),
            ("Print", None),
        ]

    def get(self, request, *args, **kwargs):
        published = published_exercises(request)
        self.routine = parse(request.GET.get(ROUTINE_PARAM, ""), by_slug(published))
        if self.routine.notes:
            return super().get(request, *args, **kwargs)
        return at_one_address(
            request,
            routine_url(self.routine, "exercises:routine_print"),
            partial(super().get, request, *args, **kwargs),
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            title="Your exercise routine",
            own_routine=True,
            routine=self.routine,
            sheets=self.sheets(self.routine.entries_on(timezone.localdate())),
            notes=self.routine.notes,
            back_url=routine_url(self.routine),
            share_url=absolute_url(routine_url(self.routine)),
            canonical_url=absolute_url(routine_url(self.routine, "exercises:routine_print")),
            structured_data=routine_page_data(self.request, self.routine),
            **kwargs,
        )


class RoutineClearView(BreadcrumbMixin, TemplateView):
    """Ask before a routine is wiped: "Start again" empties it only once the patient says so."""

    template_name = "exercises/routine_clear.html"
    http_method_names = ["get", "head"]

    def get_breadcrumbs(self):
        return [
            ("Exercises", reverse("exercises:list")),
            ("Your routine", routine_url(self.routine)),
            ("Start again", None),
        ]

    def get(self, request, *args, **kwargs):
        self.routine = parse(
            request.GET.get(ROUTINE_PARAM, ""), by_slug(published_exercises(request))
        )
        if not self.routine.entries:
            return HttpResponseRedirect(reverse("exercises:routine"))
        return at_one_address(
            request,
            routine_url(self.routine, "exercises:routine_clear"),
            partial(super().get, request, *args, **kwargs),
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            routine=self.routine,
            keep_url=routine_url(self.routine),
            share_url=absolute_url(routine_url(self.routine)),
            empty_url=reverse("exercises:routine"),
            structured_data=[page(self.request, "WebPage")],
            **kwargs,
        )


class ReadyMadeMixin:
    """Find one published ready-made routine (staff may preview a draft) with its exercises."""

    # With the exercises' steps and poses, for printing.
    with_details = False

    def get(self, request, *args, **kwargs):
        routines = Routine.objects.visible_to(request.user).filter(slug=self.kwargs["slug"])
        catalog = None
        if self.with_details:
            catalog = {e.pk: e for e in published_exercises(request)}
        found = routines.with_entries(catalog)
        if not found:
            raise Http404("No such routine")
        self.routine = found[0]
        return super().get(request, *args, **kwargs)


class ReadyMadeListView(BreadcrumbMixin, TemplateView):
    """List the clinic's ready-made routines."""

    template_name = "exercises/routine_list.html"
    http_method_names = ["get", "head"]

    def get_breadcrumbs(self):
        return [("Exercises", reverse("exercises:list")), ("Ready-made routines", None)]

    def get_context_data(self, **kwargs):
        routines = Routine.objects.published().with_entries()
        listed = item_list(self.request, [(r.name, r.get_absolute_url()) for r in routines])
        return super().get_context_data(
            routines=routines,
            structured_data=[page(self.request, "CollectionPage", mainEntity=listed)],
            **kwargs,
        )


class ReadyMadeDetailView(ReadyMadeMixin, BreadcrumbMixin, TemplateView):
    """Show a ready-made routine: why, its exercises and doses; print it or make it your own."""

    template_name = "exercises/routine_detail.html"
    http_method_names = ["get", "head"]

    def get_breadcrumbs(self):
        return [
            ("Exercises", reverse("exercises:list")),
            ("Ready-made routines", reverse("exercises:routines")),
            (self.routine.name, None),
        ]

    def get_context_data(self, **kwargs):
        plan = self.routine.plan
        return super().get_context_data(
            routine=self.routine,
            plan=plan,
            own_url=routine_url(plan),
            context_query=code_query(self.routine.slug, READY_PARAM),
            print_url=reverse("exercises:routine_detail_print", args=[self.routine.slug]),
            session_url=reverse("exercises:routine_detail_session", args=[self.routine.slug]),
            structured_data=routine_page_data(self.request, plan, name=self.routine.name),
            **kwargs,
        )


class ReadyMadePrintView(ReadyMadeMixin, PrintSheetMixin, BreadcrumbMixin, TemplateView):
    """Print a ready-made routine."""

    with_details = True

    def get_breadcrumbs(self):
        return [
            ("Exercises", reverse("exercises:list")),
            ("Ready-made routines", reverse("exercises:routines")),
            (self.routine.name, self.routine.get_absolute_url()),
            ("Print", None),
        ]

    def get_context_data(self, **kwargs):
        plan = self.routine.plan
        return super().get_context_data(
            title=self.routine.name,
            own_routine=False,
            routine=plan,
            sheets=self.sheets(plan.entries),
            notes=[],
            back_url=self.routine.get_absolute_url(),
            share_url=absolute_url(self.routine.get_absolute_url()),
            structured_data=routine_page_data(self.request, plan, name=self.routine.name),
            **kwargs,
        )


class CalendarView(View):
    """Download a routine's reminders as an .ics file; nothing about it is kept."""

    http_method_names = ["get", "head"]

    def get(self, request, *args, **kwargs):
        plan, name, address = self.reminded()
        if not plan.entries:
            raise Http404("This routine has no exercises to be reminded of.")
        host = urlsplit(settings.BACKCARE_SITE_URL).hostname
        body = calendar(plan, name=name, address=address, host=host, today=timezone.localdate())
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="exercise-reminders.ics"'
        response["X-Robots-Tag"] = "noindex"
        return response


class RoutineCalendarView(CalendarView):
    """Reminders for a routine from its address."""

    def reminded(self):
        plan = parse(
            self.request.GET.get(ROUTINE_PARAM, ""), by_slug(published_exercises(self.request))
        )
        return plan, "Upper back exercises", absolute_url(routine_url(plan))


class ReadyMadeCalendarView(ReadyMadeMixin, CalendarView):
    """Reminders for a ready-made routine."""

    def reminded(self):
        return self.routine.plan, self.routine.name, absolute_url(self.routine.get_absolute_url())
