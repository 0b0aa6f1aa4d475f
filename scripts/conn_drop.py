"""Prove a dropped database connection costs no request: kill the app's PostgreSQL connections.

    DATABASE_URL=postgres://... .venv/bin/python scripts/conn_drop.py [--rounds 5]

On a throwaway database beside DATABASE_URL's, it starts gunicorn (2 workers), lets every worker
open its connections, then, each round, sends 40 requests from 8 visitors at once (cached pages,
pages rendered anew, searches, checklist answers and the admin login page) and, while they are in
flight, ends every connection the app holds with pg_terminate_backend (as a PostgreSQL restart or a
failover would). It prints the statuses and exits 1 if any was 500 or above.
"""

import argparse
import collections
import os
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import serving  # noqa: E402

REQUESTS = [
    ("GET", "/"),
    ("GET", "/causes/"),
    ("GET", "/exercises/wall-angel/"),
    ("POST", "/when-to-see-a-doctor/"),
    ("GET", "/exercises/?area=neck"),
    ("GET", "/admin/login/"),
    ("GET", "/contact/"),
    ("POST", "/when-to-see-a-doctor/"),
    ("GET", "/search/?q=neck"),
    ("GET", "/search/?q=shoulder+blade"),
]


def status(origin: str, method: str, path: str, nonce: int) -> int:
    data = urllib.parse.urlencode({"none_apply": "on"}).encode() if method == "POST" else None
    # A new query string renders a page the cache has never seen, so it needs the database.
    url = origin + path + (f"{'&' if '?' in path else '?'}n={nonce}" if nonce % 2 else "")
    try:
        with urllib.request.urlopen(urllib.request.Request(url, data=data), timeout=15) as r:
            return r.status
    except urllib.error.HTTPError as error:
        return error.code


def terminate(url: str, database: str) -> int:
    import psycopg

    # From the maintenance database, which exists whatever DATABASE_URL names.
    with psycopg.connect(serving.with_database(url, "postgres"), autocommit=True) as connection:
        rows = connection.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            [database],
        ).fetchall()
    return len(rows)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=5)
    options = parser.parse_args()
    base_url = os.environ.get("DATABASE_URL", "")
    if not base_url.startswith(("postgres://", "postgresql://")):
        sys.exit("conn_drop.py needs DATABASE_URL=postgres://...")
    name = urllib.parse.urlsplit(base_url).path.lstrip("/") + "_conn_drop"
    serving.recreate_database(base_url, name)
    url = serving.with_database(base_url, name)
    # One client sends every request here: the per-client rate limits would answer some with 429.
    env = serving.server_env(
        DATABASE_URL=url,
        GUNICORN_ACCESS_LOG="",
        BACKCARE_SEARCHES_PER_MINUTE="100000",
        BACKCARE_CHECKLIST_POSTS_PER_MINUTE="100000",
    )
    try:
        serving.prepare(env)
        port = serving.free_port(int(os.environ.get("CONN_DROP_PORT", "0")))
        origin = f"http://127.0.0.1:{port}"
        counts: collections.Counter = collections.Counter()
        killed_total = 0
        with serving.gunicorn(port, env, workers=2):
            for n in range(40):  # every worker opens its connection and caches some pages
                status(origin, *REQUESTS[n % len(REQUESTS)], nonce=0)
            for round_ in range(options.rounds):
                killed: list[int] = []
                # End the connections while the round's requests are being served.
                killer = threading.Timer(
                    0.05, lambda ended=killed: ended.append(terminate(base_url, name))
                )
                killer.start()
                with ThreadPoolExecutor(max_workers=8) as pool:
                    statuses = list(
                        pool.map(
                            lambda n, r=round_: status(
                                origin, *REQUESTS[n % len(REQUESTS)], nonce=r * 100 + n
                            ),
                            range(40),
                        )
                    )
                killer.join()
                killed_total += sum(killed)
                counts.update(statuses)
                bad = sum(1 for s in statuses if s >= 500)
                for n, code in enumerate(statuses):
                    if code >= 500:
                        print(f"  {code}: {' '.join(REQUESTS[n % len(REQUESTS)])}")
                print(
                    f"round {round_ + 1}: ended {sum(killed)} connections with requests in flight; "
                    f"40 requests: {bad} failed"
                )
                time.sleep(0.5)
        total = sum(counts.values())
        failed = sum(n for s, n in counts.items() if s >= 500)
        print(
            f"{options.rounds} rounds, {killed_total} connections ended, {total} requests after: "
            + ", ".join(f"{s}: {n}" for s, n in sorted(counts.items()))
            + f"; {failed} of 500 or above"
        )
        return 1 if failed else 0
    finally:
        serving.recreate_database(base_url, name, drop_only=True)


if __name__ == "__main__":
    sys.exit(main())
