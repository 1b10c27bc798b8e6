"""Each goal is met by doing its Try it, from the session's real state, and not met otherwise."""

import time

import pytest
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core import signing
from django.test import Client, override_settings
from django.urls import reverse

from tests.lessons.conftest import done, ran_text, stored_session, text_of, try_url
from tutorial.lessons import notes, progress
from tutorial.lessons.exercises import security
from tutorial.lessons.registry import BY_SLUG, LESSONS

pytestmark = pytest.mark.django_db


def visit(learner, slug):
    return learner.get(BY_SLUG[slug].url)


def put_in_session(learner, **values):
    """Write keys straight into the learner's session (as the shop would, before it lands)."""
    session = learner.session
    for key, value in values.items():
        session[key] = value
    session.save()
    learner.cookies["sessionid"] = session.session_key


# --- 1. HTTP is stateless ----------------------------------------------------------------------


def test_stateless_goal_is_met_by_running_the_experiment(learner, act):
    visit(learner, "http-is-stateless")
    assert done(learner) == set()
    response = learner.post(
        try_url("http-is-stateless", "ran"), headers={"accept": "application/json"}
    )
    assert response.json() == {"lines": [], "goal_met": True}
    assert done(learner) == {"http-is-stateless"}


# --- 2. The session cookie ---------------------------------------------------------------------


def test_cookie_goal_is_met_by_getting_a_ticket(learner, act):
    visit(learner, "session-cookie")
    assert stored_session(learner) == {}
    response = act("session-cookie", "ticket")
    assert "request.session.setdefault('first_visit'," in text_of(response)
    assert "first_visit" in stored_session(learner)
    assert done(learner) == {"session-cookie"}
    body = visit(learner, "session-cookie").content.decode()
    assert "Max-Age=1209600" in body
    assert learner.session.session_key not in body, "the full key is never shown"


def test_cookie_goal_is_met_by_any_existing_session(learner):
    put_in_session(learner, colour="green")
    visit(learner, "session-cookie")
    assert "session-cookie" in done(learner)


# --- 3. Server-side storage --------------------------------------------------------------------


def test_storage_goal_is_met_by_storing_a_value_of_your_own(learner, act):
    act("server-side-storage", "store", {"key": "visits", "value": "7"})
    assert "server-side-storage" not in done(learner), "a lesson's own key is not yours"
    response = act("server-side-storage", "store", {"key": "colour", "value": "green"})
    assert stored_session(learner)["colour"] == "green"
    assert "server-side-storage" in done(learner)
    body = response.content.decode()
    row = Session.objects.get(session_key=learner.session.session_key)
    assert row.session_data in body, "the row is shown as stored"
    assert "'green'" in text_of(response), "and decoded"


def test_storage_panel_is_honest_about_other_engines(learner, settings):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
    body = visit(learner, "server-side-storage").content.decode()
    assert "signed_cookies" in body
    assert "no <code>django_session</code>" in body


# --- 4. Keeping the session --------------------------------------------------------------------


def test_visit_counter_goal_is_met_at_three(learner, act):
    act("keeping-the-session", "visit")
    act("keeping-the-session", "visit")
    assert stored_session(learner)["visits"] == 2
    assert "keeping-the-session" not in done(learner)
    act("keeping-the-session", "visit")
    assert stored_session(learner)["visits"] == 3
    assert "keeping-the-session" in done(learner)
    act("keeping-the-session", "start_over")
    assert "visits" not in stored_session(learner)
    assert "keeping-the-session" in done(learner), "progress stays once a goal is met"


# --- 5. Expiry -----------------------------------------------------------------------------------


