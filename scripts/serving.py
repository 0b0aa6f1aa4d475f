"""Start BackCare the way production runs it (gunicorn, optionally nginx in front), for the scripts.

Used by `make serve-cluster` (scripts/cluster.py), `make bench` (scripts/bench.py), scripts/fuzz.py
and scripts/conn_drop.py. Every server it starts is stopped when the `with` block ends.
"""

import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def free_port(start: int = 0) -> int:
    """Return a free TCP port on 127.0.0.1: the first from `start` on, or any if start is 0."""
    for port in range(start, start + 100) if start else [0]:
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return sock.getsockname()[1]
    raise RuntimeError(f"no free port from {start}")


def server_env(**overrides: str) -> dict[str, str]:
    """Return a production-like environment: DEBUG off, plain HTTP on loopback, a laptop key."""
    env = dict(os.environ)
    env.setdefault("DJANGO_LOCAL", "1")
    env.setdefault("DJANGO_PLAIN_HTTP", "1")
    env["DJANGO_DEBUG"] = "0"
    env["DJANGO_SETTINGS_MODULE"] = env.get("DJANGO_SETTINGS_MODULE", "backcare.settings")
    # gunicorn's threads share a small pool of PostgreSQL connections in each process.
    env.setdefault("DJANGO_DB_POOL_SIZE", "8")
    env.update(overrides)
    return env


def manage(*args: str, env: dict[str, str]) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


def collect_static() -> None:
    """Collect static files (hashed and compressed) unless nothing changed since the last time."""
    subprocess.run(["make", "-s", "static"], cwd=ROOT, check=True)


def prepare(env: dict[str, str]) -> None:
    """Migrate, load the guide and collect static files, as a deploy does once."""
    manage("migrate", "--noinput", "-v0", env=env)
    manage("load_guide", "-v0", env=env)
    collect_static()


def wait_until_up(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {seconds} s")


@contextlib.contextmanager
def running(process: subprocess.Popen, port: int, stop: int, timeout: float):
    """Wait until the server on this port answers; at the end, stop it (kill it if it lingers)."""
    try:
        wait_until_up(f"http://127.0.0.1:{port}/robots.txt")
        yield
    finally:
        process.send_signal(stop)
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()


@contextlib.contextmanager
def gunicorn(port: int, env: dict[str, str], workers: int | None = None, log=None):
    """Run gunicorn with gunicorn.conf.py on 127.0.0.1:port until the block ends."""
    args = [PYTHON, "-m", "gunicorn", "--config", "gunicorn.conf.py", "--no-control-socket"]
    args += ["--bind", f"127.0.0.1:{port}"]
    if workers:
        args += ["--workers", str(workers)]
    process = subprocess.Popen(
        args, cwd=ROOT, env=env, stdout=log or subprocess.DEVNULL, stderr=log or subprocess.DEVNULL
    )
    with running(process, port, stop=signal.SIGTERM, timeout=15):
        yield process


NGINX_TEMPLATE = ROOT / "deploy" / "nginx.conf"
PLACEHOLDER = re.compile(r"\$\{(BACKCARE_[A-Z_]+)\}")


def nginx_conf(values: dict[str, str]) -> str:
    """Return deploy/nginx.conf with its ${BACKCARE_...} values filled in (all of them)."""
    template = NGINX_TEMPLATE.read_text()
    missing = set(PLACEHOLDER.findall(template)) - set(values)
    if missing:
        raise KeyError(f"deploy/nginx.conf needs {sorted(missing)}")
    return PLACEHOLDER.sub(lambda match: values[match.group(1)], template)


def nginx_missing() -> str | None:
    if shutil.which("nginx") or Path("/usr/sbin/nginx").exists():
        return None
    return "nginx is not installed: apt-get install nginx-light (Debian), or your system's package"


@contextlib.contextmanager
def nginx(port: int, upstream_ports: list[int], log_dir: Path | None = None):
    """Run nginx with deploy/nginx.conf on 127.0.0.1:port in front of the app servers."""
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    with tempfile.TemporaryDirectory(prefix="backcare-nginx-") as tmp:
        conf = Path(tmp) / "nginx.conf"
        conf.write_text(
            nginx_conf(
                {
                    "BACKCARE_LISTEN": f"127.0.0.1:{port}",
                    "BACKCARE_SERVER_NAME": "127.0.0.1 localhost",
                    "BACKCARE_TLS": "",
                    "BACKCARE_APP_SERVERS": " ".join(
                        f"server 127.0.0.1:{p};" for p in upstream_ports
                    ),
                    "BACKCARE_LOG_DIR": str(log_dir or tmp),
                    "BACKCARE_TEMP_DIR": tmp,
                }
            )
        )
        # Run as whoever runs the script (root's workers would be another user that cannot write
        # to this folder), in the foreground, with its pid file here.
        user = "user root root; " if os.geteuid() == 0 else ""
        directives = f"{user}daemon off; pid {tmp}/nginx.pid;"
        process = subprocess.Popen(
            [binary, "-p", tmp, "-c", str(conf), "-e", f"{tmp}/error.log", "-g", directives]
        )
        with running(process, port, stop=signal.SIGQUIT, timeout=10):
            yield process


REDIS_MAXMEMORY = "64mb"


def redis_missing() -> str | None:
    if shutil.which("redis-server"):
        return None
    return "redis-server is not installed: apt-get install redis-server (Debian)"


def start_redis(port: int, maxmemory: str = REDIS_MAXMEMORY) -> subprocess.Popen:
    """Start a Redis for the cache on 127.0.0.1:port, as production should run it: a memory limit,
    the least recently used keys evicted first (every key is a cache entry), nothing on disk."""
    process = subprocess.Popen(
        [
            "redis-server",
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--maxmemory",
            maxmemory,
            "--maxmemory-policy",
            "allkeys-lru",
        ],
        stdout=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return process
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                raise RuntimeError(f"redis-server did not start on port {port}") from None
            time.sleep(0.1)


def stop_redis(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGCONT)  # a fault scenario may have frozen it
        process.terminate()
        process.wait(timeout=10)


@contextlib.contextmanager
def redis_server(port: int, maxmemory: str = REDIS_MAXMEMORY):
    """Run a Redis for the cache (see start_redis) until the block ends."""
    process = start_redis(port, maxmemory)
    try:
        yield process
    finally:
        stop_redis(process)


def with_database(url: str, name: str) -> str:
    """Return the same PostgreSQL URL naming another database."""
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit(parts._replace(path=f"/{name}"))


def recreate_database(url: str, name: str, drop_only: bool = False) -> None:
    """(Re)create an empty PostgreSQL database beside the one `url` names (or just drop it)."""
    import psycopg

    with psycopg.connect(with_database(url, "postgres"), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not drop_only:
            connection.execute(f'CREATE DATABASE "{name}"')
