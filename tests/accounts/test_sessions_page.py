"""The "your sessions" page: what it lists, how it stays true, and logging sessions out."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.accounts.conftest import CHROME_LINUX, FIREFOX_ANDROID, PASSWORD, log_in
from tutorial.accounts import sessions
from tutorial.accounts.models import UserSession

pytestmark = pytest.mark.django_db

SERVER_SIDE_ENGINES = ["db", "cache", "cached_db", "file"]


@pytest.fixture(params=SERVER_SIDE_ENGINES)
def engine(request, settings, tmp_path):
    """Run a test once per session engine that keeps sessions on the server."""
    settings.SESSION_ENGINE = f"django.contrib.sessions.backends.{request.param}"
    settings.SESSION_FILE_PATH = str(tmp_path)
    return request.param


def key_of(client):
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def is_logged_in(client):
    """What the site thinks of this browser on its next request."""
    return client.get(reverse("account")).status_code == 200


def test_the_page_needs_a_login(client, db):
    response = client.get(reverse("account"))
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={reverse('account')}"


def test_lists_every_device_with_browser_ip_and_the_current_one_marked(device, alice):
    laptop = device(CHROME_LINUX)
    device(FIREFOX_ANDROID, REMOTE_ADDR="203.0.113.5")

    response = laptop.get(reverse("account"))

    records = response.context["records"]
    assert [record.browser for record in records] == ["Firefox on Android", "Chrome on Linux"]
    assert [record.is_current for record in records] == [False, True]
    assert [record.ip_address for record in records] == ["203.0.113.5", "127.0.0.1"]
    body = response.content.decode()
    assert body.count('class="session-card') == 2
    assert "This browser" in body
    assert body.count("in the last minute") == 2  # Not "0 minutes ago": written once a minute.
    assert "Log out all other sessions" in body
    assert key_of(laptop) not in body, "the page never shows a session key"


def test_logging_out_one_device_deletes_its_session_from_the_store(device, alice, engine):
    laptop, phone = device(CHROME_LINUX), device(FIREFOX_ANDROID)
    phone_key = key_of(phone)
    record = UserSession.objects.get(session_key=phone_key)

    response = laptop.post(reverse("end_session", args=[record.pk]), follow=True)

    assert "is logged out" in response.content.decode()
    assert sessions.load(phone_key) == {}
    assert not UserSession.objects.filter(session_key=phone_key).exists()
    assert not is_logged_in(phone)
    assert is_logged_in(laptop)


def test_logging_out_all_other_sessions_keeps_this_one(device, alice, engine):
    laptop = device()
    others = [device(FIREFOX_ANDROID) for _ in range(2)]

    response = laptop.post(reverse("end_other_sessions"), follow=True)

    assert "2 other sessions are logged out" in response.content.decode()
    assert not any(is_logged_in(other) for other in others)
    assert is_logged_in(laptop)
    assert list(UserSession.objects.values_list("session_key", flat=True)) == [key_of(laptop)]


def test_another_users_session_cannot_be_logged_out(device, alice, django_user_model):
    django_user_model.objects.create_user("bob", password=PASSWORD)
    bob = Client()
    log_in(bob, "bob")
    alices_phone = device(FIREFOX_ANDROID)
    record = UserSession.objects.get(session_key=key_of(alices_phone))

    response = bob.post(reverse("end_session", args=[record.pk]), follow=True)

    assert "already ended" in response.content.decode()
    assert is_logged_in(alices_phone)


def test_ending_a_session_is_post_only(device, alice):
    laptop = device()
    record = UserSession.objects.get()
    assert laptop.get(reverse("end_session", args=[record.pk])).status_code == 405
    assert laptop.get(reverse("end_other_sessions")).status_code == 405
    assert is_logged_in(laptop)


def test_ending_this_session_from_its_own_card_logs_out(device, alice):
    laptop = device()
    record = UserSession.objects.get()
    response = laptop.post(reverse("end_session", args=[record.pk]))
    assert response["Location"] == reverse("home")
    assert not is_logged_in(laptop)
    assert not UserSession.objects.exists()


def test_a_session_that_expired_disappears_from_the_list_and_its_record_too(device, alice):
    laptop, phone = device(), device(FIREFOX_ANDROID)
    Session.objects.filter(session_key=key_of(phone)).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )

    records = laptop.get(reverse("account")).context["records"]

    assert [record.session_key for record in records] == [key_of(laptop)]
    assert not UserSession.objects.filter(session_key=key_of(phone)).exists()


def test_sessions_removed_by_clearsessions_disappear_from_the_list(device, alice):
    laptop, phone = device(), device(FIREFOX_ANDROID)
    Session.objects.filter(session_key=key_of(phone)).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    call_command("clearsessions")

    assert len(laptop.get(reverse("account")).context["records"]) == 1
    assert UserSession.objects.count() == 1


def test_sessions_lost_from_the_cache_disappear_from_the_list(device, alice, settings):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cache"
    laptop, phone = device(), device(FIREFOX_ANDROID)
    cache.delete(f"django.contrib.sessions.cache{key_of(phone)}")  # An eviction, say.

    assert len(laptop.get(reverse("account")).context["records"]) == 1
    assert not is_logged_in(phone)


def test_a_session_flushed_without_the_logout_signal_disappears(device, alice):
    laptop, phone = device(), device(FIREFOX_ANDROID)
    store = sessions.session_store_class()(key_of(phone))
    store.flush()  # Emptied behind our back, e.g. by a lesson's "clear" button and a save.

    assert len(laptop.get(reverse("account")).context["records"]) == 1


def test_logging_in_as_someone_else_in_the_same_browser_records_the_new_session(
    client, alice, django_user_model
):
    bob = django_user_model.objects.create_user("bob", password=PASSWORD)
    client.force_login(alice)
    client.force_login(bob)  # login() flushes alice's session: the new one has no key yet.

    record = UserSession.objects.get(user=bob)
    assert record.session_key == key_of(client)
    assert client.get(reverse("account")).context["records"] == [record]
    assert not any(record.logs_in(alice) for record in UserSession.objects.filter(user=alice))


def test_logout_removes_the_record(device, alice):
    laptop = device()
    assert UserSession.objects.count() == 1
    laptop.post(reverse("logout"))
    assert UserSession.objects.count() == 0


def test_last_seen_is_written_at_most_once_a_minute(device, alice, django_assert_num_queries):
    laptop = device()
    laptop.get("/")  # The first request after login writes last_seen and marks it in the cache.
    record = UserSession.objects.get()

    # Ten more requests: each reads the session and the user, none writes.
    for _ in range(10):
        with django_assert_num_queries(2):
            laptop.get("/")
    assert UserSession.objects.get().last_seen == record.last_seen

    cache.delete(f"accounts:last-seen:{sessions.log_id(key_of(laptop))}")  # A minute later.
    laptop.get("/")
    assert UserSession.objects.get().last_seen > record.last_seen


def test_the_record_follows_a_key_change_within_the_login(device, alice):
    """``cycle_key()`` keeps the login but changes the key; the record must follow."""
    laptop = device()
    old_key = key_of(laptop)
    new_password = "n3w-Passw0rd!"
    laptop.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": new_password, "new_password2": new_password},
    )
    assert key_of(laptop) != old_key
    # Recorded by the request that changed the key, not later by the account page.
    assert UserSession.objects.filter(session_key=key_of(laptop)).exists()
    records = laptop.get(reverse("account")).context["records"]
    assert [record.session_key for record in records] == [key_of(laptop)]
    assert records[0].is_current


def test_a_session_without_a_record_gets_one_on_the_account_page(device, alice):
    laptop = device()
    UserSession.objects.all().delete()
    records = laptop.get(reverse("account")).context["records"]
    assert len(records) == 1
    assert records[0].is_current


def test_the_account_page_query_budget(device, alice, django_assert_max_num_queries):
    laptop, _ = device(), device(FIREFOX_ANDROID)
    laptop.get(reverse("account"))
    # session, user, the records, the other session from the store
    with django_assert_max_num_queries(4):
        assert laptop.get(reverse("account")).status_code == 200


def test_with_signed_cookies_the_page_says_there_is_nothing_to_revoke(client, alice, settings):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
    log_in(client)

    response = client.get(reverse("account"))

    assert response.status_code == 200
    body = response.content.decode()
    assert "signed cookies" in body
    assert "nothing on the server to list or to delete" in body
    assert "Log out all other sessions" not in body
    assert not UserSession.objects.exists()
    assert Session.objects.count() == 0


def test_both_timeouts_are_on_the_page(device, alice):
    body = device().get(reverse("account")).content.decode()
    assert "2\xa0weeks" in body  # Django's timeuntil() joins number and unit with a no-break space.
    assert "12\xa0hours" in body
    assert "Forgotten when the browser closes" in body


def test_remembered_sessions_say_so(client, alice):
    log_in(client, remember_me="on")
    assert "you asked to be remembered" in client.get(reverse("account")).content.decode()