@override_settings(LESSONS_SHORT_EXPIRY=1)
def test_expiry_goal_is_met_by_watching_a_session_expire(learner, act):
    act("keeping-the-session", "visit")
    act("session-cookie", "ticket")
    old_key = learner.session.session_key
    response = act("expiry", "set_expiry", {"seconds": "1"})
    assert "request.session.set_expiry(1)" in text_of(response)
    assert stored_session(learner)["_session_expiry"] == 1
    assert notes.COOKIE_NAME in learner.cookies
    assert "expiry" not in done(learner), "still alive: not yet"

    time.sleep(1.2)
    response = visit(learner, "expiry")
    assert "Your session expired" in response.content.decode()
    new_key = learner.cookies["sessionid"].value
    assert new_key
    assert new_key != old_key
    assert done(learner) == {"session-cookie", "expiry"}, "finished lessons carried over"
    assert learner.cookies[notes.COOKIE_NAME].value == "", "the note is used up"
    # The expired row is still in the table until clearsessions runs.
    assert Session.objects.filter(session_key=old_key).exists()


def test_expiry_goal_is_not_met_while_the_session_lives(learner, act):
    act("session-cookie", "ticket")
    act("expiry", "set_expiry", {"seconds": "300"})
    assert "Still alive: about 300 seconds to go" in ran_text(visit(learner, "expiry"))
    assert "expiry" not in done(learner)
    act("expiry", "set_expiry", {"seconds": "0"})
    assert learner.cookies[notes.COOKIE_NAME].value == "", "browser-close drops the experiment"
    assert stored_session(learner)["_session_expiry"] == 0
    act("expiry", "set_expiry", {"seconds": "none"})
    assert "_session_expiry" not in stored_session(learner)
    visit(learner, "expiry")
    assert "expiry" not in done(learner)


def test_a_session_ended_early_did_not_expire(learner, act):
    act("session-cookie", "ticket")
    act("expiry", "set_expiry", {"seconds": "300"})
    act("session-as-a-dict", "flush")
    act("session-cookie", "ticket")
    assert "ended before its time" in ran_text(visit(learner, "expiry"))
    assert "expiry" not in done(learner)
    assert learner.cookies[notes.COOKIE_NAME].value == ""


def test_a_forged_or_foreign_note_is_ignored(learner, act):
    act("session-cookie", "ticket")
    learner.cookies[notes.COOKIE_NAME] = signing.dumps(
        {"key": "x", "until": 0, "done": ["security"]}, salt="some other salt"
    )
    visit(learner, "expiry")
    assert done(learner) == {"session-cookie"}


def test_expired_rows_are_counted(learner):
    from django.contrib.sessions.backends.db import SessionStore

    for _ in range(3):
        store = SessionStore()
        store["x"] = 1
        store.set_expiry(-10)
        store.save()
    body = visit(learner, "expiry").content.decode()
    assert "holds 3 expired rows" in body


# --- 6. Enabling sessions ----------------------------------------------------------------------


def test_enabling_lists_the_real_settings_and_is_marked_done_by_its_button(learner, act, settings):
    settings.INSTALLED_APPS = [*settings.INSTALLED_APPS]  # read at run time
    body = visit(learner, "enabling-sessions").content.decode()
    for entry in settings.MIDDLEWARE:
        assert f"<code>{entry}</code>" in body
    assert '<li class="is-session"><code>django.contrib.sessions</code>' in body
    assert "SessionMiddleware comes before AuthenticationMiddleware" in body
    assert "enabling-sessions" not in done(learner)
    act("enabling-sessions", "read")
    assert "enabling-sessions" in done(learner)


def test_enabling_notices_middleware_in_the_wrong_order(settings, rf):
    """A site in this state cannot serve the page at all, so ask the panel directly."""
    from tutorial.lessons.exercises import enabling

    assert enabling.context(rf.get("/"))["middleware_in_order"] is True
    settings.MIDDLEWARE = [
        entry for entry in settings.MIDDLEWARE if not entry.endswith("SessionMiddleware")
    ] + ["django.contrib.sessions.middleware.SessionMiddleware"]
    assert enabling.context(rf.get("/"))["middleware_in_order"] is False


# --- 7. The playground and the nested-mutation pitfall ----------------------------------------


