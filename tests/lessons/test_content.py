"""The content files: both languages, the front matter, and what the renderer lets through."""

import os
import re

import pytest
from django.conf import settings

from tutorial.lessons import content
from tutorial.lessons.registry import BY_SLUG, LESSONS

LANGUAGES = [code for code, _name in settings.LANGUAGES]


def test_content_folders_match_the_site_languages():
    folders = {path.name for path in content.CONTENT_DIR.iterdir() if path.is_dir()}
    assert folders == set(LANGUAGES)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_lesson_has_a_file_and_no_file_lacks_a_lesson(language):
    """A lesson in one language only, or a stray file, fails here."""
    files = {path.name for path in (content.CONTENT_DIR / language).glob("*")}
    assert files == {lesson.filename for lesson in LESSONS}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.slug)
def test_every_file_has_the_three_front_matter_keys(lesson, language):
    text = (content.CONTENT_DIR / language / lesson.filename).read_text(encoding="utf-8")
    meta, body = content.split_front_matter(text, lesson.filename)
    assert set(meta) == set(content.FRONT_MATTER_KEYS)
    assert all(meta.values())
    assert body.strip(), "the lesson has no body"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.slug)
def test_rendered_body_follows_the_format(lesson, language):
    html = lesson.text(language).html
    assert "<h1" not in html, "headings start at ## (the page's <h1> is the title)"
    assert "<img" not in html
    assert "<script" not in html
    # Relative links between lessons point at lessons that exist.
    for href in re.findall(r'href="([^"]+)"', html):
        match = re.fullmatch(r"\.\./([a-z0-9-]+)/(#[\w-]+)?", href)
        assert match, f"{lesson.filename}: {href} is not a link to a lesson"
        assert match.group(1) in BY_SLUG, f"{lesson.filename}: no lesson at {href}"


def test_languages_differ():
    """The Chinese file is a translation, not a copy of the English one."""
    for lesson in LESSONS:
        assert lesson.text("en").title != lesson.text("zh-hant").title


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("title: x\n---\nbody", "must start"),
        ("---\ntitle: x\nsummary: y\ngoal: z\nbody", "no closing"),
        ("---\ntitle: x\nsummary: y\n---\nbody", "lacks goal"),
        ("---\ntitle: x\nsummary: y\ngoal: z\nauthor: me\n---\nbody", "line 5"),
        ("---\ntitle: x\ntitle: y\nsummary: y\ngoal: z\n---\nbody", "twice"),
        ("---\ntitle:x\nsummary: y\ngoal: z\n---\nbody", "line 2"),
        ("---\ntitle: \nsummary: y\ngoal: z\n---\nbody", "lacks title"),
    ],
)
def test_front_matter_errors_name_the_problem(text, problem):
    with pytest.raises(content.ContentError, match=problem):
        content.split_front_matter(text, "x.md")


def test_value_is_everything_after_the_first_colon():
    meta, body = content.split_front_matter(
        "---\ntitle: Expiry: when sessions end\nsummary: a: b\ngoal: c\n---\nText"
    )
    assert meta == {"title": "Expiry: when sessions end", "summary": "a: b", "goal": "c"}
    assert body == "Text"


def test_raw_html_is_escaped_and_only_local_links_survive():
    html = content.render_markdown(
        "<script>alert(1)</script>\n\nHi <b>there</b> [five](../expiry/) "
        "[out](https://example.com/) [js](javascript:alert(1)) <https://example.com> "
        "![img](x.png)\n"
    )
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "<b>" not in html
    assert "&lt;b&gt;" in html
    assert '<a href="../expiry/">five</a>' in html
    assert re.findall(r'href="([^"]*)"', html) == ["../expiry/"]
    assert "javascript:" not in html
    assert "<img" not in html


def test_code_is_highlighted_with_css_classes_and_tables_render():
    html = content.render_markdown(
        '```python\nrequest.session["visits"] = 1\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n'
    )
    assert '<div class="codehilite">' in html
    assert '<span class="n">request</span>' in html
    assert "style=" not in html
    assert "<table>" in html


def test_rendering_is_cached_until_the_file_changes(tmp_path, monkeypatch):
    calls = []
    real = content.render_markdown
    monkeypatch.setattr(content, "render_markdown", lambda body: calls.append(body) or real(body))
    folder = tmp_path / "en"
    folder.mkdir()
    path = folder / "01-x.md"
    path.write_text("---\ntitle: One\nsummary: s\ngoal: g\n---\nFirst\n", encoding="utf-8")
    monkeypatch.setattr(content, "CONTENT_DIR", tmp_path)

    assert content.load("01-x.md", "en").title == "One"
    assert content.load("01-x.md", "en").title == "One"
    assert len(calls) == 1, "the second load re-rendered the Markdown"

    path.write_text("---\ntitle: Two\nsummary: s\ngoal: g\n---\nSecond\n", encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert content.load("01-x.md", "en").title == "Two"
    assert len(calls) == 2


def test_missing_translation_falls_back_to_the_default_language(tmp_path, monkeypatch):
    (tmp_path / "en").mkdir()
    (tmp_path / "zh-hant").mkdir()
    (tmp_path / "en" / "01-x.md").write_text("---\ntitle: One\nsummary: s\ngoal: g\n---\nB\n")
    monkeypatch.setattr(content, "CONTENT_DIR", tmp_path)
    assert content.load("01-x.md", "zh-hant").title == "One"
