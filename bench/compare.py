"""What Session Lab costs over bare Django, endpoint by endpoint, for every session engine.

    .venv/bin/python bench/compare.py                      # every engine, 400 requests each
    .venv/bin/python bench/compare.py --engines db cache --requests 200

For each engine the site runs under gunicorn in production mode on loopback, twice at once:

- as shipped (inspector on), with two bare views added by ``bench.settings``: the inspector's
  poll (a 200 and an unchanged 304), add-to-cart, a lesson page and the cart page;
- with ``SESSIONLAB_INSPECTOR=0`` (no side panel, no timeline middleware): the bare views
  (``bench/bare_urls.py``: load the session; load it, set one key and save) and the same lesson
  and cart pages, so that the pages' ratio is the cost of the inspector itself.

Each endpoint gets the same fixed number of requests from a few client threads, each with a
session of its own holding a cart, in rounds that alternate with its counterpart's (a busy
neighbour on a shared machine then slows both alike), within a time limit per engine. It prints
requests per second and p50/p99 latency per endpoint, and the ratio of its requests per second
to its counterpart's.
"""

import argparse
import datetime
import itertools
import os
import platform
import shlex
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import django

from tests.servers import Browserless, gunicorn, manage, product_ids, production_env

ENGINES = ["db", "cache", "cached_db", "file", "signed_cookies"]
LESSON = "/lessons/session-cookie/"
STATE = "/inspector/state/"

# (endpoint, its counterpart): the ratio is endpoint req/s over counterpart req/s.
PAIRS = [
    ("inspector poll 200", "bare session read"),
    ("inspector poll 304", "bare session read"),
    ("add to cart (POST)", "bare session write (POST)"),
    ("lesson page", "lesson page, inspector off"),
    ("cart page", "cart page, inspector off"),
]


class Learner(Browserless):
    """A client with a session holding a cart, as the site's learners have."""

    def __init__(self, port, products):
        super().__init__(port)
        self.products = itertools.cycle(products)
        for product in products[:3]:
            self.form_post(f"/shop/cart/add/{product}/", {"quantity": 1}, page="/shop/")
            self.forget_messages()
        self.refresh_etag()

    def refresh_etag(self):
        self.etag = self.request("GET", STATE).headers["ETag"]

    def forget_messages(self):
        """A browser shows the flash message on the next page, which deletes its cookie; the bench
        does not fetch that page, so it drops the cookie itself to keep every request alike."""
        self.cookies.pop("messages", None)

    def post(self, path, data):
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": self.csrf_token()})
        referer = f"https://127.0.0.1:{self.port}/shop/"
        response = self.request("POST", path, body=body, headers={"Referer": referer})
        self.forget_messages()
        return response


# Each endpoint: (what one request does, the status it must answer). The POSTs grow their
# learners' carts, so they have learners of their own ("writers"): the pages and polls are
# measured on both servers with the same three-product cart.
WRITES = {"add to cart (POST)", "bare session write (POST)"}
ENDPOINTS = {
    "inspector poll 200": (lambda c: c.request("GET", STATE), 200),
    "inspector poll 304": (
        lambda c: c.request("GET", STATE, headers={"If-None-Match": c.etag}),
        304,
    ),
    "add to cart (POST)": (
        lambda c: c.post(f"/shop/cart/add/{next(c.products)}/", {"quantity": 1}),
        302,
    ),
    "lesson page": (lambda c: c.request("GET", LESSON), 200),
    "cart page": (lambda c: c.request("GET", "/shop/cart/"), 200),
    "bare session read": (lambda c: c.request("GET", "/bench/read/"), 200),
    "bare session write (POST)": (lambda c: c.post("/bench/write/", {}), 302),
    "lesson page, inspector off": (lambda c: c.request("GET", LESSON), 200),
    "cart page, inspector off": (lambda c: c.request("GET", "/shop/cart/"), 200),
}
INSPECTOR_ON = [name for name in ENDPOINTS if "off" not in name and "bare" not in name]
INSPECTOR_OFF = [name for name in ENDPOINTS if name not in INSPECTOR_ON]


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def measure(learners, name, requests, deadline):
    """Send `requests` requests from the learners' threads; (latencies, wall time, errors)."""
    send, expected = ENDPOINTS[name]
    if name == "inspector poll 304":
        for learner in learners:
            learner.refresh_etag()
    tickets = itertools.count()
    lock = threading.Lock()
    latencies, errors = [], []

    def run(learner):
        while next(tickets) < requests and time.monotonic() < deadline:
            started = time.perf_counter()
            response = send(learner)
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                if response.status != expected:
                    errors.append(response.status)

    threads = [threading.Thread(target=run, args=(learner,)) for learner in learners]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, time.perf_counter() - started, errors


def summary(latencies, wall, errors):
    return {
        "count": len(latencies),
        "rps": len(latencies) / wall if wall else 0.0,
        "p50": percentile(latencies, 0.5) * 1000 if latencies else 0.0,
        "p99": percentile(latencies, 0.99) * 1000 if latencies else 0.0,
        "errors": len(errors),
        "statuses": sorted(set(errors)),
    }


