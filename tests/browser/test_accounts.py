"""Accounts in a real browser: two devices, remember me, and the back button after logout."""

import re
import time

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "correct horse battery staple"
CHROME_LINUX = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Safari/537.36"
)
FIREFOX_ANDROID = "Mozilla/5.0 (Android 14; Mobile; rv:128.0) Gecko/128.0 Firefox/128.0"


@pytest.fixture
def alice(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return get_user_model().objects.create_user("alice", password=PASSWORD)


@pytest.fixture
def new_page(browser, site_url):
    """A page in a browser context of its own: another device, with its own cookies.

    The contexts are closed before the live server stops, so no request thread outlives it.
    """
    contexts = []

    def make(**options):
        contexts.append(browser.new_context(**options))
        return contexts[-1].new_page()

    yield make
    for context in contexts:
        context.close()


def collect_console_errors(page):
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    return errors


def log_in(page, site_url, remember=False):
    page.goto(site_url + "/accounts/login/")
    page.get_by_label("Username").fill("alice")
    page.get_by_label("Password").fill(PASSWORD)
    if remember:
        page.get_by_label("Remember me on this browser").check()
    page.locator("form.auth-form").get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your sessions")


def test_revoking_a_device_logs_it_out_on_its_next_request(new_page, site_url, alice):
    laptop = new_page(user_agent=CHROME_LINUX)
    phone = new_page(user_agent=FIREFOX_ANDROID)
    errors = collect_console_errors(laptop)
    log_in(laptop, site_url)
    log_in(phone, site_url)
    expect(phone.locator(".messages")).to_contain_text("Django started one (key")

    laptop.reload()
    cards = laptop.locator(".session-card")
    expect(cards).to_have_count(2)
    expect(cards.filter(has_text="This browser")).to_contain_text("Chrome on Linux")
    phone_card = cards.filter(has_text="Firefox on Android")
    expect(phone_card.get_by_role("button")).to_have_accessible_description("Firefox on Android")
    phone_card.get_by_role("button", name="Log out this session").click()

    expect(laptop.locator(".messages")).to_contain_text("Firefox on Android is logged out")
    expect(cards).to_have_count(1)

    phone.reload()  # The phone's next request: its cookie is still there, but opens nothing.
    expect(phone).to_have_url(re.compile(r"/accounts/login/\?next=/accounts/$"))
    expect(phone.get_by_role("heading", level=1)).to_have_text("Log in")
    assert errors == []


def test_remember_me_decides_whether_the_cookie_outlives_the_browser(new_page, site_url, alice):
    for remember in [False, True]:
        page = new_page()
        log_in(page, site_url, remember=remember)
        (cookie,) = [c for c in page.context.cookies() if c["name"] == "sessionid"]
        if remember:
            assert cookie["expires"] > time.time() + 13 * 24 * 3600  # About two weeks ahead.
        else:
            assert cookie["expires"] == -1  # A session cookie: gone when the browser closes.


def test_after_logout_the_back_button_shows_nothing_private(page, site_url, alice):
    """Going back after logout asks the server again, which answers with the login page.

    Headless Chromium re-fetches this page on "back" even without ``Cache-Control: no-store``,
    so this test shows the behaviour, not the header: the header itself is checked in
    ``tests/accounts/test_password_and_lifetime.py``.
    """
    log_in(page, site_url)
    expect(page.get_by_text("You are logged in as")).to_be_visible()
    page.locator(".account-area").get_by_role("button", name="Log out").click()
    expect(page.locator(".messages")).to_contain_text("You are logged out")

    page.go_back()

    expect(page.get_by_role("heading", level=1)).to_have_text("Log in")
    expect(page.get_by_text("You are logged in as")).to_have_count(0)
