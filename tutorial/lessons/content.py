"""Lesson prose: Markdown files with a three-line front matter, one per lesson per language.

A file looks like this::

    ---
    title: HTTP is stateless
    summary: One sentence shown on the lesson index.
    goal: One sentence telling the learner what the site will check.
    ---
    The Markdown body. Headings start at ``##``.

The prose lives in files, not in Python strings, so that a teacher or translator can edit a
lesson without touching code. Rendering Markdown and highlighting code is the slow part of a
page, so each file is rendered once and kept until the file changes (its modification time).
"""

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import markdown
from django.conf import settings
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from markdown.treeprocessors import Treeprocessor

CONTENT_DIR = Path(__file__).resolve().parent / "content"
FRONT_MATTER_KEYS = ("title", "summary", "goal")

# A link with a scheme ("https:", "javascript:") or a protocol-relative one ("//host") leaves
# the site; lessons link only to each other, with relative links like "../expiry/".
EXTERNAL_LINK = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*:|//)")


class ContentError(Exception):
    """A content file that breaks the format in LESSONS.md; the message names the file."""


@dataclass(frozen=True)
class LessonText:
    title: str
    summary: str
    goal: str
    html: str  # the rendered body, safe to place in a template


def language_dir(language=None):
    """The content folder for a language code ("en", "zh-hant"), falling back to the default."""
    codes = [code for code, _name in settings.LANGUAGES]
    language = (language or get_language() or settings.LANGUAGE_CODE).lower()
    return language if language in codes else settings.LANGUAGE_CODE


def path_for(filename, language=None):
    return CONTENT_DIR / language_dir(language) / filename


def load(filename, language=None):
    """The lesson text in the given (or current) language, falling back to the default language.

    Every lesson exists in every language (a test checks it), so the fallback only keeps a
    half-deployed translation from turning a page into an error.
    """
    path = path_for(filename, language)
    if not path.exists():
        path = path_for(filename, settings.LANGUAGE_CODE)
    return _parse(path, path.stat().st_mtime_ns)


@lru_cache(maxsize=64)
def _parse(path, mtime_ns):
    """Parse and render one file; the modification time is part of the cache key."""
    text = path.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
    meta, body = split_front_matter(text, path)
    return LessonText(html=mark_safe(render_markdown(body)), **meta)


def split_front_matter(text, path="<text>"):
    """Split a file into its three front matter values and its Markdown body.

    Deliberately tiny (no YAML): one ``key: value`` per line, the value is everything after the
    first ``": "``, and exactly the keys in FRONT_MATTER_KEYS must be present.
    """
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        raise ContentError(f"{path}: the file must start with a '---' line")
    try:
        end = lines.index("---", 1)
    except ValueError:
        raise ContentError(f"{path}: the front matter has no closing '---' line") from None
    meta = {}
    for number, line in enumerate(lines[1:end], start=2):
        key, sep, value = line.partition(": ")
        if not sep or key not in FRONT_MATTER_KEYS:
            raise ContentError(f"{path}, line {number}: expected 'title|summary|goal: value'")
        if key in meta:
            raise ContentError(f"{path}, line {number}: '{key}' appears twice")
        meta[key] = value.strip()
    missing = [key for key in FRONT_MATTER_KEYS if not meta.get(key)]
    if missing:
        raise ContentError(f"{path}: front matter lacks {', '.join(missing)}")
    return meta, "\n".join(lines[end + 1 :])


class LocalLinksOnly(Treeprocessor):
    """Turn links that leave the site into plain text (lessons link only to each other)."""

    def run(self, root):
        for link in root.iter("a"):
            if EXTERNAL_LINK.match(link.get("href", "").strip()):
                link.tag = "span"
                link.attrib.clear()


def render_markdown(body):
    """Markdown to HTML with raw HTML escaped, code highlighted by Pygments (CSS classes only)."""
    md = markdown.Markdown(
        extensions=["fenced_code", "codehilite", "tables"],
        extension_configs={"codehilite": {"css_class": "codehilite", "guess_lang": False}},
    )
    # Python-Markdown passes raw HTML through; without these two it is escaped as text.
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    # No images in lessons.
    for name in ("image_link", "image_reference", "short_image_ref"):
        md.inlinePatterns.deregister(name)
    md.treeprocessors.register(LocalLinksOnly(md), "local_links_only", 1)
    return md.convert(body)