def test_pitfall_goal_needs_the_lost_change_first_then_the_kept_one(learner, act):
    act("session-as-a-dict", "new_drink")
    assert stored_session(learner)["drink"] == {"tea": "oolong milk tea", "toppings": []}

    act("session-as-a-dict", "add_topping_kept")
    assert stored_session(learner)["drink"]["toppings"] == ["pearls"]
    assert "session-as-a-dict" not in done(learner), "the fix alone is not the goal"

    response = act("session-as-a-dict", "add_topping_lost")
    body = ran_text(response)
    assert "request.session['drink']['toppings'].append('pudding')" in body
    assert "request.session.modified = True" not in body
    assert "The topping is gone" in body
    assert stored_session(learner)["drink"]["toppings"] == ["pearls"], "really lost"
    assert progress.steps(stored_session(learner), "session-as-a-dict") == {"pitfall-seen"}
    assert "session-as-a-dict" not in done(learner)

    response = act("session-as-a-dict", "add_topping_kept")
    assert "request.session.modified = True" in ran_text(response)
    assert "The topping stayed" in ran_text(response)
    assert stored_session(learner)["drink"]["toppings"] == ["pearls", "pudding"]
    assert "session-as-a-dict" in done(learner)


def test_the_lost_change_is_lost_without_the_lesson_looking(learner, act):
    """The loss is Django's doing, not the lesson page's: check the row right after the POST."""
    act("session-as-a-dict", "new_drink")
    act("session-as-a-dict", "add_topping_lost", follow=False)
    assert stored_session(learner)["drink"]["toppings"] == []


def test_playground_operations_show_their_python_and_act_on_the_session(learner, act):
    body = text_of(act("session-as-a-dict", "set", {"key": "colour", "value": "green"}))
    assert "request.session['colour'] = 'green'" in body
    assert stored_session(learner)["colour"] == "green"

    body = text_of(act("session-as-a-dict", "get", {"key": "size", "default": "Guest"}))
    assert "request.session.get('size', 'Guest')" in body
    assert "It returned 'Guest'" in body

    body = text_of(act("session-as-a-dict", "pop", {"key": "colour"}))
    assert "request.session.pop('colour', None)" in body
    assert "It returned 'green'" in body
    assert "colour" not in stored_session(learner)

    body = text_of(act("session-as-a-dict", "delete", {"key": "colour"}))
    assert "del request.session['colour']" in body
    assert "KeyError" in body

    act("session-as-a-dict", "set", {"key": "colour", "value": "blue"})
    act("session-as-a-dict", "delete", {"key": "colour"})
    assert "colour" not in stored_session(learner)

    act("session-as-a-dict", "set", {"key": "colour", "value": "blue"})
    old_key = learner.session.session_key
    act("session-as-a-dict", "cycle_key")
    assert learner.session.session_key != old_key
    assert stored_session(learner)["colour"] == "blue"
    assert not Session.objects.filter(session_key=old_key).exists()

    act("session-as-a-dict", "clear")
    assert stored_session(learner) == {}
    assert Session.objects.filter(session_key=learner.session.session_key).exists()

    act("session-as-a-dict", "set", {"key": "colour", "value": "blue"})
    key = learner.session.session_key
    act("session-as-a-dict", "flush")
    assert not Session.objects.filter(session_key=key).exists()
    assert Session.objects.count() == 0


def test_cycle_key_without_a_session_writes_nothing(learner, act):
    body = act("session-as-a-dict", "cycle_key").content.decode()
    assert "no key to rotate" in body
    act("session-as-a-dict", "flush")
    act("session-as-a-dict", "clear")
    act("session-as-a-dict", "get", {"key": "colour"})
    assert Session.objects.count() == 0


# --- 8. Storage backends -----------------------------------------------------------------------


