"""Every page type, checked in the browser: accessibility (axe-core) and page weight.

axe-core comes inside the axe-playwright-python package; nothing is fetched at run time. Weight is
counted, not timed, so the budget is deterministic: every byte the browser received for the page
(HTML, CSS, JS, images) as the test server sent it, and no request to any other origin.
"""

import urllib.parse

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)

WEIGHT_BUDGET = 100 * 1024

# Page types, as paths. Later pages are added here as the site grows.
PAGES = {
    "home": "/",
    "not found": "/no-such-page/",
    "menu": "/shop/",
    "product": "/shop/bubble-tea/",
    "cart": "/shop/cart/",
    "lesson index": "/lessons/",
    "a lesson": "/lessons/session-as-a-dict/",
    "login": "/accounts/login/",
    "signup": "/accounts/signup/",
    "account": "/accounts/",
    "inspector": "/inspector/",
    "backend lab": "/lab/",
    "cart with items": "/shop/cart/",
}


def log_in(page, site_url):
    """Log in as the demo learner alice (remember me off), through the login page."""
    page.goto(site_url + "/accounts/login/")
    page.locator("#id_username").fill("alice")
    page.locator("#id_password").fill("alice-sessions")
    page.locator("form.auth-form button[type=submit]").click()
    page.wait_for_url("**/accounts/")


def fill_the_cart(page, site_url):
    """Three products in the cart, one of them twice, through the menu's own buttons."""
    page.goto(site_url + "/shop/")
    buttons = page.locator('form[action^="/shop/cart/add/"] button[type="submit"]')
    for count, index in enumerate((0, 1, 2, 0), start=1):
        buttons.nth(index).click()
        expect(page.locator(".cart-count")).to_have_text(str(count))


def cart_and_login(page, site_url):
    fill_the_cart(page, site_url)
    log_in(page, site_url)


# What a page needs before it shows what it is for: its visit is measured after this.
PREPARE = {
    "account": log_in,
    "inspector": cart_and_login,
    "cart with items": fill_the_cart,
}


def prepare(page, site_url, name):
    if name in PREPARE:
        PREPARE[name](page, site_url)


@pytest.fixture(autouse=True)
def demo_data(transactional_db):
    call_command("demo_data", verbosity=0)


def load(page, url):
    """Open a page and return the requests it made: (url, response body size)."""
    seen = []

    def on_response(response):
        try:
            size = len(response.body())
        except Exception:  # a redirect has no body to read
            size = 0
        seen.append((response.url, size))

    page.on("response", on_response)
    page.goto(url, wait_until="networkidle")
    page.remove_listener("response", on_response)
    return seen


@pytest.mark.parametrize("name", PAGES)
def test_no_serious_accessibility_violations(page, site_url, name):
    prepare(page, site_url, name)
    page.goto(site_url + PAGES[name], wait_until="networkidle")
    results = Axe().run(page)
    serious = [
        f"{violation['id']} ({violation['impact']}): {violation['help']} — "
        + ", ".join(str(node["target"]) for node in violation["nodes"][:3])
        for violation in results.response["violations"]
        if violation["impact"] in {"serious", "critical"}
    ]
    assert serious == []


@pytest.mark.parametrize("name", PAGES)
def test_page_weight_and_origins(page, site_url, name):
    prepare(page, site_url, name)
    requests = load(page, site_url + PAGES[name])
    origin = urllib.parse.urlsplit(site_url).netloc
    foreign = [url for url, _ in requests if urllib.parse.urlsplit(url).netloc != origin]
    assert foreign == []
    total = sum(size for _, size in requests)
    assert total <= WEIGHT_BUDGET, f"{name}: {total} bytes: {requests}"
    blocking = page.evaluate(
        "[...document.querySelectorAll('head script:not([type=module]):not([defer]):not([async])')]"
        ".filter(s => s.src).length"
    )
    assert blocking == 0, "no render-blocking script"


def test_an_unchanged_poll_is_a_304_with_an_empty_body(page, site_url):
    """What the browser itself receives when the inspector polls and nothing has changed."""
    fill_the_cart(page, site_url)
    page.goto(site_url + "/inspector/", wait_until="networkidle")
    polls = page.evaluate(
        """async () => {
            const first = await fetch("/inspector/state/", {credentials: "same-origin"});
            const etag = first.headers.get("ETag");
            const again = await fetch("/inspector/state/", {
                credentials: "same-origin", headers: {"If-None-Match": etag}, cache: "no-store",
            });
            return [first.status, (await first.text()).length, etag,
                    again.status, (await again.text()).length];
        }"""
    )
    first_status, first_length, etag, status, length = polls
    assert first_status == 200
    assert first_length > 0
    assert etag
    assert (status, length) == (304, 0)


def test_the_accessibility_check_can_fail(page):
    """The harness itself: axe must report a serious problem on a page that has one."""
    page.set_content('<html lang="en"><body><main><button></button></main></body></html>')
    impacts = {violation["impact"] for violation in Axe().run(page).response["violations"]}
    assert impacts & {"serious", "critical"}
