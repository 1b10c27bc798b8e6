"""Bad input gets a clear message and changes nothing; no request produces a 500."""

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from tests.lessons.conftest import ran_text, stored_session, try_url
from tutorial.lessons import notes
from tutorial.lessons.forms import MAX_PLAYGROUND_KEYS
from tutorial.lessons.registry import BY_SLUG, LESSONS

pytestmark = pytest.mark.django_db

POST_ENDPOINTS = [reverse("lessons:reset")] + [
    try_url(lesson.slug, action) for lesson in LESSONS for action in lesson.actions
]


def test_there_are_post_endpoints_to_check():
    assert len(POST_ENDPOINTS) >= 20


@pytest.mark.parametrize("url", POST_ENDPOINTS)
def test_every_post_endpoint_needs_csrf(url):
    client = Client(enforce_csrf_checks=True)
    response = client.post(url, {"key": "colour", "value": "x", "seconds": "300"})
    assert response.status_code == 403
    assert Session.objects.count() == 0


@pytest.mark.parametrize("url", POST_ENDPOINTS)
def test_every_post_endpoint_refuses_get(client, url):
    assert client.get(url).status_code == 405
    assert Session.objects.count() == 0


def test_whoami_refuses_post(client):
    assert client.post(reverse("lessons:whoami")).status_code == 405


def with_state(learner, act):
    """A learner with a few keys, and a snapshot of their stored session to compare against."""
    act("session-as-a-dict", "set", {"key": "colour", "value": "green"})
    learner.post(try_url("keeping-the-session", "visit"))
    return stored_session(learner)


@pytest.mark.parametrize(
    ("action", "data", "message"),
    [
        ("set", {"key": "", "value": "x"}, "Type a key first"),
        ("set", {"key": "_auth_user_id", "value": "1"}, "Django's own"),
        ("set", {"key": "_session_expiry", "value": "1"}, "Django's own"),
        ("set", {"key": "cart", "value": "free tea"}, "site's own keys"),
        ("set", {"key": "lessons", "value": "all done"}, "site's own keys"),
        ("set", {"key": "has space", "value": "x"}, "only letters, digits"),
        ("set", {"key": " colour", "value": "x"}, "only letters, digits"),
        ("set", {"key": "顏色", "value": "x"}, "only letters, digits"),
        ("set", {"key": "a" * 41, "value": "x"}, "at most 40"),
        ("set", {"key": "colour", "value": "x" * 201}, "at most 200"),
        ("get", {"key": "_auth_user_id"}, "Django's own"),
        ("get", {"key": "colour", "default": "x" * 201}, "at most 200"),
        ("delete", {"key": "_auth_user_hash"}, "Django's own"),
        ("delete", {"key": "cart"}, "site's own keys"),
        ("pop", {"key": "lessons"}, "site's own keys"),
        ("delete", {"key": "login_time"}, "site's own keys"),
        ("pop", {}, "Type a key first"),
    ],
)
def test_playground_refuses_bad_keys_and_values(learner, act, action, data, message):
    before = with_state(learner, act)
    response = act("session-as-a-dict", action, data)
    assert response.status_code == 200
    assert message in ran_text(response)
    assert stored_session(learner) == before


def test_playground_accepts_the_longest_allowed_key_and_value(learner, act):
    act("session-as-a-dict", "set", {"key": "a" * 40, "value": "茶" * 200})
    assert stored_session(learner)["a" * 40] == "茶" * 200


def test_playground_holds_at_most_twenty_keys(learner, act):
    for number in range(MAX_PLAYGROUND_KEYS):
        act("session-as-a-dict", "set", {"key": f"k{number}", "value": "x"})
    before = stored_session(learner)
    response = act("session-as-a-dict", "set", {"key": "one_more", "value": "x"})
    assert "at most 20 keys" in ran_text(response)
    assert stored_session(learner) == before
    # Changing a key that is already there is still fine.
    act("session-as-a-dict", "set", {"key": "k0", "value": "changed"})
    assert stored_session(learner)["k0"] == "changed"