def compare(env, args):
    """Both servers at once (inspector on, inspector off), each pair measured in alternating
    rounds, so that a neighbour's load on a shared machine falls on both sides alike."""
    with (
        gunicorn(env, workers=args.workers) as port_on,
        gunicorn({**env, "SESSIONLAB_INSPECTOR": "0"}, workers=args.workers) as port_off,
    ):
        products = product_ids(Browserless(port_on).request("GET", "/shop/").body.decode())
        learners = {
            (port, writes): [Learner(port, products) for _ in range(args.clients)]
            for port in (port_on, port_off)
            for writes in (False, True)
        }
        server = dict.fromkeys(INSPECTOR_ON, port_on) | dict.fromkeys(INSPECTOR_OFF, port_off)
        names = list(dict.fromkeys(name for pair in PAIRS for name in pair))
        collected = {name: ([], 0.0, []) for name in names}
        deadline = time.monotonic() + args.seconds
        group = {name: learners[server[name], name in WRITES] for name in names}
        for name in names:  # warm caches, imports and connections first
            measure(group[name], name, args.warmup, deadline)
        per_round = max(1, args.requests // args.rounds)
        for _ in range(args.rounds):
            for name in names:
                latencies, wall, errors = measure(group[name], name, per_round, deadline)
                total = collected[name]
                collected[name] = (total[0] + latencies, total[1] + wall, total[2] + errors)
    return {name: summary(*values) for name, values in collected.items()}


def table(all_results, args):
    lines = [
        f"| {'engine':<14} | {'endpoint':<26} | {'req/s':>7} | {'p50 ms':>7} | {'p99 ms':>7} "
        f"| {'counterpart':<26} | {'req/s':>7} | {'ratio':>5} |",
        f"|{'-' * 16}|{'-' * 28}|{'-' * 9}|{'-' * 9}|{'-' * 9}|{'-' * 28}|{'-' * 9}|{'-' * 7}|",
    ]
    low = []
    for engine, results in all_results.items():
        for name, counterpart in PAIRS:
            ours, bare = results[name], results[counterpart]
            ratio = ours["rps"] / bare["rps"] if bare["rps"] else 0.0
            mark = " *" if ratio < 0.8 else ""
            if ratio < 0.8:
                low.append((engine, name, ratio))
            lines.append(
                f"| {engine:<14} | {name:<26} | {ours['rps']:>7.0f} | {ours['p50']:>7.1f} "
                f"| {ours['p99']:>7.1f} | {counterpart:<26} | {bare['rps']:>7.0f} "
                f"| {ratio:>5.2f}{mark} |"
            )
    errors = [
        f"{engine} / {name}: {result['errors']} unexpected answers {result['statuses']}"
        for engine, results in all_results.items()
        for name, result in results.items()
        if result["errors"]
    ]
    return lines, low, errors


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--engines", nargs="+", choices=ENGINES, default=ENGINES)
    parser.add_argument("--requests", type=int, default=400, help="per endpoint (default 400)")
    parser.add_argument("--warmup", type=int, default=40, help="unmeasured requests first")
    parser.add_argument("--clients", type=int, default=4, help="client threads (default 4)")
    parser.add_argument("--workers", type=int, default=1, help="gunicorn workers (default 1: the "
                        "cache engine's local-memory cache is per process)")  # fmt: skip
    parser.add_argument("--rounds", type=int, default=4, help="alternating rounds (default 4)")
    parser.add_argument("--seconds", type=float, default=300, help="time limit per engine")
    args = parser.parse_args()

    command = shlex.join([Path(sys.executable).name, *sys.argv])
    print(f"$ {command}")
    print(
        f"{datetime.date.today()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"Django {django.get_version()}, gunicorn gthread {args.workers} worker(s) x 4 threads, "
        f"{args.clients} client threads, {args.requests} requests per endpoint"
    )
    all_results = {}
    with tempfile.TemporaryDirectory() as folder:
        base = production_env(
            Path(folder),
            DJANGO_SETTINGS_MODULE="bench.settings",
            DJANGO_LOG_LEVEL="WARNING",
            GUNICORN_CMD_ARGS="--max-requests 0 --access-logfile /dev/null",
        )
        manage("migrate", "--noinput", env=base)
        manage("collectstatic", "--noinput", env=base)
        manage("demo_data", env=base)
        for engine in args.engines:
            env = {**base, "DJANGO_SESSION_ENGINE": engine}
            print(f"  {engine}…", flush=True)
            all_results[engine] = compare(env, args)

    lines, low, errors = table(all_results, args)
    print("\n".join(["", *lines, ""]))
    for engine, name, ratio in low:
        print(f"* below 0.8: {engine} / {name}: {ratio:.2f}")
    for error in errors:
        print("!", error)
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
