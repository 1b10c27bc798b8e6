"""The index and the lesson pages: both languages, navigation, and no session for readers."""

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils.html import escape

from tutorial.lessons.registry import LESSONS

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "zh-hant"]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.slug)
def test_every_lesson_renders_in_both_languages(client, lesson, language):
    response = client.get(lesson.url, headers={"accept-language": language})
    assert response.status_code == 200
    body = response.content.decode()
    text = lesson.text(language)
    assert f'<html lang="{language}">' in body
    assert f"<h1>{escape(text.title)}</h1>" in body
    assert 'id="try-it"' in body
    assert 'class="goal"' in body
    assert "Not yet" in body if language == "en" else "還沒" in body


@pytest.mark.parametrize("language", LANGUAGES)
def test_index_lists_every_lesson_in_order(client, language):
    response = client.get(reverse("lessons:index"), headers={"accept-language": language})
    body = response.content.decode()
    positions = [body.index(f'href="{lesson.url}"') for lesson in LESSONS]
    assert positions == sorted(positions)
    for lesson in LESSONS:
        assert escape(lesson.text(language).title) in body
        assert escape(lesson.text(language).summary) in body


def test_previous_and_next_links(client):
    first = client.get(LESSONS[0].url).content.decode()
    assert 'rel="prev"' not in first
    assert f'rel="next" href="{LESSONS[1].url}"' in first
    middle = client.get(LESSONS[4].url).content.decode()
    assert f'rel="prev" href="{LESSONS[3].url}"' in middle
    assert f'rel="next" href="{LESSONS[5].url}"' in middle
    last = client.get(LESSONS[-1].url).content.decode()
    assert 'rel="next"' not in last
    assert f'href="{reverse("lessons:index")}"' in last


def test_unknown_lesson_is_a_404(client):
    assert client.get("/lessons/no-such-lesson/").status_code == 404
    assert client.get("/lessons/12-extra/").status_code == 404


def test_unknown_action_is_a_404(client):
    assert client.post("/lessons/expiry/try/no-such-action/").status_code == 404
    assert client.post("/lessons/no-such-lesson/try/set/").status_code == 404


def test_reading_every_lesson_creates_no_session(client, settings):
    pages = [reverse("lessons:index"), reverse("lessons:whoami")]
    pages += [lesson.url for lesson in LESSONS]
    for page in pages:
        for language in LANGUAGES:
            response = client.get(page, headers={"accept-language": language})
            assert response.status_code == 200, page
            assert settings.SESSION_COOKIE_NAME not in response.cookies, page
    assert Session.objects.count() == 0


def test_reading_costs_no_queries_without_a_session(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        client.get(reverse("lessons:index"))
    for lesson in LESSONS:
        # Lesson 5 counts the expired rows in django_session: one query, for everybody.
        with django_assert_num_queries(1 if lesson.slug == "expiry" else 0):
            client.get(lesson.url)


def test_reading_with_a_session_costs_one_query(client, django_assert_num_queries):
    client.post(reverse("lessons:try", args=["session-cookie", "ticket"]))
    with django_assert_num_queries(1):
        client.get(reverse("lessons:index"))
    with django_assert_num_queries(1):
        client.get(LESSONS[0].url)


def test_nav_and_home_link_to_the_lessons(client):
    home = client.get("/").content.decode()
    assert f'href="{reverse("lessons:index")}"' in home
    assert f'href="{LESSONS[0].url}"' in home
    page = client.get(LESSONS[2].url).content.decode()
    assert f'href="{reverse("lessons:index")}" aria-current="true"' in page
    index = client.get(reverse("lessons:index")).content.decode()
    assert f'href="{reverse("lessons:index")}" aria-current="page"' in index


def test_lesson_pages_load_the_code_stylesheet_and_no_inline_style(client):
    for lesson in LESSONS:
        body = client.get(lesson.url).content.decode()
        assert "css/pygments.css" in body
        assert "style=" not in body
        assert "<script>" not in body
        assert " on" + "click=" not in body


def test_whoami_answers_in_json_and_creates_nothing(client, settings):
    answer = client.get(reverse("lessons:whoami")).json()
    assert answer == {"cookie_sent": False, "recognised": False, "session": None, "keys": []}
    client.post(reverse("lessons:try", args=["keeping-the-session", "visit"]))
    answer = client.get(reverse("lessons:whoami")).json()
    assert answer["cookie_sent"] is True
    assert answer["recognised"] is True
    assert answer["keys"] == ["lessons", "visits"] or answer["keys"] == ["visits"]
    key = client.session.session_key
    assert answer["session"] == f"{key[:4]}…{key[-4:]}"
    assert key not in str(answer), "the whole key must stay HttpOnly"


def test_whoami_with_an_unknown_key(client, settings):
    client.cookies[settings.SESSION_COOKIE_NAME] = "x" * 32
    response = client.get(reverse("lessons:whoami"))
    assert response.json() == {
        "cookie_sent": True,
        "recognised": False,
        "session": None,
        "keys": [],
    }
    assert Session.objects.count() == 0
