"""The inspector panel with the keyboard only, and with a screen reader's ears.

A learner who cannot use a mouse must reach the panel's toggle with Tab, fold and unfold it with
Enter or Space, see where the focus is, and Tab on into what the panel says. A screen reader
hears the panel's live region when the session changes, never on each tick of the countdown.
"""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)

MAX_TABS = 80  # the header, the lesson and its forms come before the panel


def tab_to(page, locator):
    """Press Tab until `locator` has the focus, as a keyboard user would; fail if it never does."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if locator.evaluate("element => element === document.activeElement"):
            return
    pytest.fail(f"{locator} is not reachable with Tab")


def test_the_panel_opens_closes_and_reads_with_the_keyboard(page, site_url):
    page.goto(site_url + "/lessons/expiry/")
    panel = page.locator("aside[data-inspector]")
    toggle = panel.locator("[data-inspector-toggle]")
    body = panel.locator("#inspector-body")
    expect(toggle).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "true")

    tab_to(page, toggle)
    # The focus is visible: the browser applies :focus-visible, and the site draws an outline.
    assert toggle.evaluate("element => element.matches(':focus-visible')")
    outline = toggle.evaluate(
        "element => { const s = getComputedStyle(element);"
        " return [s.outlineStyle, parseFloat(s.outlineWidth)]; }"
    )
    assert outline[0] != "none"
    assert outline[1] >= 2

    page.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(body).to_be_hidden()
    page.keyboard.press("Space")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(body).to_be_visible()

    # Reading on: Tab moves from the toggle into the panel's own links.
    page.keyboard.press("Tab")
    inside = page.evaluate(
        "document.activeElement.closest('#inspector-body') !== null"
        " && document.activeElement.tagName"
    )
    assert inside == "A"
    assert page.evaluate("document.activeElement.matches(':focus-visible')")


def test_the_countdown_does_not_chatter_to_screen_readers(page, site_url):
    page.goto(site_url + "/lessons/expiry/")
    page.get_by_role("button", name="set_expiry(300)").click()
    panel = page.locator("aside[data-inspector]")
    clock = panel.locator("[data-countdown]")
    expect(clock).to_have_text("5:00", timeout=5000)
    live = panel.locator("[data-inspector-live]")
    expect(live).to_have_attribute("role", "status")
    expect(live).not_to_be_empty()  # the change itself was announced

    # The clock itself is in no live region: its ticks are for the eyes only.
    assert clock.evaluate("element => element.closest('[aria-live], [role=status]') === null")
    page.evaluate(
        """() => {
            window.liveChanges = 0;
            const live = document.querySelector("[data-inspector-live]");
            new MutationObserver(() => window.liveChanges++)
                .observe(live, {childList: true, characterData: true, subtree: true});
        }"""
    )
    before = clock.text_content()
    page.wait_for_timeout(3200)
    assert clock.text_content() != before, "the countdown ticked"
    assert page.evaluate("window.liveChanges") == 0
