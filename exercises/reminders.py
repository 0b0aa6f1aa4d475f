"""Reminders for a routine in the patient's own calendar: an .ics file, built and forgotten.

One repeating event per session the routine plans: as many a day as its most frequent exercise
(twice a day: a morning and an evening event), on the days of the week its exercises fall on
(3 days a week: Monday, Wednesday and Friday). Times are floating (no time zone), so 8:00 is 8:00
wherever the phone is. Each event has an alarm and the routine's address, which gives the day's
doses; the file holds nothing else about the patient and nothing of it is kept.
"""

import hashlib
from datetime import date, datetime, time, timedelta

from icalendar import Alarm, Calendar, Event

from .routines import Plan, estimate_seconds

WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
# The weekdays (Monday 0) that N days a week fall on, spread through the week.
SPREAD = {1: (0,), 2: (0, 3), 3: (0, 2, 4), 4: (0, 1, 3, 5), 5: (0, 1, 2, 3, 4), 6: tuple(range(6))}
EVERY_DAY = tuple(range(7))
# The hours of a day's sessions, by how many a day (up to the 6 a dose allows).
HOURS = {1: (8,), 2: (8, 18), 3: (8, 13, 18), 4: (8, 12, 16, 20), 5: (8, 11, 14, 17, 20)}
HOURS[6] = (8, 10, 12, 14, 16, 18)
SESSION_NAMES = {1: ("",), 2: ("morning", "evening"), 3: ("morning", "midday", "evening")}


def days_of(dose) -> tuple[int, ...]:
    return SPREAD.get(dose.days_per_week or 7, EVERY_DAY)


def first_day(on_or_after: date, weekdays: tuple[int, ...]) -> date:
    """Return the first date on or after a day that falls on one of these weekdays."""
    return next(
        on_or_after + timedelta(days=n)
        for n in range(7)
        if (on_or_after + timedelta(days=n)).weekday() in weekdays
    )


def calendar(plan: Plan, *, name: str, address: str, host: str, today: date) -> bytes:
    """Return the routine's reminders as an iCalendar file."""
    cal = Calendar()
    cal.add("prodid", f"-//{host}//Exercise routine reminders//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    sessions = max((entry.dose.times_per_day or 1) for entry in plan.entries)
    from_day = max(plan.start or today, today)
    for slot in range(sessions):
        entries = [e for e in plan.entries if (e.dose.times_per_day or 1) > slot]
        weekdays = tuple(sorted({day for e in entries for day in days_of(e.dose)}))
        lines = []
        for entry in entries:
            own = days_of(entry.dose)
            on = "" if own == weekdays else f" ({', '.join(DAY_NAMES[d] for d in own)})"
            lines.append(f"- {entry.exercise.name}{on}")
        label = SESSION_NAMES.get(sessions, ())[slot : slot + 1] or (f"session {slot + 1}",)
        title = f"{name}{f' ({label[0]})' if label[0] else ''}"
        start = datetime.combine(first_day(from_day, weekdays), time(HOURS[sessions][slot]))
        minutes = max(5, round(sum(estimate_seconds(e.dose) for e in entries) / 60))
        event = Event()
        event.add(
            "uid", f"{hashlib.sha256(f'{plan.code}#{slot}'.encode()).hexdigest()[:24]}@{host}"
        )
        event.add("dtstamp", datetime.now().astimezone())
        event.add("summary", title)
        event.add("dtstart", start)
        event.add("duration", timedelta(minutes=minutes))
        if weekdays == EVERY_DAY:
            event.add("rrule", {"freq": "daily"})
        else:
            event.add("rrule", {"freq": "weekly", "byday": [WEEKDAYS[d] for d in weekdays]})
        event.add("url", address)
        event.add(
            "description",
            "\n".join(["Your exercises:", *lines, "", f"Today's doses and steps: {address}"]),
        )
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", f"Time for your exercises: {title}")
        alarm.add("trigger", timedelta(0))
        event.add_component(alarm)
        cal.add_component(event)
    return cal.to_ical()
