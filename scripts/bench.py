"""Print how fast each public page renders, in-process, on a fresh copy of the guide.

Run with `make bench`. It measures Django's own work (URL routing, queries, templates) through the
test client, on a throwaway SQLite database, so the figures are comparable between commits.
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DB = Path(tempfile.mkdtemp()) / "bench.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "backcare.settings")
os.environ["DJANGO_LOCAL"] = "1"
os.environ["DATABASE_URL"] = f"sqlite:///{DB}"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "200"))


def pages():
    yield "home", "GET", reverse("guidance:home"), None
    yield "exercise list", "GET", reverse("exercises:list"), None
    yield (
        "exercise list, filtered",
        "GET",
        reverse("exercises:list") + "?area=neck&kind=stretch",
        None,
    )
    yield "exercise page", "GET", reverse("exercises:detail", args=["wall-angel"]), None
    routine = (
        "shoulder-roll:5.2/d,upper-trapezius-stretch:2x30s.1/d,resistance-band-row:2x12.3/w,"
        "cat-cow-stretch,childs-pose,chair-rotation"
    )
    yield "routine (6 exercises)", "GET", f"{reverse('exercises:routine')}?do={routine}", None
    yield "routine, print", "GET", f"{reverse('exercises:routine_print')}?do={routine}", None
    yield (
        "ready-made routine",
        "GET",
        reverse("exercises:routine_detail", args=["morning-mobility"]),
        None,
    )
    yield "search", "GET", f"{reverse('search')}?q=neck+stretch", None
    yield "causes", "GET", reverse("guidance:causes"), None
    yield "when to seek help", "GET", reverse("guidance:seek_help"), None
    try:
        checklist = reverse("guidance:checklist")
    except Exception:  # the checklist is not part of this build
        return
    yield "checklist", "GET", checklist, None
    yield "checklist step 2", "POST", checklist, {"step": "emergency"}
    yield "checklist result", "POST", checklist, {"step": "other", "none_apply": "on"}


# What the page must contain, so a figure never times an error page by mistake.
EXPECT = {
    "checklist step 2": b"Step 2 of 2",
    "checklist result": b'data-urgency="self-care"',
}


class QueryCounter(list):
    def __call__(self, execute, sql, *args):
        self.append(sql)
        return execute(sql, *args)


def main():
    # The test client's host name; the rest of the stack runs as in production (DEBUG off).
    settings.ALLOWED_HOSTS.append("testserver")
    call_command("migrate", verbosity=0)
    call_command("load_guide", verbosity=0)
    client = Client()
    print(f"{'page':<26}{'queries':>8}{'median ms':>11}{'p95 ms':>9}{'req/s':>8}")
    for name, method, url, data in pages():
        send = client.post if method == "POST" else client.get
        queries = QueryCounter()
        with connection.execute_wrapper(queries):
            response = send(url, data) if data else send(url)
        if response.status_code >= 400 or EXPECT.get(name, b"") not in response.content:
            print(f"{name:<26}  HTTP {response.status_code}, not the expected page")
            continue
        timings = []
        for _ in range(ROUNDS):
            start = time.perf_counter()
            send(url, data) if data else send(url)
            timings.append((time.perf_counter() - start) * 1000)
        timings.sort()
        median = statistics.median(timings)
        p95 = timings[int(len(timings) * 0.95) - 1]
        print(f"{name:<26}{len(queries):>8}{median:>11.2f}{p95:>9.2f}{1000 / median:>8.0f}")
    print(f"({ROUNDS} requests a page, one process, Django test client, SQLite)")


if __name__ == "__main__":
    main()
