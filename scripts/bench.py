"""Measure every public page served for real, against a bare Django view: `make bench`.

It starts gunicorn (gunicorn.conf.py, workers from the CPU count) on a free port with a fresh copy
of the guide (SQLite in a temporary folder, or BENCH_DATABASE_URL), then with wrk measures:

1. every public page WARM (the page cache on, pages cached) and a checklist POST (never cached),
   each in 5 slices taken in turns with the bare Django view (/bench/bare/, same middleware, same
   gunicorn: the floor), so a page and the floor see the same machine;
2. 64 connections for 60 s on a mix of every page and the checklist POST: there must be 0 errors;
3. gunicorn again with the page cache off, and every page COLD (rendered on every request), again
   in turns with the bare view.

Where there are 2 cores or more, gunicorn runs on all but the last and wrk on the last, so the two
do not take turns on a core; beside req/s, each slice reads the server's own CPU time per request
from /proc (Linux), which holds steady however busy the machine is.

Ratios compare a page with the bare view measured by the same server in the same run. Beside them:
the SQL queries a page makes with the cache cold, its compressed size, and what a first visit to
the home page transfers. The table goes to stdout and docs/performance.md.

    BENCH_SECONDS=10 (each measurement)  BENCH_CONNECTIONS=32  BENCH_STRESS_SECONDS=60
    BENCH_DATABASE_URL=postgres://...    REDIS_URL=redis://...  (the cache on Redis)
    BENCH_REPORT=path (instead of docs/performance.md)
    BENCH_PAGES=routine (only the pages whose name holds one of these comma-separated words)

The figures are only as quiet as the machine: run it with nothing else busy.
"""

import contextlib
import datetime
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.parse
import urllib.request
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import serving  # noqa: E402

ROOT = serving.ROOT
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "32"))
STRESS_SECONDS = int(os.environ.get("BENCH_STRESS_SECONDS", "60"))
STRESS_CONNECTIONS = 64
BARE = "/bench/bare/"
DATABASE_KIND = (
    "PostgreSQL" if os.environ.get("BENCH_DATABASE_URL", "").startswith("postgres") else "SQLite"
) + (" and Redis" if os.environ.get("REDIS_URL") else "")
# A routine's pages have one address each (its code written out in full); others redirect there.
MY_ROUTINE = "wall-angel:10.1/d,neck-roll:5.2/d,pec-stretch:3x20s.2/d"
PAGES = [
    ("home", "/"),
    ("exercise list", "/exercises/"),
    ("exercise list, filtered", "/exercises/?area=neck&kind=stretch"),
    ("exercise page", "/exercises/wall-angel/"),
    ("causes", "/causes/"),
    ("home remedies", "/home-remedies/"),
    ("lifestyle", "/lifestyle/"),
    ("prevention", "/prevention/"),
    ("when to seek help", "/when-to-seek-help/"),
    ("checklist form", "/when-to-see-a-doctor/"),
    ("contact", "/contact/"),
    ("ready-made routines", "/exercises/routines/"),
    ("a ready-made routine", "/exercises/routines/5-minutes-at-your-desk/"),
    ("my routine (3 exercises)", f"/exercises/routine/?do={MY_ROUTINE}"),
    ("my routine, started (exercise 2)", f"/exercises/routine/start/?do={MY_ROUTINE}&at=2"),
    ("my routine, printed", f"/exercises/routine/print/?do={MY_ROUTINE}"),
    ("a ready-made routine, started", "/exercises/routines/5-minutes-at-your-desk/start/?at=2"),
    ("search", "/search/?q=neck+stretch"),
    ("sitemap.xml", "/sitemap.xml"),
]
# BENCH_PAGES=routine: only the pages whose name holds one of these words (comma-separated).
if only := [word for word in os.environ.get("BENCH_PAGES", "").split(",") if word]:
    PAGES = [(name, path) for name, path in PAGES if any(word in name for word in only)]
CHECKLIST_POST = "/when-to-see-a-doctor/"
# Step 2 of the checklist, answered: an urgent result.
CHECKLIST_BODY = "step=other&symptoms=fever&pain=persistent-pain"
BROWSER_HEADERS = {"Accept-Encoding": "br, gzip"}


@dataclass
class Run:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    requests: int
    errors: int
    # The server's CPU time (gunicorn and its workers, user + system) per request, in ms.
    cpu_ms: float = 0.0
    # This row's req/s divided by the bare view's: the median of the slices' ratios, each slice
    # of the page divided by the bare view's slice just before it.
    ratio: float = 1.0
    # The bare view's server CPU per request divided by this row's (median of the slices').
    cpu_ratio: float = 1.0


