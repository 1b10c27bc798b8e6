"""Paint times of the site's page types, from the browser's own Performance API.

    .venv/bin/python bench/paint.py            # each page five times, the median

The site runs under gunicorn in production mode on loopback (as in bench/compare.py); Debian's
Chromium, driven by Playwright, opens each page in a fresh context (a first visit: nothing
cached) and reads ``first-contentful-paint`` and the navigation timing. Timed, so it is a report,
never a test assertion: the page-weight budget in tests/browser/test_quality.py is the test.
"""

import argparse
import datetime
import os
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import sync_playwright

from tests.conftest import CHROMIUM_FLAGS, chromium_path
from tests.servers import gunicorn, manage, production_env

PAGES = {
    "home": "/",
    "lesson index": "/lessons/",
    "a lesson": "/lessons/session-as-a-dict/",
    "menu": "/shop/",
    "cart": "/shop/cart/",
    "inspector": "/inspector/",
    "login": "/accounts/login/",
}

TIMINGS = """() => {
    const paint = performance.getEntriesByName("first-contentful-paint")[0];
    const navigation = performance.getEntriesByType("navigation")[0];
    return {
        fcp: paint ? paint.startTime : null,
        ttfb: navigation.responseStart,
        load: navigation.loadEventEnd,
    };
}"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print(f"$ python {' '.join(sys.argv)}")
    print(f"{datetime.date.today()}, {os.cpu_count()} CPUs, median of {args.runs} first visits\n")
    with tempfile.TemporaryDirectory() as folder:
        env = production_env(Path(folder), DJANGO_LOG_LEVEL="WARNING")
        manage("migrate", "--noinput", env=env)
        manage("collectstatic", "--noinput", env=env)
        manage("demo_data", env=env)
        with gunicorn(env) as port, sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium_path(), args=CHROMIUM_FLAGS
            )
            print(f"| {'page':<13} | {'TTFB ms':>7} | {'FCP ms':>7} | {'load ms':>7} |")
            print(f"|{'-' * 15}|{'-' * 9}|{'-' * 9}|{'-' * 9}|")
            for name, path in PAGES.items():
                runs = []
                for _ in range(args.runs):
                    # The production settings expect HTTPS from a proxy: say so, as the proxy would.
                    context = browser.new_context(extra_http_headers={"X-Forwarded-Proto": "https"})
                    page = context.new_page()
                    page.goto(f"http://127.0.0.1:{port}{path}", wait_until="load")
                    page.wait_for_timeout(100)  # let the paint entry be recorded
                    runs.append(page.evaluate(TIMINGS))
                    context.close()
                median = {
                    key: statistics.median(run[key] for run in runs if run[key] is not None)
                    for key in ("ttfb", "fcp", "load")
                }
                print(
                    f"| {name:<13} | {median['ttfb']:>7.1f} | {median['fcp']:>7.1f} "
                    f"| {median['load']:>7.1f} |"
                )
            browser.close()


if __name__ == "__main__":
    main()
