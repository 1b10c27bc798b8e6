"""A learner's day, in a real browser, from the home page to logging out.

One long journey per language (and one on a 360 px phone): lessons 1 to 5, the shop, the
inspector watching the cart, a login that rotates the key and keeps the cart, a checkout, a
logout that flushes the session, and a second browser that never sees any of it. Each step checks
what the learner reads on the page, in the learner's language, and leaves a screenshot in
``artifacts/journeys/<variant>/NN-step.png``.

The expected text comes from the site's own catalog (``gettext`` under ``translation.override``),
so the English and the 繁體中文 journeys are the same test reading different words.
"""

import json
import re
import time
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import translation
from playwright.sync_api import expect

from shop.models import Order

pytestmark = pytest.mark.django_db(transaction=True)

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "journeys"
SHORT_EXPIRY = 2  # seconds: lesson 5's session expires quickly
PASSWORD = "tea-and-sessions-2024"
WIDER_THAN_THE_SCREEN = """() => {
    // What reaches past the right edge of the screen, or spills out of its own box (a long word
    // that cannot wrap), outside any box that scrolls sideways on purpose (code blocks, tables).
    const width = document.documentElement.clientWidth;
    const scrolls = e => ["auto", "scroll"].includes(getComputedStyle(e).overflowX);
    const inScroller = e => {
        for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
            if (scrolls(p)) return true;
        }
        return false;
    };
    const spills = e => e.clientWidth > 0 && !scrolls(e) && e.scrollWidth > e.clientWidth + 1
        && getComputedStyle(e).overflowX === "visible";
    return [...document.querySelectorAll("body *")]
        .filter(e => e.getClientRects().length && e.getBoundingClientRect().width > 1)
        .filter(e => (e.getBoundingClientRect().right > width + 1 || spills(e)) && !inScroller(e))
        .map(e => `${e.tagName.toLowerCase()}.${e.className}: ${e.textContent.trim().slice(0, 50)}`)
        .slice(-5);
}"""
README_CLIP = {"x": 0, "y": 0, "width": 1280, "height": 600}
ADDED = "Added to your cart: %(product)s, quantity %(quantity)s."
QUANTITY_NOW = "%(product)s: the quantity in your cart is now %(quantity)s."
LESSON_5_EXPIRED = (
    "Your session expired: the browser dropped the cookie and the server no longer accepts the "
    "key. This page started a new session to record the goal, with your finished lessons copied "
    "from the note."
)

VARIANTS = {
    "en": {"language": "en", "viewport": {"width": 1280, "height": 900}},
    "zh-hant": {"language": "zh-hant", "viewport": {"width": 1280, "height": 900}},
    "zh-hant-360": {"language": "zh-hant", "viewport": {"width": 360, "height": 740}},
}


class Journey:
    """The learner's tab, the words of their language, and a numbered screenshot per step."""

    def __init__(self, page, site_url, language, folder):
        self.page = page
        self.site_url = site_url
        self.language = language
        self.folder = folder
        self.step_number = 0
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("*.png"):
            old.unlink()

    def t(self, message, **values):
        """The message as the learner reads it: translated, with its placeholders filled."""
        with translation.override(self.language):
            text = translation.gettext(message)
        return text % values if values else text

    def pattern(self, message, **values):
        """A regular expression for the translated message: named placeholders not given in
        ``values`` (a product's name, say) match any text."""
        with translation.override(self.language):
            text = translation.gettext(message)
        parts = re.split(r"(%\(\w+\)[sd])", text)
        return re.compile(
            "".join(
                (re.escape(str(values[part[2:-2]])) if part[2:-2] in values else ".+")
                if part.startswith("%(")
                else re.escape(part)
                for part in parts
            )
        )

    def go(self, path):
        self.page.goto(self.site_url + path)

    def shot(self, name, **options):
        # Nothing wider than the screen: on a phone, the page and its panel scroll only downwards.
        # Measured once the panel's first poll has filled it in (replacing its no-script link).
        expect(self.page.locator(".inspector-fallback")).to_have_count(0)
        too_wide = self.page.evaluate(WIDER_THAN_THE_SCREEN)
        assert too_wide == [], f"{name}: wider than the viewport: {too_wide}"
        self.step_number += 1
        self.page.screenshot(path=self.folder / f"{self.step_number:02d}-{name}.png", **options)

    def panel(self):
        return self.page.locator("aside[data-inspector]")

    def goal_status(self):
        return self.page.locator("[data-goal-status]")

    def heading(self):
        return self.page.get_by_role("heading", level=1)

    def messages(self):
        return self.page.locator(".messages")

    def cart_count(self):
        return self.page.locator(".cart-count")


@pytest.fixture
def learner():
    call_command("demo_data", verbosity=0)
    return get_user_model().objects.create_user("mei", password=PASSWORD)


