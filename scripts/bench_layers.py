"""What each cache layer beyond the page cache earns: `make bench-layers`.

Issue 18 keeps a layer on top of the page cache only where it earns at least 10 % on some page.
This renders every public page in process with the page cache off (as after an edit, or for a
page the cache does not keep), once with every layer and once without each layer in turn, and
prints the median CPU time per page and what the layer saves. It also times a kept page's hit
against compressing its body on each hit, which is what keeping it compressed saves.

The layers: kept data (`backcare.cache.kept`: the published exercises, the clinic, the texts),
the checklist's blank form kept with Django's {% cache %}, and the drawn figures
(`exercises.drawing`). CPU time, so a busy machine changes the figures little.
"""

import os
import statistics
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "backcare.settings")
os.environ.setdefault("DJANGO_LOCAL", "1")
# One client renders each page many times a minute: the per-client limits would answer with 429s.
os.environ.setdefault("BACKCARE_SEARCHES_PER_MINUTE", "1000000")
os.environ.setdefault("BACKCARE_CHECKLIST_POSTS_PER_MINUTE", "1000000")
os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp(prefix='backcare-layers-')}/db.sqlite3"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.core.cache.backends.dummy import DummyCache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings  # noqa: E402

from backcare import cache as page_cache  # noqa: E402
from backcare.compression import compress  # noqa: E402
from exercises import drawing  # noqa: E402

PAGES = [
    "/",
    "/exercises/",
    "/exercises/?area=neck&kind=stretch",
    "/exercises/wall-angel/",
    "/causes/",
    "/when-to-see-a-doctor/",
    "/contact/",
    "/exercises/routines/5-minutes-at-your-desk/",
    "/exercises/routine/?do=wall-angel:10.1/d,neck-roll:5.2/d,pec-stretch:3x20s.2/d",
    "/search/?q=neck+stretch",
]
ROUNDS = int(os.environ.get("LAYERS_ROUNDS", "30"))


@contextmanager
def without_kept_data():
    # kept() reads and writes through backcare.cache's `cache`: a dummy one keeps nothing.
    with mock.patch.object(page_cache, "cache", DummyCache("none", {})):
        yield


@contextmanager
def without_checklist_fragment():
    dummy = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    # {% cache %} uses the "template_fragments" cache when there is one.
    with override_settings(CACHES={**settings.CACHES, "template_fragments": dummy}):
        yield


@contextmanager
def without_drawn_figures():
    with mock.patch.object(drawing, "_kept", lambda kind, parts, draw: draw()):
        yield


def cpu_ms(client: Client, path: str) -> float:
    times = []
    for _ in range(ROUNDS):
        start = time.process_time()
        response = client.get(path, follow=True)
        times.append((time.process_time() - start) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    return statistics.median(times)


def main() -> int:
    call_command("migrate", verbosity=0)
    call_command("load_guide", verbosity=0)
    client = Client(HTTP_HOST="127.0.0.1")
    layers = {
        "kept data": without_kept_data,
        "checklist form {% cache %}": without_checklist_fragment,
        "drawn figures": without_drawn_figures,
    }
    rows = []
    with override_settings(BACKCARE_PAGE_CACHE=False):
        for path in PAGES:
            cache.clear()
            client.get(path, follow=True)
            with_all = cpu_ms(client, path)
            row = [path, with_all]
            for off in layers.values():
                with off():
                    row.append(cpu_ms(client, path))
            rows.append(row)
    print(f"Cold pages (page cache off), median CPU ms over {ROUNDS} renders each.")
    header = ["page", "all layers", *[f"without {name}" for name in layers]]
    print("| " + " | ".join(header) + " |")
    print("|" + " --- |" * len(header))
    best = dict.fromkeys(layers, 0.0)
    for path, with_all, *without in rows:
        cells = [f"`{path}`", f"{with_all:.2f}"]
        for name, ms in zip(layers, without, strict=True):
            saved = 1 - with_all / ms if ms else 0.0
            best[name] = max(best[name], saved)
            cells.append(f"{ms:.2f} ({saved:+.0%})")
        print("| " + " | ".join(cells) + " |")
    for name, saved in best.items():
        verdict = "keep" if saved >= 0.10 else "below 10 %"
        print(f"- {name}: saves up to {saved:.0%} of a cold page ({verdict})")

    # A kept page: served from its compressed copy, against compressing it on every hit.
    cache.clear()
    path = "/exercises/wall-angel/"
    client.get(path)
    hit = cpu_ms(client, path)
    body = client.get(path).content
    start = time.process_time()
    for _ in range(ROUNDS):
        compress(body, "br")
    per_hit = (time.process_time() - start) * 1000 / ROUNDS
    print(
        f"- kept compressed: a hit on {path} costs {hit:.2f} ms of CPU; compressing its "
        f"{len(body):,} bytes on each hit would add {per_hit:.2f} ms ({per_hit / hit:.0%} more)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
