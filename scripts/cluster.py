"""Two app servers (gunicorn) on PostgreSQL and Redis behind nginx: `make serve-cluster`.

    scripts/cluster.py            serve until Ctrl-C: nginx on PORT (8000), the app servers on
                                  PORT+1 and PORT+2, all sharing DATABASE_URL and one Redis
    scripts/cluster.py --check    prove that an admin edit made through one app server shows on the
                                  very next request through the other (and through nginx), on a
                                  throwaway database next to DATABASE_URL's, then stop

Needs DATABASE_URL=postgres://... and nginx (Debian: nginx-light). nginx runs with
deploy/nginx.conf, its values filled in. The cache is a Redis of its own on PORT+3, started as
production's should be: a memory limit (64 MB) with `allkeys-lru`, so old pages are evicted
instead of writes failing, and nothing saved to disk; REDIS_URL=redis://... uses another instead.
The app servers share nothing else: no files, no memory. Static files are collected into each
one's own folder (here the same checkout, so one folder) and served by WhiteNoise.
"""

import argparse
import http.cookiejar
import os
import re
import secrets
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from contextlib import ExitStack
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import serving  # noqa: E402


def require(env: dict[str, str]) -> None:
    problems = []
    if not env.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        problems.append("DATABASE_URL must name a PostgreSQL database (postgres://...)")
    if env.get("REDIS_URL") and not env["REDIS_URL"].startswith("redis://"):
        problems.append("REDIS_URL must name a Redis database (redis://...)")
    if not env.get("REDIS_URL") and (missing := serving.redis_missing()):
        problems.append(missing)
    if missing := serving.nginx_missing():
        problems.append(missing)
    if problems:
        sys.exit("make serve-cluster: " + "; ".join(problems))


class Browser:
    """A browser session (cookies kept) talking to one origin."""

    def __init__(self, origin: str):
        self.origin = origin
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def get(self, path: str) -> str:
        with self.opener.open(self.origin + path, timeout=10) as response:
            return response.read().decode()

    def post(self, path: str, data: dict) -> tuple[int, str]:
        body = urllib.parse.urlencode(data, doseq=True).encode()
        request = urllib.request.Request(
            self.origin + path, data=body, headers={"Referer": self.origin + path}
        )
        with self.opener.open(request, timeout=10) as response:
            return response.status, response.geturl()


def token(page: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)


def add_superuser(env: dict[str, str]) -> str:
    password = secrets.token_urlsafe(16)
    serving.manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.contrib.auth.models import User; "
        f"User.objects.create_superuser('cluster-check', password='{password}')",
        env=env,
    )
    return password


def edit_cause_in_admin(origin: str, password: str) -> str:
    """Log in to the admin at this origin, change the "Stress" cause's text; return the new text."""
    editor = Browser(origin)
    login = editor.get("/admin/login/")
    editor.post(
        "/admin/login/",
        {
            "username": "cluster-check",
            "password": password,
            "csrfmiddlewaretoken": token(login),
            "next": "/admin/",
        },
    )
    changelist = editor.get("/admin/guidance/cause/?q=stress")
    change_path = re.search(r'href="(/admin/guidance/cause/\d+/change/)[^"]*"', changelist)
    form = editor.get(change_path.group(1))
    new_body = f"Worry tightens the muscles between the shoulder blades ({time.time():.0f})."
    _, landed = editor.post(
        change_path.group(1),
        {
            "csrfmiddlewaretoken": token(form),
            "title": re.search(r'name="title"[^>]*value="([^"]*)"', form).group(1),
            "slug": "stress",
            "body": new_body,
            "order": re.search(r'name="order"[^>]*value="(\d+)"', form).group(1),
            "is_published": "on",
        },
    )
    assert landed.endswith("/admin/guidance/cause/"), f"the admin did not save: {landed}"
    return new_body


def warm(origins: list[str], times: int = 8) -> None:
    """Have every worker of every server cache the causes page."""
    for origin in origins:
        for _ in range(times):
            assert "Worry tightens" not in Browser(origin).get("/causes/")


def check(env: dict[str, str], port: int) -> int:
    """Edit a cause through app server A; read it through B and through nginx at once."""
    base_url = env["DATABASE_URL"]
    name = urllib.parse.urlsplit(base_url).path.lstrip("/") + "_cluster_check"
    serving.recreate_database(base_url, name)
    env = {**env, "DATABASE_URL": serving.with_database(base_url, name)}
    try:
        serving.prepare(env)
        password = add_superuser(env)
        ports = [port + 1, port + 2]
        with ExitStack() as stack:
            for app_port in ports:
                stack.enter_context(serving.gunicorn(app_port, env, workers=2))
            stack.enter_context(serving.nginx(port, ports))
            a, b = (f"http://127.0.0.1:{p}" for p in ports)
            balancer = f"http://127.0.0.1:{port}"
            warm([a, b, balancer])
            new_body = edit_cause_in_admin(a, password)
            seen_b = new_body in Browser(b).get("/causes/")
            seen_nginx = [new_body in Browser(balancer).get("/causes/") for _ in range(4)]
            print(f"PostgreSQL + Redis: edit saved through app server A ({a})")
            print(f"next request through app server B ({b}): {'shows it' if seen_b else 'STALE'}")
            print(f"next 4 requests through nginx ({balancer}): {seen_nginx.count(True)}/4 show it")
            ok = seen_b and all(seen_nginx)
    finally:
        serving.recreate_database(base_url, name, drop_only=True)
    ok = check_default_setup(port + 4) and ok
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


def check_default_setup(port: int) -> bool:
    """The same on `make serve`'s default: SQLite, one gunicorn, two workers, each its own cache."""
    with tempfile.TemporaryDirectory(prefix="backcare-check-") as folder:
        env = serving.server_env(DATABASE_URL=f"sqlite:///{folder}/check.sqlite3", REDIS_URL="")
        serving.prepare(env)
        password = add_superuser(env)
        with serving.gunicorn(port, env, workers=2):
            origin = f"http://127.0.0.1:{port}"
            warm([origin])
            new_body = edit_cause_in_admin(origin, password)
            seen = [new_body in Browser(origin).get("/causes/") for _ in range(6)]
    print(
        f"SQLite, 2 workers with their own memory caches: the next 6 requests: "
        f"{seen.count(True)}/6 show the edit"
    )
    return all(seen)


def serve(env: dict[str, str], port: int) -> None:
    serving.prepare(env)
    ports = [port + 1, port + 2]
    with ExitStack() as stack:
        for app_port in ports:
            stack.enter_context(serving.gunicorn(app_port, env, log=sys.stderr))
        stack.enter_context(serving.nginx(port, ports))
        print(f"BackCare cluster: http://127.0.0.1:{port}/ (nginx) -> app servers on {ports}")
        print("Ctrl-C to stop.")
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--check", action="store_true", help="prove an edit is seen at once")
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    options = parser.parse_args()
    # nginx connects from 127.0.0.1: the X-Forwarded-For it sets counts, a client's own does not.
    env = serving.server_env(BACKCARE_TRUSTED_PROXY_IPS="127.0.0.1")
    require(env)
    with ExitStack() as stack:
        if not env.get("REDIS_URL"):
            stack.enter_context(serving.redis_server(options.port + 3))
            env["REDIS_URL"] = f"redis://127.0.0.1:{options.port + 3}/0"
        if options.check:
            return check(env, options.port)
        serve(env, options.port)
    return 0


if __name__ == "__main__":
    sys.exit(main())