@pytest.fixture
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.LESSONS_SHORT_EXPIRY = SHORT_EXPIRY


@pytest.mark.parametrize("variant", VARIANTS)
def test_a_learners_day(browser, site_url, fast_passwords, learner, variant):
    options = VARIANTS[variant]
    started = time.monotonic()
    context = browser.new_context(viewport=options["viewport"])
    stranger_context = browser.new_context(viewport=options["viewport"])
    try:
        page = context.new_page()
        errors = []
        page.on("console", lambda m: m.type == "error" and errors.append(m.text))
        journey = Journey(page, site_url, options["language"], ARTIFACTS / variant)
        t = journey.t
        panel = journey.panel()

        # --- Home, in the learner's language, chosen with the site's own switch.
        journey.go("/")
        if options["language"] != "en":
            page.locator(f'.language-switch button[value="{options["language"]}"]').click()
            expect(page.locator("html")).to_have_attribute("lang", options["language"])
        expect(page.get_by_role("link", name=t("Lessons"), exact=True).first).to_be_visible()
        expect(panel).to_contain_text(t("No ticket yet: nothing has been stored"))
        journey.shot("home")

        # --- Lesson 1: the same request with and without the cookie.
        journey.go("/lessons/http-is-stateless/")
        expect(journey.goal_status()).to_have_text(t("Not yet"))
        page.get_by_role("button", name=t("Send the same request twice")).click()
        expect(journey.goal_status()).to_have_text(t("Done"))
        journey.shot("lesson-1")

        # --- Lesson 2: get a ticket; the cookie shows its attributes.
        journey.go("/lessons/session-cookie/")
        page.get_by_role("button", name=t("Get a ticket")).click()
        expect(journey.goal_status()).to_have_text(t("Done"))
        expect(page.locator(".try-it")).to_contain_text("HttpOnly")
        journey.shot("lesson-2")

        # --- Lesson 3: store a value of one's own on the server.
        journey.go("/lessons/server-side-storage/")
        page.locator("#store-key").fill("colour")
        page.locator("#store-value").fill("green")
        page.get_by_role("button", name=t("Store it")).click()
        expect(journey.goal_status()).to_have_text(t("Done"))
        expect(page.locator(".try-it")).to_contain_text("'green'")
        expect(panel.locator('[data-key="colour"]')).to_have_text('"green"')
        journey.shot("lesson-3")
        if variant == "en":  # the README's picture (docs/lesson.png): small enough to commit
            journey.shot("readme-lesson-and-inspector", clip=README_CLIP)

        # --- Lesson 4: three visits, one session.
        journey.go("/lessons/keeping-the-session/")
        for count in (1, 2, 3):
            page.get_by_role("button", name=t("Visit again")).click()
            expect(page.locator(".counter-number")).to_have_text(str(count))
        expect(journey.goal_status()).to_have_text(t("Done"))
        journey.shot("lesson-4")

        # --- Lesson 5: a session set to expire in two seconds, watched until it has.
        journey.go("/lessons/expiry/")
        page.get_by_role("button", name=f"set_expiry({SHORT_EXPIRY})").click()
        expect(page.locator(".ran")).to_contain_text(f"set_expiry({SHORT_EXPIRY})")
        journey.shot("lesson-5-set-expiry")
        page.wait_for_timeout((SHORT_EXPIRY + 1) * 1000)
        page.reload()
        expect(page.locator(".ran")).to_contain_text(t(LESSON_5_EXPIRED))
        expect(journey.goal_status()).to_have_text(t("Done"))
        journey.shot("lesson-5-expired")

        journey.go("/lessons/")
        cards = page.locator(".lesson-card")
        for number in range(1, 6):
            expect(cards.nth(number - 1)).to_have_class(re.compile("is-done"))
        expect(cards.nth(5).locator(".lesson-status")).to_have_text(t("Not yet"))
        journey.shot("lessons-1-to-5-done")

        # --- The shop: three products, then a quantity changed in the cart.
        journey.go("/shop/")
        add_buttons = page.locator('form[action^="/shop/cart/add/"] button[type="submit"]')
        for count in (1, 2, 3):
            add_buttons.nth(count - 1).click()
            expect(journey.messages()).to_contain_text(journey.pattern(ADDED, quantity=1))
            expect(journey.cart_count()).to_have_text(str(count))
        journey.shot("three-products")

        journey.go("/shop/cart/")
        lines = page.locator(".cart-line")
        expect(lines).to_have_count(3)
        lines.nth(0).locator('input[name="quantity"]').fill("2")
        lines.nth(0).locator('form[action^="/shop/cart/update/"] button').click()
        expect(journey.messages()).to_contain_text(journey.pattern(QUANTITY_NOW, quantity=2))
        expect(journey.cart_count()).to_have_text("4")
        journey.shot("quantity-changed")

        # --- The inspector panel shows that cart, and the time the server keeps it.
        cart_value = panel.locator('[data-key="cart"]')
        expect(cart_value).to_contain_text(": 2")
        assert sorted(json.loads(cart_value.text_content()).values()) == [1, 1, 2]
        expect(panel.locator("[data-countdown]")).to_have_text(re.compile(r"\d"))
        expect(panel).to_contain_text(t("The server forgets this session in"))
        cart_before_login = cart_value.text_content()
        panel.scroll_into_view_if_needed()
        journey.shot("inspector-shows-the-cart")

        # --- Log in (remember me off): the key rotates, the cart stays.
        key_before_login = session_key(context)
        journey.go("/accounts/login/")
        page.get_by_label(t("Username")).fill("mei")
        page.get_by_label(t("Password")).fill(PASSWORD)
        expect(page.get_by_label(t("Remember me on this browser"))).not_to_be_checked()
        page.locator("form.auth-form button[type=submit]").click()
        expect(journey.heading()).to_have_text(t("Your sessions"))
        assert session_key(context) not in (None, key_before_login)
        journey.shot("logged-in")

        journey.go("/inspector/")
        timeline = page.locator("main")
        expect(timeline).to_contain_text(t("Key rotated"))
        timeline.get_by_text(t("Key rotated"), exact=True).first.scroll_into_view_if_needed()
        expect(page.locator('main [data-key="cart"]')).to_have_text(cart_before_login)
        expect(page.locator('main [data-key="_auth_user_id"]')).to_be_attached()
        journey.shot("inspector-key-rotated")

        # --- Check out: the cart becomes an order.
        journey.go("/shop/checkout/")
        expect(journey.heading()).to_have_text(t("Check out"))
        page.locator('main form[method="post"] button[type="submit"]').click()
        order = Order.objects.get(user=learner)
        expect(journey.heading()).to_contain_text(str(order.pk))
        expect(journey.messages()).to_contain_text(
            t("Thank you! Order %(number)s has been placed.", number=order.pk)
        )
        expect(journey.cart_count()).to_have_text("0")
        assert order.lines.count() == 3
        journey.shot("checked-out")

        # One more tea for the road, so that logging out has a cart to drop.
        journey.go("/shop/")
        add_buttons.nth(0).click()
        expect(journey.cart_count()).to_have_text("1")

        # --- Log out: the session is flushed, the cart with it.
        key_before_logout = session_key(context)
        page.locator(".account-area").get_by_role("button", name=t("Log out")).click()
        expect(page.locator(".account-area").get_by_role("link", name=t("Log in"))).to_be_visible()
        journey.go("/shop/cart/")
        expect(page.get_by_text(t("Your cart is empty."))).to_be_visible()
        expect(journey.cart_count()).to_have_text("0")
        assert session_key(context) != key_before_logout
        journey.shot("logged-out-cart-empty")

        journey.go("/inspector/")
        inspector = page.locator("main")
        expect(inspector).to_contain_text(t("Flushed"))
        inspector.get_by_text(t("Flushed"), exact=True).first.scroll_into_view_if_needed()
        expect(page.locator('main [data-key="cart"]')).to_have_count(0)
        expect(page.locator('main [data-key="_auth_user_id"]')).to_have_count(0)
        journey.shot("inspector-flushed")

        # --- Another browser never sees any of it.
        # Same language (its own django_language cookie), but its own cookie jar: no session.
        stranger_context.add_cookies(
            [
                {
                    "name": django_settings.LANGUAGE_COOKIE_NAME,
                    "value": options["language"],
                    "url": site_url,
                }
            ]
        )
        stranger = stranger_context.new_page()
        stranger.goto(site_url + "/shop/cart/")
        expect(stranger.get_by_text(t("Your cart is empty."))).to_be_visible()
        stranger.goto(site_url + "/inspector/")
        expect(stranger.locator("main")).to_contain_text(
            t("No ticket yet: nothing has been stored")
        )
        body = stranger.locator("body").inner_text()
        assert "mei" not in body
        assert key_before_login[:8] not in body
        assert key_before_logout[:8] not in body
        stranger.goto(site_url + "/accounts/")
        expect(stranger).to_have_url(re.compile(r"/accounts/login/"))
        journey.page = stranger
        journey.shot("another-browser")

        assert errors == []
    finally:
        stranger_context.close()
        context.close()
    print(f"journey {variant}: {time.monotonic() - started:.1f} s")


def session_key(context):
    name = django_settings.SESSION_COOKIE_NAME
    return next((c["value"] for c in context.cookies() if c["name"] == name), None)
