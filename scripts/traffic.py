"""Traffic for the fault scenarios: visitors at a steady rate, and slow or idle clients.

`Visitors` sends GET requests at a fixed rate from a pool of threads, each on a new connection as a
new visitor's would be, and records each answer's status and time. `slow_clients` holds connections
open the way a slowloris attack does (idle, or a header line every few seconds), opening a new one
whenever the server closes one, until told to stop.
"""

import asyncio
import contextlib
import http.client
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

# A visitor who waits longer than this has given up: the request counts as failed.
PATIENCE = 5.0


@dataclass
class Answer:
    started: float
    seconds: float
    status: int  # 0: no answer (refused, reset or timed out)
    body: bytes = b""
    path: str = ""


@dataclass
class Visitors:
    """Send GETs to host:port at `rate` per second over `paths` in turn, until stop()."""

    port: int
    paths: list[str]
    rate: float = 40
    host_header: str | None = None
    # Loopback addresses to send from in turn: through nginx, each is a visitor of its own.
    sources: list[str] = field(default_factory=lambda: ["127.0.0.1"])
    answers: list[Answer] = field(default_factory=list)

    def __post_init__(self):
        self.stopping = threading.Event()
        self.lock = threading.Lock()
        self.thread = None

    def fetch(self, path: str, scheduled: float, source: str) -> None:
        started = time.monotonic()
        status, body = 0, b""
        connection = http.client.HTTPConnection(
            "127.0.0.1", self.port, timeout=PATIENCE, source_address=(source, 0)
        )
        try:
            headers = {"Host": self.host_header or f"127.0.0.1:{self.port}"}
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            body = response.read()
            status = response.status
        except (OSError, http.client.HTTPException):
            status = 0
        finally:
            connection.close()
        answer = Answer(scheduled, time.monotonic() - started, status, body, path)
        with self.lock:
            self.answers.append(answer)

    def run(self) -> None:
        interval = 1 / self.rate
        with ThreadPoolExecutor(max_workers=64) as pool:
            start = time.monotonic()
            n = 0
            while not self.stopping.is_set():
                due = start + n * interval
                delay = due - time.monotonic()
                if delay > 0:
                    time.sleep(delay)
                source = self.sources[n % len(self.sources)]
                pool.submit(self.fetch, self.paths[n % len(self.paths)], due, source)
                n += 1

    def __enter__(self):
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stopping.set()
        self.thread.join()

    def summary(self, since: float = 0.0) -> dict:
        """Count the answers (statuses, failures) and their times, from `since` on."""
        answers = [a for a in self.answers if a.started >= since]
        seconds = sorted(a.seconds for a in answers)
        statuses = Counter(a.status for a in answers)
        return {
            "requests": len(answers),
            "statuses": statuses,
            "failed": sum(n for s, n in statuses.items() if s == 0 or s >= 500),
            "p99": seconds[int(len(seconds) * 0.99)] if seconds else 0.0,
            "worst": seconds[-1] if seconds else 0.0,
        }


def time_to_recover(answers: list[Answer], after: float, limit: float = 1.0) -> float:
    """Seconds from `after` until every later answer was good and came within `limit` seconds."""
    last_bad = after
    for answer in answers:
        bad = answer.status == 0 or answer.status >= 500 or answer.seconds > limit
        if answer.started >= after and bad:
            last_bad = max(last_bad, answer.started + answer.seconds)
    return last_bad - after


async def hold(port: int, mode: str, source: str, stopping: threading.Event, opened: Counter):
    """Keep one slow connection open (idle, or trickling a header), reopening it when closed."""
    while not stopping.is_set():
        try:
            reader, writer = await asyncio.open_connection(
                "127.0.0.1", port, local_addr=(source, 0)
            )
        except OSError:
            await asyncio.sleep(0.5)
            continue
        opened["connections"] += 1
        try:
            if mode == "slow":
                writer.write(f"GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n".encode())
            n = 0
            while not stopping.is_set():
                if mode == "slow":
                    # A header line every 2 s, never the blank line that ends them.
                    writer.write(f"X-Slow-{n}: {'a' * 8}\r\n".encode())
                    n += 1
                await writer.drain()
                with contextlib.suppress(TimeoutError):
                    if await asyncio.wait_for(reader.read(1024), timeout=2) == b"":
                        break  # the server closed it: open another at once
        except OSError:
            pass
        finally:
            writer.close()


@contextlib.contextmanager
def slow_clients(port: int, count: int, mode: str, source: str = "127.0.0.99"):
    """Hold `count` idle ("idle") or slowloris ("slow") connections to port, all from one client
    address, while the block runs."""
    stopping = threading.Event()
    opened: Counter = Counter()

    async def main():
        await asyncio.gather(*(hold(port, mode, source, stopping, opened) for _ in range(count)))

    thread = threading.Thread(target=asyncio.run, args=(main(),), daemon=True)
    thread.start()
    time.sleep(1)  # every connection is open before the measuring starts
    try:
        yield opened
    finally:
        stopping.set()
        thread.join(timeout=10)
