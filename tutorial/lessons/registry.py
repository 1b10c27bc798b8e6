"""The eleven lessons, in order: the one list the index, the pages and the tests all read.

Each lesson is a number, a slug (its URL and, with the number, its content file name) and the
module of its Try it panel, which holds the panel's template, its actions and its goal check
(see ``exercises/__init__.py``).
"""

from dataclasses import dataclass
from types import ModuleType

from django.http import Http404
from django.urls import reverse

from tutorial.lessons import content
from tutorial.lessons.exercises import (
    backends,
    cart,
    cookie,
    enabling,
    expiry,
    login,
    playground,
    security,
    stateless,
    storage,
    visits,
)


@dataclass(frozen=True)
class Lesson:
    number: int
    slug: str
    exercise: ModuleType

    @property
    def filename(self):
        """The content file's name in every language folder, e.g. ``05-expiry.md``."""
        return f"{self.number:02d}-{self.slug}.md"

    def text(self, language=None):
        """Title, summary, goal and rendered body, in the given (or current) language."""
        return content.load(self.filename, language)

    @property
    def template(self):
        """The template of the Try it panel."""
        return self.exercise.TEMPLATE

    @property
    def goal(self):
        """The goal check from the session's state, or None if an event marks the goal."""
        return getattr(self.exercise, "goal", None)

    @property
    def actions(self):
        return getattr(self.exercise, "ACTIONS", {})

    def context(self, request):
        build = getattr(self.exercise, "context", None)
        return build(request) if build else {}

    def observe(self, request, note):
        look = getattr(self.exercise, "observe", None)
        return look(request, note) if look else None

    @property
    def url(self):
        return reverse("lessons:detail", args=[self.slug])


LESSONS = (
    Lesson(1, "http-is-stateless", stateless),
    Lesson(2, "session-cookie", cookie),
    Lesson(3, "server-side-storage", storage),
    Lesson(4, "keeping-the-session", visits),
    Lesson(5, "expiry", expiry),
    Lesson(6, "enabling-sessions", enabling),
    Lesson(7, "session-as-a-dict", playground),
    Lesson(8, "storage-backends", backends),
    Lesson(9, "shopping-cart", cart),
    Lesson(10, "login-state", login),
    Lesson(11, "security", security),
)

BY_SLUG = {lesson.slug: lesson for lesson in LESSONS}


def get_lesson_or_404(slug):
    try:
        return BY_SLUG[slug]
    except KeyError:
        raise Http404("No such lesson") from None


def neighbours(lesson):
    """The previous and next lessons (None at either end)."""
    index = LESSONS.index(lesson)
    previous = LESSONS[index - 1] if index > 0 else None
    following = LESSONS[index + 1] if index + 1 < len(LESSONS) else None
    return previous, following
