"""Doing a routine: one exercise at a time, then a finish page; nothing stored.

Each step is an ordinary page (the first at the session's own address, then `?at=2`, the finish
`?at=done`), so it all works without JavaScript. Every step's page holds the whole session with
only its own step shown, so with JavaScript (static/js/session.js) Next and Previous show the
next step without loading a page.

Each step has one spelling (the routine's normalised code, then `at`); any other is sent there,
so the page cache keeps a bounded set of pages per routine (`cache_this_query`).
"""

from functools import partial

from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView

from backcare.views import BreadcrumbMixin

from .routines import parse
from .views import (
    ROUTINE_PARAM,
    ReadyMadeMixin,
    at_one_address,
    by_slug,
    code_query,
    published_exercises,
    routine_page_data,
    routine_url,
)

AT_PARAM = "at"
FINISH = "done"


def step_at(value: str, count: int) -> str:
    """Return the `at` a query asks for, spelled the one way: "1" to the count, or "done".

    Anything unreadable starts at the first exercise; a number past the last is the finish.
    """
    if value == FINISH:
        return FINISH
    try:
        number = int(value)
    except ValueError:
        return "1"
    if number > count:
        return FINISH
    return str(max(number, 1))


class SessionMixin:
    """Render one step of a started routine, or send any other spelling of it to its own."""

    template_name = "exercises/session.html"
    http_method_names = ["get", "head"]

    def routine_query(self) -> str:
        """Return the query that names the routine ("do=..." or "" for a ready-made one)."""
        raise NotImplementedError

    def session(self):
        """Return the routine's plan, its title and its page's address, or a response instead."""
        raise NotImplementedError

    def step_url(self, at: str) -> str:
        """Return a step's one address: the first is the session's own, without `at`."""
        query = "&".join(
            part for part in (self.routine_query(), at != "1" and f"{AT_PARAM}={at}") if part
        )
        return f"{self.request.path}{'?' if query else ''}{query}"

    def get_breadcrumbs(self):
        return [
            ("Exercises", reverse("exercises:list")),
            (self.title, self.back_url),
            ("Doing it", None),
        ]

    def get(self, request, *args, **kwargs):
        found = self.session()
        if not isinstance(found, tuple):
            return found
        self.plan, self.title, self.back_url = found
        self.at = step_at(request.GET.get(AT_PARAM, ""), len(self.plan))
        return at_one_address(
            request, self.step_url(self.at), partial(super().get, request, *args, **kwargs)
        )

    def get_context_data(self, **kwargs):
        count = len(self.plan)
        ats = [str(number) for number in range(1, count + 1)] + [FINISH]
        steps = []
        # Today's doses: a routine with a start date grows by its weekly increase.
        for index, entry in enumerate(self.plan.entries_on(timezone.localdate())):
            at = ats[index]
            steps.append(
                {
                    "at": at,
                    "number": index + 1,
                    "entry": entry,
                    "title": f"Exercise {index + 1} of {count}: {entry.exercise.name} · {self.title}",
                    "previous_at": ats[index - 1] if index else "",
                    "next_at": ats[index + 1],
                }
            )
        for step in steps:
            step["previous_url"] = self.step_url(step["previous_at"]) if step["previous_at"] else ""
            step["next_url"] = self.step_url(step["next_at"])
        finish = {
            "at": FINISH,
            "title": f"Finished: {self.title}",
            "previous_at": ats[-2],
            "previous_url": self.step_url(ats[-2]),
        }
        current = next((step for step in steps if step["at"] == self.at), finish)
        return super().get_context_data(
            title=self.title,
            count=count,
            steps=steps,
            finish=finish,
            current=current,
            back_url=self.back_url,
            first_url=self.step_url("1"),
            diary_code=self.plan.diary_code,
            pain_levels=range(11),
            structured_data=routine_page_data(self.request, self.plan, name=self.title),
            **kwargs,
        )


class RoutineSessionView(SessionMixin, BreadcrumbMixin, TemplateView):
    """Lead through a routine from its address, one exercise at a time."""

    def routine_query(self) -> str:
        return code_query(self.routine.code).removeprefix("?")

    def session(self):
        code = self.request.GET.get(ROUTINE_PARAM, "")
        self.routine = parse(code, by_slug(published_exercises(self.request)))
        if not self.routine.entries:
            # Nothing to do: the routine's page says what in its address could not be used.
            return HttpResponseRedirect(f"{reverse('exercises:routine')}{code_query(code)}")
        return self.routine, "Your routine", routine_url(self.routine)


class ReadyMadeSessionView(ReadyMadeMixin, SessionMixin, BreadcrumbMixin, TemplateView):
    """Lead through one of the clinic's ready-made routines, one exercise at a time."""

    with_details = True

    def routine_query(self) -> str:
        return ""

    def session(self):
        # ReadyMadeMixin has found the routine.
        return self.routine.plan, self.routine.name, self.routine.get_absolute_url()
