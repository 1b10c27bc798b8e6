"""The language switch, as a learner uses it in a real browser."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


def test_language_switch_changes_the_page_and_back(page, site_url):
    page.goto(site_url + "/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("How a website remembers you")

    page.get_by_role("button", name="繁體中文").click()
    expect(page.locator("html")).to_have_attribute("lang", "zh-hant")
    expect(page.get_by_role("heading", level=1)).to_have_text("網站怎麼記得你")
    expect(page).to_have_url(re.compile(r"/$"))

    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("How a website remembers you")


def test_home_page_has_no_console_errors(page, site_url):
    """A CSP violation or a missing file shows up as a console error in the browser."""
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.goto(site_url + "/")
    expect(page.get_by_role("img", name=re.compile("numbered ticket"))).to_be_visible()
    assert errors == []
