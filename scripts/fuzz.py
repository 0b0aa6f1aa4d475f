"""Throw odd requests at the production-like server and count the answers: no 5xx allowed.

    .venv/bin/python scripts/fuzz.py                      start gunicorn on a fresh SQLite guide
    .venv/bin/python scripts/fuzz.py --url http://host:port   fuzz a server already running
    FUZZ_SEED=7 FUZZ_POSTS=5000 FUZZ_REQUESTS=5000        (defaults) reproducible, and how many

It sends FUZZ_POSTS checklist posts (random answers, field names, charsets, content types,
multipart bodies, headers) and FUZZ_REQUESTS requests to the public pages (random methods, paths,
query strings, headers and bodies), over raw sockets so any byte can be sent. It prints how many
answers had each status, and exits 1 if any was 500 or above. When it starts the server itself it
also checks the server's log: how long it is, that it holds no traceback, and that no marker hidden
in the checklist answers reached it.
"""

import argparse
import collections
import os
import random
import socket
import string
import sys
import tempfile
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import serving  # noqa: E402

CHECKLIST = "/when-to-see-a-doctor/"
PUBLIC = [
    "/",
    "/exercises/",
    "/exercises/wall-angel/",
    "/exercises/neck-roll/",
    "/causes/",
    "/home-remedies/",
    "/lifestyle/",
    "/prevention/",
    "/when-to-seek-help/",
    CHECKLIST,
    "/contact/",
    "/sitemap.xml",
    "/robots.txt",
    "/static/css/backcare.css",
    "/no-such-page/",
    "/admin/login/",
]
SIGNS = [
    "chest-pain-or-breathlessness",
    "fever",
    "worried",
    "persistent-pain",
    "history-of-cancer",
    "saddle-numbness",
    "serious-accident",
    "limitation-in-movement",
]
GROUPS = ["symptoms", "onset", "pain", "health", "impact", "none_apply"]
CHARSETS = [
    "utf-8", "UTF-8", "latin-1", "UTF8", "utf_8", "us-ascii", "utf-16", "utf-32", "cp1252",
    "bogus", "", "utf-8\x00", "x" * 300,
]  # fmt: skip
METHODS = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "PROPFIND", "FOO"]


def junk(rng: random.Random, size: int = 40) -> str:
    alphabet = string.printable + "éü漢字\u202e\u200b\ufeff%&=+;\x00\x7f"
    return "".join(rng.choice(alphabet) for _ in range(rng.randint(0, size)))


def raw_bytes(rng: random.Random, size: int = 40) -> bytes:
    return bytes(rng.randrange(256) for _ in range(rng.randint(0, size)))


def encode_form(rng: random.Random, pairs: list[tuple[str, str]]) -> bytes:
    body = urllib.parse.urlencode(pairs).encode()
    if rng.random() < 0.1:
        body += b"&%ff%fe=%c3%28&" + raw_bytes(rng, 20)
    return body


def multipart(rng: random.Random, pairs: list[tuple[str, str]]) -> tuple[bytes, str]:
    boundary = rng.choice(["b0undary", "x" * 70, "", "a b", "--"])
    parts = []
    for name, value in pairs:
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
        )
    body = ("".join(parts) + (f"--{boundary}--\r\n" if rng.random() < 0.8 else "")).encode(
        "utf-8", "replace"
    )
    return body, f"multipart/form-data; boundary={boundary}"


