"""Load with nothing lost: N simulated learners, each with their own session, against gunicorn.

    .venv/bin/python bench/load.py                          # SQLite, the local default
    .venv/bin/python bench/load.py --setup postgres-redis   # $DATABASE_URL's server, $REDIS_URL

Each learner loops over the learner's journey for a fixed time: a lesson page, several adds to the
cart, the cart page, inspector polls, log in, the cart again, log out, the cart again. After every
step it checks what it saw against what it did: the cart holds exactly what this learner added
(sequential adds are never lost), login keeps it, logout empties it, and no page ever shows
another learner's name or cart. It prints requests per second, latency per step, errors by
status, and a PASS/FAIL line: zero 5xx, zero "database is locked", zero mismatches.

The site runs in production mode in a temporary folder (its own SQLite file, or a fresh
PostgreSQL database and Redis key prefix that are removed afterwards), with its own learner
accounts. Traffic goes to loopback only, and the run stops by itself.
"""

import argparse
import collections
import contextlib
import os
import random
import re
import statistics
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.servers import (
    Browserless,
    gunicorn,
    manage,
    product_ids,
    production_env,
)

PASSWORD = "load-test-password-1234"
LESSONS = ["http-is-stateless", "session-cookie", "expiry", "shopping-cart"]


class Record:
    """Latencies, statuses and problems, shared by all learner threads."""

    def __init__(self):
        self.lock = threading.Lock()
        self.latency = collections.defaultdict(list)
        self.statuses = collections.Counter()
        self.problems = []

    def step(self, name, response, seconds):
        with self.lock:
            self.latency[name].append(seconds)
            self.statuses[response.status] += 1

    def problem(self, text):
        with self.lock:
            if len(self.problems) < 50:
                self.problems.append(text)


def timed(record, client, name, method, path, **kwargs):
    started = time.perf_counter()
    if method == "FORM":
        response = client.form_post(path, **kwargs)
    else:
        response = client.request(method, path, **kwargs)
    record.step(name, response, time.perf_counter() - started)
    return response


def cart_on_page(html):
    """{product id: quantity} as the cart page lists it."""
    return {
        int(product): int(quantity)
        for product, quantity in re.findall(
            r'action="/shop/cart/update/(\d+)/".*?name="quantity"[^>]*value="(\d+)"', html, re.S
        )
    }


def learner_journey(number, port, products, deadline, record):
    """One learner's loop. Every check compares the page with what this learner did."""
    username = f"learner{number:03d}"
    rng = random.Random(number)
    rounds = 0
    while time.monotonic() < deadline:
        client = Browserless(port)
        timed(record, client, "lesson page", "GET", f"/lessons/{rng.choice(LESSONS)}/")
        expected = collections.Counter()
        for _ in range(rng.randint(3, 6)):
            product = rng.choice(products)
            response = timed(
                record, client, "add to cart", "FORM", f"/shop/cart/add/{product}/",
                data={"quantity": 1}, page="/shop/",
            )  # fmt: skip
            if response.status == 302:
                expected[product] += 1
        cart = timed(record, client, "cart page", "GET", "/shop/cart/").body.decode()
        if cart_on_page(cart) != dict(expected):
            record.problem(f"{username}: cart {cart_on_page(cart)} != added {dict(expected)}")
        etag = None
        for _ in range(3):
            headers = {"If-None-Match": etag} if etag else {}
            poll = timed(record, client, "inspector poll", "GET", "/inspector/state/",
                         headers=headers)  # fmt: skip
            etag = poll.headers.get("ETag") or etag
            if poll.status == 200 and client.session_key()[:4] not in poll.body.decode():
                record.problem(f"{username}: the inspector showed another session")
        response = timed(
            record, client, "log in", "FORM", "/accounts/login/",
            data={"username": username, "password": PASSWORD},
        )  # fmt: skip
        if response.status != 302:
            record.problem(f"{username}: login answered {response.status}")
        cart = timed(record, client, "cart after login", "GET", "/shop/cart/").body.decode()
        if cart_on_page(cart) != dict(expected):
            record.problem(f"{username}: cart after login {cart_on_page(cart)} != {dict(expected)}")
        for other in re.findall(r"learner\d{3}", cart):
            if other != username:
                record.problem(f"{username}: saw {other}'s name")
        timed(record, client, "log out", "FORM", "/accounts/logout/", data={}, page="/shop/cart/")
        cart = timed(record, client, "cart after logout", "GET", "/shop/cart/").body.decode()
        if cart_on_page(cart):
            record.problem(f"{username}: cart not empty after logout: {cart_on_page(cart)}")
        rounds += 1
    return rounds


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def report(record, seconds, log_text, args):
    total = sum(len(values) for values in record.latency.values())
    print(f"\nsetup={args.setup} engine={args.engine} learners={args.learners} "
          f"workers={args.workers} seconds={seconds:.0f} cpus={os.cpu_count()}")  # fmt: skip
    print(f"requests: {total}, {total / seconds:.1f} per second\n")
    print(f"| {'step':<18} | {'count':>6} | {'p50 ms':>7} | {'p95 ms':>7} | {'p99 ms':>7} |")
    print(f"|{'-' * 20}|{'-' * 8}|{'-' * 9}|{'-' * 9}|{'-' * 9}|")
    for name, values in record.latency.items():
        p50, p95, p99 = (percentile(values, q) * 1000 for q in (0.5, 0.95, 0.99))
        print(f"| {name:<18} | {len(values):>6} | {p50:>7.1f} | {p95:>7.1f} | {p99:>7.1f} |")
    print("\nstatuses:", dict(sorted(record.statuses.items())))
    server_errors = sum(count for status, count in record.statuses.items() if status >= 500)
    locked = log_text.count("database is locked")
    print(f"5xx: {server_errors}, 'database is locked': {locked}, mismatches: "
          f"{len(record.problems)}")  # fmt: skip
    for problem in record.problems[:10]:
        print("  ", problem)
    passed = server_errors == 0 and locked == 0 and not record.problems and total > 0
    print("PASS" if passed else "FAIL")
    return passed


