"""The lessons as a learner goes through them, in a real browser."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)

SHORT_EXPIRY = 2  # seconds, instead of 30, so that watching a session expire is quick


def goal_status(page):
    return page.locator("[data-goal-status]")


def test_lessons_2_4_and_5_mark_progress(page, site_url, settings):
    settings.LESSONS_SHORT_EXPIRY = SHORT_EXPIRY
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))

    # Lesson 2: get a ticket, and the cookie appears with its attributes.
    page.goto(site_url + "/lessons/session-cookie/")
    expect(page.get_by_text("You hold no ticket yet")).to_be_visible()
    expect(goal_status(page)).to_have_text("Not yet")
    page.get_by_role("button", name="Get a ticket").click()
    expect(page.get_by_text("Goal met: this lesson is done.")).to_be_visible()
    expect(goal_status(page)).to_have_text("Done")
    expect(page.locator(".try-it").get_by_text("Max-Age=1209600", exact=True)).to_be_visible()
    cookie = next(c for c in page.context.cookies() if c["name"] == "sessionid")
    assert cookie["httpOnly"] is True
    assert cookie["sameSite"] == "Lax"

    # Lesson 4: three presses, three separate requests, one session.
    page.get_by_role("link", name=re.compile("Server-side storage")).click()
    page.get_by_role("link", name=re.compile("Keeping the session")).click()
    for count in (1, 2, 3):
        page.get_by_role("button", name="Visit again").click()
        expect(page.locator(".counter-number")).to_have_text(str(count))
    expect(goal_status(page)).to_have_text("Done")

    # Lesson 5: a short expiry, then watch the session expire.
    page.get_by_role("link", name=re.compile("Expiry")).click()
    page.get_by_role("button", name=f"set_expiry({SHORT_EXPIRY})").click()
    expect(page.locator(".ran")).to_contain_text(f"request.session.set_expiry({SHORT_EXPIRY})")
    old_key = next(c for c in page.context.cookies() if c["name"] == "sessionid")["value"]
    page.wait_for_timeout((SHORT_EXPIRY + 1) * 1000)
    assert old_key not in [c["value"] for c in page.context.cookies()], "browser dropped it"
    page.reload()
    expect(page.locator(".ran")).to_contain_text("Your session expired")
    expect(goal_status(page)).to_have_text("Done")

    # The index shows the three lessons done, carried into the new session.
    page.get_by_role("link", name="Lessons", exact=True).first.click()
    expect(page.get_by_text("3 of 11 lessons done.")).to_be_visible()
    cards = page.locator(".lesson-card")
    for number in (2, 4, 5):
        expect(cards.nth(number - 1)).to_have_class(re.compile("is-done"))
    for number in (1, 3, 6, 7, 8, 9, 10, 11):
        expect(cards.nth(number - 1).locator(".lesson-status")).to_have_text("Not yet")
    assert errors == []


def test_lesson_1_sends_the_same_request_with_and_without_the_cookie(page, site_url):
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.goto(site_url + "/lessons/http-is-stateless/")
    button = page.get_by_role("button", name="Send the same request twice")

    # No session yet: neither request is recognised, and recording the goal creates one.
    button.click()
    expect(page.locator('[data-verdict="with"]')).to_contain_text("A stranger")
    expect(page.locator('[data-verdict="without"]')).to_contain_text("A stranger")
    expect(page.locator("[data-first-run]")).to_be_visible()
    expect(goal_status(page)).to_have_text("Done")

    # Now the cookie makes the difference.
    button.click()
    expect(page.locator('[data-verdict="with"]')).to_contain_text("Recognised")
    expect(page.locator('[data-json="with"]')).to_contain_text('"lessons"')
    expect(page.locator('[data-verdict="without"]')).to_contain_text("A stranger")
    expect(page.locator("[data-first-run]")).to_be_hidden()
    page.reload()
    expect(goal_status(page)).to_have_text("Done")
    assert errors == []


def test_lesson_7_pitfall_in_the_browser(page, site_url):
    page.goto(site_url + "/lessons/session-as-a-dict/")
    page.get_by_role("button", name="Make a new drink").click()
    page.get_by_role("button", name="Add a topping", exact=True).click()
    expect(page.locator(".ran")).to_contain_text("The topping is gone")
    expect(page.locator(".drink")).to_contain_text("'toppings': []")
    page.get_by_role("button", name="Add a topping, then set modified").click()
    expect(page.locator(".ran")).to_contain_text("The topping stayed")
    expect(page.locator(".drink")).to_contain_text("'toppings': ['pearls']")
    expect(goal_status(page)).to_have_text("Done")