def random_headers(rng: random.Random) -> list[tuple[str, str]]:
    choices = [
        ("Cookie", "csrftoken=abcdefghijklmnopqrstuvwxyzABCDEF"),
        ("Cookie", f"sessionid={junk(rng, 32)}"),
        ("Cookie", junk(rng, 200)),
        ("Accept-Encoding", rng.choice(["gzip", "br", "gzip;q=0, br;q=0", "*", junk(rng)])),
        ("If-None-Match", rng.choice(['W/"abc"', "*", junk(rng, 80), '"' * 50])),
        ("If-Modified-Since", junk(rng, 30)),
        ("Range", rng.choice(["bytes=0-10", "bytes=-5", "bytes=abc", junk(rng)])),
        ("X-Forwarded-For", rng.choice(["1.2.3.4", "::1, 10.0.0.1", junk(rng, 60)])),
        ("X-Forwarded-Proto", rng.choice(["https", "http", junk(rng)])),
        ("Referer", junk(rng, 100)),
        ("User-Agent", junk(rng, 400)),
        ("Accept", rng.choice(["text/html", "application/json", "*/*", junk(rng)])),
        ("Accept-Language", junk(rng, 50)),
        ("Origin", rng.choice(["http://evil.example", "null", junk(rng)])),
        ("X-Requested-With", "XMLHttpRequest"),
    ]
    return rng.sample(choices, rng.randint(0, 4))


def checklist_post(rng: random.Random, marker: str) -> tuple[str, str, list, bytes]:
    pairs = []
    for _ in range(rng.randint(0, 12)):
        name = rng.choice(GROUPS) if rng.random() < 0.85 else junk(rng, 20)
        value = rng.choice(SIGNS + ["on", "", marker]) if rng.random() < 0.8 else junk(rng, 80)
        pairs.append((name, value))
    if rng.random() < 0.02:
        pairs.extend((f"f{i}", "x") for i in range(1200))  # more fields than Django allows
    kind = rng.random()
    headers = random_headers(rng)
    if kind < 0.6:
        charset = rng.choice(CHARSETS)
        content_type = "application/x-www-form-urlencoded" + (
            f"; charset={charset}" if rng.random() < 0.5 else ""
        )
        body = encode_form(rng, pairs)
    elif kind < 0.8:
        body, content_type = multipart(rng, pairs)
    else:
        content_type = rng.choice(
            ["text/plain", "application/json", "", "text/plain; a*=bogus''x", junk(rng, 60)]
        )
        body = raw_bytes(rng, 200)
    headers.append(("Content-Type", content_type))
    method = "POST" if rng.random() < 0.95 else rng.choice(METHODS)
    return method, CHECKLIST, headers, body


def public_request(rng: random.Random) -> tuple[str, str, list, bytes]:
    path = rng.choice(PUBLIC)
    mutation = rng.random()
    if mutation < 0.15:
        path += junk(rng, 30).replace(" ", "%20").replace("\r", "").replace("\n", "")
    elif mutation < 0.2:
        path = "/" + "/".join(
            rng.choice(["..", ".", "%2e%2e", "%00", "%ff", "a" * 300]) for _ in range(4)
        )
    if rng.random() < 0.4:
        query = [
            (rng.choice(["area", "kind", "equipment", "q", junk(rng, 10)]), junk(rng, 60))
            for _ in range(rng.randint(1, 5))
        ]
        path += "?" + urllib.parse.urlencode(query)
        if rng.random() < 0.2:
            path += "&area=%ff%fe&kind=" + "x" * rng.randint(0, 9000)
    method = rng.choice(METHODS) if rng.random() < 0.35 else "GET"
    headers = random_headers(rng)
    body = b""
    if method in ("POST", "PUT", "PATCH") or rng.random() < 0.05:
        body = raw_bytes(rng, 300) if rng.random() < 0.5 else encode_form(rng, [("a", junk(rng))])
        headers.append(
            ("Content-Type", rng.choice(["application/x-www-form-urlencoded; charset=latin-1",
                                         "application/x-www-form-urlencoded", "text/plain",
                                         "multipart/form-data; boundary=x", junk(rng, 40)]))
        )  # fmt: skip
    return method, path, headers, body


def send(host: str, port: int, request: tuple[str, str, list, bytes]) -> int:
    method, path, headers, body = request
    lines = [f"{method} {path} HTTP/1.1", f"Host: 127.0.0.1:{port}", "Connection: close"]
    lines += [
        f"{name}: {value}" for name, value in headers if "\r" not in value and "\n" not in value
    ]
    if body or method in ("POST", "PUT", "PATCH"):
        lines.append(f"Content-Length: {len(body)}")
    head = ("\r\n".join(lines) + "\r\n\r\n").encode("utf-8", "surrogateescape")
    with socket.create_connection((host, port), timeout=30) as sock:
        sock.sendall(head + body)
        data = b""
        while b"\r\n" not in data:
            chunk = sock.recv(4096)
            if not chunk:
                break
            data += chunk
    status_line = data.split(b"\r\n", 1)[0].split()
    return int(status_line[1]) if len(status_line) > 1 and status_line[1].isdigit() else 0