def test_backends_without_the_lab_are_marked_done_by_reading(learner, act, settings):
    settings.ROOT_URLCONF = "tests.lessons.urls_without_the_lab"
    body = visit(learner, "storage-backends").content.decode()
    assert "signed_cookies" in body
    assert "cached_db" in body
    assert 'class="is-current"' in body
    assert "/note_engine/" not in body, "no lab here: nothing to note"
    refused = act("storage-backends", "note_engine").content.decode()
    assert "not on this site yet" in refused
    act("storage-backends", "read")
    assert "storage-backends" in done(learner)


def test_backends_with_the_lab_need_two_engines(learner, act, settings):
    settings.ROOT_URLCONF = "tests.lessons.urls_with_accounts_and_lab"
    body = visit(learner, "storage-backends").content.decode()
    assert 'href="/lab/"' in body
    act("session-cookie", "ticket")
    body = act("storage-backends", "read").content.decode()
    assert "the goal is to try two engines" in body
    assert "storage-backends" not in done(learner)
    act("storage-backends", "note_engine")
    assert progress.steps(stored_session(learner), "storage-backends") == {"db"}
    assert "storage-backends" not in done(learner)
    # cached_db reads the same rows, so the same session can be served by a second engine.
    # SessionMiddleware picks its engine when it is loaded: a new client loads it afresh.
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    same_browser = Client()
    same_browser.cookies = learner.cookies
    same_browser.post(try_url("storage-backends", "note_engine"))
    assert progress.steps(stored_session(learner), "storage-backends") == set()
    assert "storage-backends" in done(learner)


# --- 9. The shopping cart ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cart", "met"),
    [
        ({"1": 1, "2": 3}, True),
        ({"1": 5}, False),
        ({}, False),
        ({"1": 1, "two": 1}, False),
        ({"1": 1, "2": 0}, False),
        ("not a cart", False),
    ],
)
def test_cart_goal_needs_two_different_products(learner, cart, met):
    put_in_session(learner, cart=cart)
    visit(learner, "shopping-cart")
    assert ("shopping-cart" in done(learner)) is met


def test_cart_source_is_read_from_the_module_at_run_time(learner, monkeypatch):
    from tutorial.lessons.exercises import cart

    monkeypatch.setattr(cart, "CART_MODULE", "shop.no_such_module")
    assert 'class="source"' not in visit(learner, "shopping-cart").content.decode()
    monkeypatch.setattr(cart, "CART_MODULE", "tutorial.lessons.progress")
    body = visit(learner, "shopping-cart").content.decode()
    assert 'class="source"' in body
    assert '<span class="n">SESSION_KEY</span>' in body


# --- 10. Login state ---------------------------------------------------------------------------


@override_settings(ROOT_URLCONF="tests.lessons.urls_with_accounts_and_lab")
def test_login_goal_is_met_by_logging_in_and_out(learner, act):
    get_user_model().objects.create_user("mei", password="tea-and-cake-42")
    act("keeping-the-session", "visit")
    body = visit(learner, "login-state").content.decode()
    assert 'href="/login/?next=/lessons/login-state/"' in body
    learner.post("/login/", {"username": "mei", "password": "tea-and-cake-42"})
    key_logged_in = learner.session.session_key
    assert 'action="/logout/"' in visit(learner, "login-state").content.decode()
    assert "login-state" not in done(learner)

    response = learner.post("/logout/", {"next": "/lessons/login-state/"}, follow=True)
    assert "a new session holding only your lesson progress" in response.content.decode()
    assert not Session.objects.filter(session_key=key_logged_in).exists(), "flushed"
    data = stored_session(learner)
    assert "_auth_user_id" not in data
    assert "visits" not in data
    assert progress.done(data) == {"login-state"}


@override_settings(ROOT_URLCONF="tests.lessons.urls_with_accounts_and_lab")
def test_logout_with_progress_meets_the_goal_from_anywhere(learner, act):
    get_user_model().objects.create_user("mei", password="tea-and-cake-42")
    act("session-cookie", "ticket")
    learner.post("/login/", {"username": "mei", "password": "tea-and-cake-42"})
    learner.post("/logout/")
    assert done(learner) == {"session-cookie", "login-state"}