def test_playground_cannot_touch_the_login(learner, act, django_user_model):
    django_user_model.objects.create_user("mei", password="tea-and-cake-42")
    learner.login(username="mei", password="tea-and-cake-42")
    before = stored_session(learner)
    for action in ("set", "delete", "pop"):
        for key in ("_auth_user_id", "_auth_user_backend", "_auth_user_hash"):
            act("session-as-a-dict", action, {"key": key, "value": "2"})
    assert stored_session(learner) == before


@pytest.mark.parametrize("seconds", ["", "31", "29", "-1", "3600", "None", "1e9", "30.0", "0x1e"])
def test_set_expiry_accepts_only_the_offered_choices(learner, act, seconds):
    before = with_state(learner, act)
    response = act("expiry", "set_expiry", {"seconds": seconds})
    assert "accepts only the values on the buttons" in ran_text(response)
    assert stored_session(learner) == before
    assert notes.COOKIE_NAME not in learner.cookies


def test_set_expiry_without_a_field(learner, act):
    response = act("expiry", "set_expiry")
    assert "accepts only the values on the buttons" in ran_text(response)
    assert Session.objects.count() == 0


@pytest.mark.parametrize(
    "value",
    ["", "no-colons", "a:b", "a:b:c:d", "!!!:b:c", "::"],
)
def test_tamper_refuses_something_that_is_not_a_signed_value(learner, act, value):
    response = act("security", "tamper", {"value": value, "payload": "{}"})
    assert "not the signed value" in ran_text(response)
    assert Session.objects.count() == 0


def test_tamper_refuses_a_huge_payload(learner, act):
    body = learner.get(BY_SLUG["security"].url).content.decode()
    value = body.split('name="value" value="')[1].split('"')[0]
    response = act("security", "tamper", {"value": value, "payload": "x" * 501})
    assert "at most 500" in ran_text(response)
    assert Session.objects.count() == 0


def test_visit_counter_copes_with_a_value_that_is_not_a_count(learner, act):
    act("session-as-a-dict", "set", {"key": "visits", "value": "many"})
    before = stored_session(learner)
    response = act("keeping-the-session", "visit")
    assert "which is not a count" in ran_text(response)
    assert stored_session(learner) == before
    act("keeping-the-session", "start_over")
    act("keeping-the-session", "visit")
    assert stored_session(learner)["visits"] == 1


def test_pitfall_copes_with_a_drink_that_is_not_a_drink(learner, act):
    act("session-as-a-dict", "set", {"key": "drink", "value": "just water"})
    before = stored_session(learner)
    for action in ("add_topping_lost", "add_topping_kept"):
        response = act("session-as-a-dict", action)
        assert "make a new drink first" in ran_text(response)
    assert stored_session(learner) == before
    assert "not a drink" in learner.get(BY_SLUG["session-as-a-dict"].url).content.decode()


def test_the_cup_fills_up(learner, act):
    act("session-as-a-dict", "new_drink")
    for _ in range(6):
        act("session-as-a-dict", "add_topping_kept")
    before = stored_session(learner)
    response = act("session-as-a-dict", "add_topping_kept")
    assert "The cup is full" in ran_text(response)
    assert stored_session(learner) == before


@pytest.mark.parametrize(
    "stored",
    ["all of them", ["expiry"], {"done": "expiry"}, {"done": [1, None, "expiry"]}, {"steps": 3}],
)
def test_pages_cope_with_malformed_progress(learner, stored):
    session = learner.session
    session["lessons"] = stored
    session.save()
    learner.cookies["sessionid"] = session.session_key
    assert learner.get(reverse("lessons:index")).status_code == 200
    for lesson in LESSONS:
        assert learner.get(lesson.url).status_code == 200
    learner.post(try_url("enabling-sessions", "read"))
    assert "enabling-sessions" in stored_session(learner)["lessons"]["done"]


def test_pages_cope_with_odd_session_contents(learner):
    session = learner.session
    session.update({"cart": "free", "visits": True, "drink": {"toppings": "many"}})
    session.save()
    learner.cookies["sessionid"] = session.session_key
    for lesson in LESSONS:
        assert learner.get(lesson.url).status_code == 200, lesson.slug