def run(url: str, posts: int, requests: int, seed: int, marker: str) -> tuple[dict, list]:
    parts = urllib.parse.urlsplit(url)
    host, port = parts.hostname, parts.port or 80
    rng = random.Random(seed)
    batch = [("checklist", checklist_post(rng, marker)) for _ in range(posts)]
    batch += [("public", public_request(rng)) for _ in range(requests)]
    rng.shuffle(batch)
    counts: dict[str, collections.Counter] = {
        "checklist": collections.Counter(),
        "public": collections.Counter(),
    }
    failures = []

    def one(item):
        kind, request = item
        try:
            status = send(host, port, request)
        except OSError as error:
            status = f"connection error ({type(error).__name__})"
        return kind, request, status

    with ThreadPoolExecutor(max_workers=8) as pool:
        for kind, request, status in pool.map(one, batch):
            counts[kind][status] += 1
            if not isinstance(status, int) or status >= 500 or status == 0:
                failures.append((status, request[0], request[1][:120], request[2]))
    return counts, failures


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--url", help="fuzz this running server instead of starting one")
    options = parser.parse_args()
    seed = int(os.environ.get("FUZZ_SEED", "7"))
    posts = int(os.environ.get("FUZZ_POSTS", "5000"))
    requests = int(os.environ.get("FUZZ_REQUESTS", "5000"))
    marker = f"marker{random.Random(seed).randrange(10**9)}"
    print(f"fuzz: seed {seed}, {posts} checklist posts, {requests} public requests")
    log_text = None
    if options.url:
        counts, failures = run(options.url, posts, requests, seed, marker)
    else:
        folder = Path(tempfile.mkdtemp(prefix="backcare-fuzz-"))
        env = serving.server_env(
            DATABASE_URL=os.environ.get(
                "FUZZ_DATABASE_URL", f"sqlite:///{folder / 'fuzz.sqlite3'}"
            ),
            # Every request comes from one client: without this, the rate limits would answer
            # nearly all of them with 429 before the views saw them.
            BACKCARE_SEARCHES_PER_MINUTE="1000000",
            BACKCARE_CHECKLIST_POSTS_PER_MINUTE="1000000",
        )
        serving.prepare(env)
        port = serving.free_port(int(os.environ.get("FUZZ_PORT", "0")))
        log_path = folder / "server.log"
        with open(log_path, "w") as log, serving.gunicorn(port, env, log=log):
            counts, failures = run(f"http://127.0.0.1:{port}", posts, requests, seed, marker)
        log_text = log_path.read_text(errors="replace")
    for kind, counter in counts.items():
        print(
            f"{kind}: "
            + ", ".join(f"{status}: {n}" for status, n in sorted(counter.items(), key=str))
        )
    server_errors = sum(
        n
        for c in counts.values()
        for s, n in c.items()
        if not isinstance(s, int) or s >= 500 or s == 0
    )
    print(f"responses of 500 or above (or none at all): {server_errors}")
    for status, method, path, headers in failures[:20]:
        print(f"  {status} {method} {path!r} {headers}")
    if log_text is not None:
        lines = log_text.splitlines()
        access = [line for line in lines if '" ' in line and "HTTP/1" in line]
        print(
            f"server log: {len(lines)} lines ({len(access)} access log), "
            f"{log_text.count('Traceback')} tracebacks, "
            f"checklist marker found {log_text.count(marker)} times"
        )
        if log_text.count(marker) or log_text.count("Traceback"):
            server_errors += 1
    return 1 if server_errors else 0


if __name__ == "__main__":
    sys.exit(main())