@contextlib.contextmanager
def store(args, folder):
    """The site's environment for the chosen set-up; removes what it created afterwards."""
    extra = {"DJANGO_SESSION_ENGINE": args.engine}
    cleanups = []
    if args.setup == "postgres-redis":
        from tests.production.test_processes import forget_redis_prefix, postgres_database

        url, drop = postgres_database(f"sessionlab_load_{uuid.uuid4().hex[:8]}")
        prefix = f"sessionlab-load-{uuid.uuid4().hex[:8]}"
        extra.update(DATABASE_URL=url, REDIS_URL=os.environ["REDIS_URL"],
                     SESSIONLAB_CACHE_PREFIX=prefix)  # fmt: skip
        cleanups += [drop, lambda: forget_redis_prefix(prefix)]
    try:
        yield production_env(folder, **extra)
    finally:
        for cleanup in cleanups:
            cleanup()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--setup", choices=["sqlite", "postgres-redis"], default="sqlite")
    parser.add_argument("--engine", default="db", help="session engine (default: db, as the site)")
    parser.add_argument("--learners", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()
    args.seconds = min(args.seconds, 600)  # bounded: the run always stops by itself

    with tempfile.TemporaryDirectory() as folder, store(args, Path(folder)) as env:
        manage("migrate", "--noinput", env=env)
        manage("collectstatic", "--noinput", env=env)
        manage("demo_data", env=env)
        manage("shell", "-c", (
            "from django.contrib.auth.models import User\n"
            f"for n in range({args.learners}):\n"
            f"    User.objects.create_user(f'learner{{n:03d}}', password='{PASSWORD}')"
        ), env=env)  # fmt: skip
        log = Path(folder) / "gunicorn.log"
        with gunicorn(env, workers=args.workers, log=log) as port:
            products = product_ids(Browserless(port).request("GET", "/shop/").body.decode())
            record = Record()
            deadline = time.monotonic() + args.seconds
            started = time.monotonic()
            threads = [
                threading.Thread(target=learner_journey, args=(n, port, products, deadline, record))
                for n in range(args.learners)
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            elapsed = time.monotonic() - started
        passed = report(record, elapsed, log.read_text(), args)
        latencies = [v for values in record.latency.values() for v in values]
        if latencies:
            print(f"mean latency {statistics.mean(latencies) * 1000:.1f} ms")
    sys.exit(0 if passed else 1)


if __name__ == "__main__":
    main()