@override_settings(ROOT_URLCONF="tests.lessons.urls_with_accounts_and_lab")
def test_logout_without_a_login_meets_no_goal(learner, act):
    act("session-cookie", "ticket")
    learner.post("/logout/")
    assert done(learner) == {"session-cookie"}, "progress carried over, lesson 10 not done"


@override_settings(ROOT_URLCONF="tests.lessons.urls_with_accounts_and_lab")
def test_a_plain_logout_creates_no_new_session(learner):
    """Someone with no lesson progress who logs out elsewhere gets Django's plain flush."""
    get_user_model().objects.create_user("mei", password="tea-and-cake-42")
    learner.post("/login/", {"username": "mei", "password": "tea-and-cake-42"})
    assert Session.objects.count() == 1
    response = learner.post("/logout/")
    assert response.cookies["sessionid"].value == ""
    assert Session.objects.count() == 0


@override_settings(ROOT_URLCONF="tests.lessons.urls_with_accounts_and_lab")
def test_a_logout_the_site_forces_is_not_the_learners(learner, act, rf):
    """The accounts' 12-hour limit calls logout() on an ordinary GET: not the learner's doing."""
    from django.contrib.auth import logout

    get_user_model().objects.create_user("mei", password="tea-and-cake-42")
    act("session-cookie", "ticket")
    learner.post("/login/", {"username": "mei", "password": "tea-and-cake-42"})
    request = rf.get("/")
    request.session = learner.session
    request.user = get_user_model().objects.get(username="mei")
    logout(request)
    assert request.lessons_progress_after_logout == {"session-cookie"}


def test_login_lesson_links_to_the_real_login_page(learner):
    body = visit(learner, "login-state").content.decode()
    assert reverse("login") in body
    assert "not available on this site yet" not in body


# --- 11. Security ------------------------------------------------------------------------------


def signed_form(learner):
    body = visit(learner, "security").content.decode()
    value = body.split('name="value" value="')[1].split('"')[0]
    payload = signing.b64_decode(value.split(":")[0].encode()).decode()
    return value, payload


def test_untouched_signed_value_loads_and_meets_no_goal(learner, act):
    value, payload = signed_form(learner)
    assert payload == '{"customer":"guest","discount_percent":0}'
    body = act("security", "tamper", {"value": value, "payload": payload}).content.decode()
    assert "Loaded" in body
    assert "security" not in done(learner)
    assert Session.objects.count() == 0, "loading a value writes no session"


def test_tampered_signed_value_is_rejected_and_meets_the_goal(learner, act):
    value, payload = signed_form(learner)
    edited = payload.replace('"discount_percent":0', '"discount_percent":100')
    body = act("security", "tamper", {"value": value, "payload": edited}).content.decode()
    assert "BadSignature" in body
    assert "security" in done(learner)
    forged = ":".join([signing.b64_encode(edited.encode()).decode(), *value.split(":")[1:]])
    with pytest.raises(signing.BadSignature):
        signing.loads(forged, salt=security.SALT)


# --- Every lesson ------------------------------------------------------------------------------


def test_every_lesson_has_a_goal_check_or_an_action_that_meets_it():
    for lesson in LESSONS:
        assert lesson.goal or lesson.actions or lesson.slug == "login-state", lesson.slug


def test_reset_forgets_progress_and_creates_nothing_without_a_session(learner, act):
    learner.post(reverse("lessons:reset"))
    assert Session.objects.count() == 0
    act("enabling-sessions", "read")
    assert done(learner) == {"enabling-sessions"}
    response = learner.post(reverse("lessons:reset"), follow=True)
    assert "reset" in response.content.decode()
    assert done(learner) == set()
    assert progress.SESSION_KEY not in stored_session(learner)
