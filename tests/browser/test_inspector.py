"""The inspector in a real browser: live updates, two tabs, the countdown, the toggle."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.urls("tests.inspector.urls"),
]


def panel(page):
    return page.get_by_role("complementary", name="Session inspector")


def seconds(clock_text):
    minutes, seconds = clock_text.split(":")
    return int(minutes) * 60 + int(seconds)


@pytest.fixture
def console_errors(page):
    """A CSP violation or a failed module shows up as a console error."""
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    return errors


def test_an_action_shows_in_the_panel_without_a_reload(page, site_url, console_errors):
    page.goto(site_url + "/lab/")
    expect(panel(page)).to_contain_text("No ticket yet: nothing has been stored")
    page.evaluate("window.notReloaded = true")
    panel(page).get_by_role("link", name="Open the full inspector").focus()

    # An action made with fetch(), as a lesson's button may do, announced with the event the
    # inspector listens for.
    page.evaluate(
        """async () => {
            await fetch("/lab/cart/1/", {method: "POST", credentials: "same-origin"});
            document.dispatchEvent(new CustomEvent("sessionlab:session-changed"));
        }"""
    )

    expect(panel(page).locator('[data-key="cart"]')).to_have_text('{"1": 1}')
    expect(panel(page).locator("[data-status]")).to_have_attribute("data-status", "active")
    expect(panel(page).get_by_role("status")).to_contain_text("Last change: Session created")
    assert page.evaluate("window.notReloaded") is True
    # The new HTML replaced the focused link; the keyboard focus moved to its successor.
    assert page.evaluate("document.activeElement.getAttribute('href')") == "/inspector/"
    assert console_errors == []


def test_a_change_in_another_tab_appears_without_a_reload(page, site_url):
    page.goto(site_url + "/lab/")
    page.evaluate("window.notReloaded = true")
    other = page.context.new_page()
    other.goto(site_url + "/lab/")

    other.get_by_role("button", name="Add a bubble tea").click()
    expect(panel(other).locator('[data-key="cart"]')).to_have_text('{"1": 1}')

    expect(panel(page).locator('[data-key="cart"]')).to_have_text('{"1": 1}', timeout=5000)
    assert page.evaluate("window.notReloaded") is True


def test_the_countdown_reaches_zero_and_the_server_says_expired(page, site_url):
    page.goto(site_url + "/lab/")
    page.get_by_role("button", name="Expire in 5 seconds").click()
    clock = panel(page).locator("[data-countdown]")
    expect(clock).to_have_text(re.compile(r"^0:0[0-5]$"))

    # The server decides: asked at zero, it finds the record expired, or (as the browser
    # deleted the cookie when its Max-Age ran out, at the same moment) no cookie at all.
    status = panel(page).locator("[data-status]")
    expect(status).to_have_attribute("data-status", "expired", timeout=12_000)
    expect(status.locator(".inspector-status-label:visible")).to_have_text("Expired")
    expect(panel(page).get_by_role("status")).to_contain_text(
        re.compile(r"Your session has (expired|ended)")
    )


def test_the_countdown_decreases_second_by_second(page, site_url):
    page.goto(site_url + "/lab/")
    page.get_by_role("button", name="Expire in 5 minutes").click()
    clock = panel(page).locator("[data-countdown]")
    expect(clock).to_have_text(re.compile(r"^[45]:\d\d$"))

    before = seconds(clock.text_content())
    page.wait_for_timeout(2000)
    after = seconds(clock.text_content())
    assert 1 <= before - after <= 3


def test_the_panel_folds_with_its_button_and_remembers(page, site_url):
    page.goto(site_url + "/lab/")
    toggle = panel(page).get_by_role("button", name="Your session")
    body = page.locator("#inspector-body")
    expect(toggle).to_have_attribute("aria-expanded", "true")

    toggle.focus()
    page.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(body).to_be_hidden()

    page.reload()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(body).to_be_hidden()
    page.keyboard.press("Tab")  # still reachable and operable from the keyboard
    toggle.press("Space")
    expect(body).to_be_visible()
