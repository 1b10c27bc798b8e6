"""Helpers for the lessons' tests: posting to a Try it action and reading the stored session."""

import html
import re

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from tutorial.lessons import progress
from tutorial.lessons.registry import BY_SLUG


def try_url(slug, action):
    return reverse("lessons:try", args=[slug, action])


def stored_session(client):
    """The learner's session as stored in the database right now ({} if there is none)."""
    key = client.cookies.get("sessionid")
    if key is None or not key.value:
        return {}
    row = Session.objects.filter(session_key=key.value).first()
    return row.get_decoded() if row else {}


def text_of(response):
    """A page's text without tags or entities (highlighted code is split into many spans)."""
    return html.unescape(re.sub(r"<[^>]+>", "", response.content.decode()))


def ran_text(response):
    """The text of the Try it panel's report: the Python that ran and what happened."""
    page = response.content.decode()
    found = re.search(r'<div class="ran" role="status">(.*?)</div>', page, re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", found.group(1))) if found else ""


def done(client):
    return progress.done(stored_session(client))


@pytest.fixture
def learner(db):
    return Client()


@pytest.fixture
def act(learner):
    """Post a Try it action as the learner and follow the redirect back to the lesson."""

    def act(slug, action, data=None, follow=True):
        assert slug in BY_SLUG
        return learner.post(try_url(slug, action), data or {}, follow=follow)

    return act