SLICES = 5


def median(values: list[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def against_bare(server: "Server", url: str, script: str | None = None) -> tuple[Run, Run]:
    """Measure a page and the bare view in turns (5 slices each), so both see the same machine.

    On a busy machine the load drifts from one 10-second window to the next; taking the page and
    the bare view in alternate slices, and taking the median of the slices' ratios, keeps the
    ratio fair. Beside req/s, each slice measures the server's own CPU time per request, which
    does not depend on how wrk and the server share the cores.
    """
    seconds = max(1, SECONDS // SLICES)
    pages, bares = [], []
    for _ in range(SLICES):
        bares.append(server.wrk(BARE, seconds))
        pages.append(server.wrk(url, seconds, script))

    page, bare = combine(pages), combine(bares)
    page.ratio = median(
        [p.requests_per_second / b.requests_per_second for p, b in zip(pages, bares, strict=True)]
    )
    page.cpu_ratio = median(
        [b.cpu_ms / p.cpu_ms for p, b in zip(pages, bares, strict=True) if p.cpu_ms]
    )
    return page, bare


class Server:
    """A running gunicorn measured with wrk, each on cores of its own where there are 2 or more.

    With wrk and the server on the same cores, the scheduler decides from slice to slice how much
    of the machine the server gets, and ratios between slices scatter by a quarter. Pinned, the
    server always has the same cores (all but the last) and wrk the last.
    """

    def __init__(self, origin: str, process: subprocess.Popen):
        self.origin, self.pid = origin, process.pid
        cores = sorted(os.sched_getaffinity(0))
        self.server_cores = frozenset(cores[:-1] if len(cores) > 1 else cores)
        self.wrk_cores = frozenset({cores[-1]})
        self.pin()

    def describe(self) -> str:
        if self.server_cores == self.wrk_cores:
            return "the same core as wrk"
        cores = ", ".join(map(str, sorted(self.server_cores)))
        return f"core {cores}, wrk on core {next(iter(self.wrk_cores))}"

    def processes(self) -> list[int]:
        children = subprocess.run(["pgrep", "-P", str(self.pid)], capture_output=True, text=True)
        return [self.pid, *map(int, children.stdout.split())]

    def pin(self) -> None:
        """Pin every thread of gunicorn and its workers (and so their future threads) to the
        server's cores."""
        for pid in self.processes():
            for task in Path(f"/proc/{pid}/task").iterdir():
                with contextlib.suppress(ProcessLookupError, FileNotFoundError):
                    os.sched_setaffinity(int(task.name), self.server_cores)

    def cpu_seconds(self) -> float:
        """CPU time used so far by gunicorn, its live workers and the workers it has reaped."""
        total = 0
        for pid in self.processes():
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except FileNotFoundError:
                continue
            # utime, stime, cutime, cstime: fields 14-17 of stat, 12-15 after the name.
            total += sum(int(value) for value in fields[11:15])
        return total / os.sysconf("SC_CLK_TCK")

    def wrk(self, path: str, seconds: int, script: str | None = None, connections: int = 0) -> Run:
        before = self.cpu_seconds()
        run = wrk(self.origin + path, seconds, connections or CONNECTIONS, script, self.wrk_cores)
        run.cpu_ms = (self.cpu_seconds() - before) * 1000 / max(run.requests, 1)
        return run


def to_ms(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def wrk(
    url: str,
    seconds: int,
    connections: int,
    script: str | None = None,
    cores: frozenset[int] = frozenset(),
) -> Run:
    args = [
        "wrk",
        f"-t{max(1, len(cores)) if cores else 2}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--latency",
        "--timeout",
        "5s",
    ]
    for name, value in BROWSER_HEADERS.items():
        args += ["-H", f"{name}: {value}"]
    if script:
        args += ["-s", script]
    output = subprocess.run(
        [*args, url],
        capture_output=True,
        text=True,
        check=True,
        preexec_fn=(lambda: os.sched_setaffinity(0, cores)) if cores else None,
    ).stdout
    latency = dict(re.findall(r"^\s+(50|99)%\s+(\S+)\s*$", output, re.M))
    socket_errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", output))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return Run(
        requests_per_second=float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        p50_ms=to_ms(latency["50"]),
        p99_ms=to_ms(latency["99"]),
        requests=int(re.search(r"(\d+) requests in", output).group(1)),
        errors=socket_errors + (int(non_2xx.group(1)) if non_2xx else 0),
    )


def combine(runs: list[Run]) -> Run:
    """One row from its slices: mean req/s, median p50, p99 and CPU per request, requests and
    errors summed."""
    return Run(
        requests_per_second=sum(r.requests_per_second for r in runs) / len(runs),
        p50_ms=median([r.p50_ms for r in runs]),
        p99_ms=median([r.p99_ms for r in runs]),
        requests=sum(r.requests for r in runs),
        errors=sum(r.errors for r in runs),
        cpu_ms=median([r.cpu_ms for r in runs]),
    )


def post_script(folder: Path) -> str:
    script = folder / "post.lua"
    script.write_text(
        'wrk.method = "POST"\n'
        f'wrk.body = "{CHECKLIST_BODY}"\n'
        'wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"\n'
    )
    return str(script)


def mix_script(folder: Path) -> str:
    """Every page in turn, and a checklist answer every so often."""
    paths = ", ".join(f'"{path}"' for _, path in PAGES)
    script = folder / "mix.lua"
    script.write_text(
        f"local paths = {{{paths}}}\n"
        "local i = 0\n"
        "request = function()\n"
        "  i = i + 1\n"
        "  if i % 10 == 0 then\n"
        f'    return wrk.format("POST", "{CHECKLIST_POST}", '
        '{["Content-Type"] = "application/x-www-form-urlencoded"}, '
        f'"{CHECKLIST_BODY}")\n'
        "  end\n"
        "  return wrk.format(nil, paths[(i % #paths) + 1])\n"
        "end\n"
    )
    return str(script)


def fetch(url: str, headers: dict | None = None) -> tuple[bytes, dict]:
    request = urllib.request.Request(url, headers=headers or {})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.read(), dict(response.headers)


class Assets(HTMLParser):
    """Collect what a browser loads with a page: stylesheets, scripts, icons, images."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("rel") in ("stylesheet", "icon"):
            self.urls.append(attrs["href"])
        elif tag in ("script", "img") and attrs.get("src"):
            self.urls.append(attrs["src"])


def first_visit_bytes(origin: str) -> tuple[int, list[str]]:
    """Return what a first visit to the home page transfers (compressed bodies), and the files."""
    html, _ = fetch(origin + "/", BROWSER_HEADERS)
    total = len(html)
    plain, _ = fetch(origin + "/")
    parser = Assets()
    parser.feed(plain.decode())
    for url in parser.urls:
        body, _ = fetch(urllib.parse.urljoin(origin + "/", url), BROWSER_HEADERS)
        total += len(body)
    return total, ["/", *parser.urls]


def count_queries(env: dict[str, str]) -> dict[str, int]:
    """Count each page's SQL queries with every cache empty, in a process of its own."""
    code = (
        "import json, django; django.setup()\n"
        "from django.core.cache import cache\n"
        "from django.db import connection\n"
        "from django.test import Client\n"
        "from django.test.utils import CaptureQueriesContext\n"
        "client, counts = Client(HTTP_HOST='127.0.0.1'), {}\n"
        # SQLite's JSON support is probed once per connection (3 statements): not a page's.
        "connection.features.supports_json_field\n"
        f"for path in {[path for _, path in PAGES]!r}:\n"
        "    cache.clear()\n"
        "    with CaptureQueriesContext(connection) as queries:\n"
        "        assert client.get(path).status_code == 200, path\n"
        "    counts[path] = len(queries)\n"
        "cache.clear()\n"
        "with CaptureQueriesContext(connection) as queries:\n"
        f"    client.post({CHECKLIST_POST!r}, {dict(urllib.parse.parse_qsl(CHECKLIST_BODY))!r})\n"
        "counts['POST'] = len(queries)\n"
        "print(json.dumps(counts))\n"
    )
    output = subprocess.run(
        [serving.PYTHON, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    import json

    return json.loads(output.stdout.strip().splitlines()[-1])


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        model = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text()).group(1)
        cpu = model.strip()
    except (OSError, AttributeError):
        pass
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return f"{os.cpu_count()} cores ({cpu}), load average {load:.2f} at the start"


def main() -> int:
    if not shutil.which("wrk"):
        print("make bench needs wrk: apt-get install wrk (Debian/Ubuntu) or brew install wrk.")
        return 1
    folder = Path(tempfile.mkdtemp(prefix="backcare-bench-"))
    database = os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{folder / 'bench.sqlite3'}")
    env = serving.server_env(
        DATABASE_URL=database,
        DJANGO_SETTINGS_MODULE="backcare.bench_settings",
        GUNICORN_ACCESS_LOG="",
        BACKCARE_PAGE_CACHE="1",
    )
    started = machine()
    print(f"make bench: {started}; {SECONDS} s a page at {CONNECTIONS} connections; {database}")
    serving.prepare(env)
    port = serving.free_port(int(os.environ.get("BENCH_PORT", "0")))
    origin = f"http://127.0.0.1:{port}"
    warm: dict[str, Run] = {}
    cold: dict[str, Run] = {}
    sizes: dict[str, tuple[int, int, str]] = {}

    with serving.gunicorn(port, env) as process:
        server = Server(origin, process)
        workers = len(server.processes()) - 1
        pinning = server.describe()
        for _, path in PAGES:  # fill the cache of every worker
            for _ in range(workers * 4):
                fetch(origin + path, BROWSER_HEADERS)
            body, headers = fetch(origin + path, BROWSER_HEADERS)
            plain, _ = fetch(origin + path)
            sizes[path] = (len(plain), len(body), headers.get("Content-Encoding", "none"))
        first_visit, first_visit_files = first_visit_bytes(origin)
        bares = []
        for name, path in PAGES:
            warm[name], bare = against_bare(server, path)
            bares.append(bare)
            print(f"  warm {name:<26} {warm[name].requests_per_second:>8.0f} req/s", flush=True)
        warm["checklist POST"], bare = against_bare(server, CHECKLIST_POST, post_script(folder))
        bares.append(bare)
        warm["bare"] = combine(bares)
        stress = server.wrk("/", STRESS_SECONDS, mix_script(folder), STRESS_CONNECTIONS)
        print(f"  {STRESS_CONNECTIONS} connections, {STRESS_SECONDS} s: {stress.errors} errors")

    cold_env = {**env, "BACKCARE_PAGE_CACHE": "0"}
    with serving.gunicorn(port, cold_env) as process:
        server = Server(origin, process)
        bares = []
        for name, path in PAGES:
            cold[name], bare = against_bare(server, path)
            bares.append(bare)
            print(f"  cold {name:<26} {cold[name].requests_per_second:>8.0f} req/s", flush=True)
        cold["bare"] = combine(bares)

    queries = count_queries(env)
    shutil.rmtree(folder, ignore_errors=True)
    report = table(
        warm,
        cold,
        queries,
        sizes,
        stress,
        first_visit,
        first_visit_files,
        started,
        workers,
        pinning,
    )
    print(report)
    # Keep the notes written by hand under "## Notes" (what holds a figure back, profiles).
    path = Path(os.environ.get("BENCH_REPORT", ROOT / "docs" / "performance.md"))
    previous = path.read_text() if path.exists() else ""
    notes = previous[previous.index("\n## Notes") :] if "\n## Notes" in previous else ""
    path.write_text(report + notes)
    print(f"Written to {path}")
    return 0


def table(warm, cold, queries, sizes, stress, first_visit, files, started, workers, pinning) -> str:
    bare_warm, bare_cold = warm["bare"], cold["bare"]
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    lines = [
        "# Performance",
        "",
        f"`make bench` on {datetime.date.today()}, commit {commit or 'unknown'}: gunicorn with "
        f"{workers} workers (gunicorn.conf.py) on {pinning}, {DATABASE_KIND}, wrk with "
        f"{CONNECTIONS} connections for {SECONDS} s a row, browser-like "
        f"`Accept-Encoding: br, gzip`. Machine: {started}.",
        "",
        "Warm: the page cache on (the page was cached). Cold: the page cache off, every request "
        "renders the page (the checklist form's HTML fragment and static files stay cached). "
        f"Ratio: req/s divided by the bare Django view's, measured by the same server in "
        f"{SLICES} slices taken in turns with the page's: the median of the {SLICES} slices' "
        "ratios (the bare row shows the mean of all its slices). CPU: the server's CPU time "
        "(gunicorn and its workers, user and system) per request, the median of the slices'; "
        "CPU ratio: the bare view's CPU per request divided by the page's, the median of the "
        "slices' (what the server could serve on the same cores, whatever wrk and other "
        "processes do). p50 and p99 are the median of the slices'. Queries: SQL queries for "
        "the page with every cache empty.",
        "",
        "| page | warm req/s | warm ratio | warm CPU | warm CPU ratio | warm p50 | warm p99 "
        "| cold req/s | cold ratio | cold CPU | cold p99 | queries | bytes (plain → compressed) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
        f"| bare Django view | {bare_warm.requests_per_second:,.0f} | 1.00 | "
        f"{bare_warm.cpu_ms:.3f} ms | 1.00 | "
        f"{bare_warm.p50_ms:.1f} ms | {bare_warm.p99_ms:.1f} ms | "
        f"{bare_cold.requests_per_second:,.0f} | 1.00 | {bare_cold.cpu_ms:.2f} ms | "
        f"{bare_cold.p99_ms:.1f} ms | 0 | |",
    ]
    for name, path in PAGES:
        w, c = warm[name], cold[name]
        plain, squeezed, encoding = sizes[path]
        lines.append(
            f"| `{path}` | {w.requests_per_second:,.0f} | "
            f"{w.ratio:.2f} | {w.cpu_ms:.3f} ms | {w.cpu_ratio:.2f} | {w.p50_ms:.1f} ms | "
            f"{w.p99_ms:.1f} ms | {c.requests_per_second:,.0f} | "
            f"{c.ratio:.2f} | {c.cpu_ms:.2f} ms | {c.p99_ms:.1f} ms | "
            f"{queries[path]} | {plain:,} → {squeezed:,} ({encoding}) |"
        )
    post = warm["checklist POST"]
    lines += [
        f"| checklist POST (never cached) | {post.requests_per_second:,.0f} | "
        f"{post.ratio:.2f} | {post.cpu_ms:.3f} ms | {post.cpu_ratio:.2f} | {post.p50_ms:.1f} ms | "
        f"{post.p99_ms:.1f} ms | | | | | {queries['POST']} | padded, not compressed |",
        "",
        f"- {STRESS_CONNECTIONS} connections for {STRESS_SECONDS} s on a mix of every page and "
        f"checklist answers: {stress.requests:,} requests, **{stress.errors} errors** "
        f"(socket errors and non-2xx), {stress.requests_per_second:,.0f} req/s, "
        f"p99 {stress.p99_ms:.1f} ms.",
        f"- First visit to the home page: **{first_visit / 1024:.1f} KB** transferred "
        f"(compressed bodies of {', '.join(f'`{f}`' for f in files)}).",
        f"- Errors during the measurements: {sum(r.errors for r in [*warm.values(), *cold.values()])}.",
        "",
        "## Goals (issue 9), in this run",
        "",
        *goals(warm, cold, stress, first_visit),
        "",
    ]
    return "\n".join(lines) + "\n"


def goals(warm, cold, stress, first_visit) -> list[str]:
    bare_warm = warm["bare"]
    names = [name for name, _ in PAGES]
    warm_ratios = {n: warm[n].ratio for n in names}
    cpu_ratios = {n: warm[n].cpu_ratio for n in names}
    worst_cpu = min(cpu_ratios, key=cpu_ratios.get)
    cold_ratios = {n: cold[n].ratio for n in names}
    worst_warm = min(warm_ratios, key=warm_ratios.get)
    worst_cold = min(cold_ratios, key=cold_ratios.get)
    worst_p99 = max(names, key=lambda n: warm[n].p99_ms)

    def mark(ok: bool) -> str:
        return "met" if ok else "**missed**"

    return [
        f"- Every page warm ≥ 0.9 × bare in req/s: {mark(warm_ratios[worst_warm] >= 0.9)} "
        f"(lowest: {worst_warm}, {warm_ratios[worst_warm]:.2f}).",
        f"- Every page warm ≥ 0.9 × bare in the server's CPU per request: "
        f"{mark(cpu_ratios[worst_cpu] >= 0.9)} (lowest: {worst_cpu}, {cpu_ratios[worst_cpu]:.2f}).",
        f"- Every page warm p99 ≤ 25 ms at {CONNECTIONS} connections: "
        f"{mark(warm[worst_p99].p99_ms <= 25)} (highest: {worst_p99}, "
        f"{warm[worst_p99].p99_ms:.1f} ms; the bare view's: {bare_warm.p99_ms:.1f} ms).",
        f"- Every page cold ≥ 0.25 × bare: {mark(cold_ratios[worst_cold] >= 0.25)} "
        f"(lowest: {worst_cold}, {cold_ratios[worst_cold]:.2f}).",
        f"- 0 errors in {STRESS_SECONDS} s at {STRESS_CONNECTIONS} connections: "
        f"{mark(stress.errors == 0)} ({stress.errors}).",
        f"- First visit ≤ 60 KB: {mark(first_visit <= 60 * 1024)} ({first_visit / 1024:.1f} KB).",
    ]


if __name__ == "__main__":
    sys.exit(main())
