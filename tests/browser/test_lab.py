"""The backend lab in a real browser: the session moves, the inspector follows, the cart stays."""

import os
import re
from io import StringIO

import pytest
from django.contrib.sessions.backends.file import SessionStore as FileSessionStore
from django.contrib.sessions.models import Session
from playwright.sync_api import expect

from shop import demo

pytestmark = pytest.mark.django_db(transaction=True)


def forget_file_storage_path():
    """The file engine remembers its directory on the class; make it read the setting again."""
    if "_storage_path" in vars(FileSessionStore):
        del FileSessionStore._storage_path


@pytest.fixture
def file_store(settings, tmp_path):
    settings.SESSION_FILE_PATH = str(tmp_path / "sessions")
    forget_file_storage_path()
    yield tmp_path / "sessions"
    forget_file_storage_path()


def test_moving_the_session_to_files_and_back(page, site_url, file_store):
    demo.load(StringIO())
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.goto(site_url + "/shop/")
    page.get_by_role("button", name="Add to cart: Pearl milk tea").click()
    assert Session.objects.count() == 1

    page.get_by_role("link", name="Lab", exact=True).click()
    expect(page.locator(".lab-engine.is-current .lab-engine-name")).to_have_text("db")
    page.get_by_label("Move my session to").select_option("file")
    page.get_by_label("Bring my data (and stay logged in)").check()
    page.get_by_role("button", name="Switch", exact=True).click()

    expect(page.locator(".messages")).to_contain_text("Your session moved to file with its data")
    expect(page.locator(".lab-engine.is-current .lab-engine-name")).to_have_text("file")
    expect(page.get_by_role("link", name=re.compile(r"^Cart"))).to_have_accessible_name(
        "Cart (1 item)"
    )
    assert Session.objects.count() == 0, "no orphan row"
    assert len(os.listdir(file_store)) == 1
    expect(page.locator(".lab-figures tr.is-current")).to_contain_text("file")

    page.goto(site_url + "/inspector/")
    expect(page.locator("body")).to_contain_text(str(file_store))

    page.goto(site_url + "/lab/")
    page.get_by_label("Move my session to").select_option("db")
    page.get_by_label("Start empty").check()
    page.get_by_role("button", name="Switch", exact=True).click()
    expect(page.locator(".lab-engine.is-current .lab-engine-name")).to_have_text("db")
    assert os.listdir(file_store) == [], "no orphan file"
    assert Session.objects.count() == 0
    assert errors == []
