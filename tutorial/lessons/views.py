"""The lesson pages and their Try it endpoints. Thin: each lesson's logic is in exercises/.

Reading a lesson never creates a session. A lesson page writes the session only when the
learner's session already meets that lesson's goal (a cart with two products), which a
visitor without a session cannot do. The Try it forms are ordinary POSTs that redirect back to
the lesson's panel, with the Python that ran carried in a message.
"""

from django.contrib import messages
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from tutorial.lessons import notes, progress
from tutorial.lessons.exercises import has_session, stateless
from tutorial.lessons.highlight import python_line
from tutorial.lessons.registry import LESSONS, get_lesson_or_404, neighbours

# Message tags that belong in a lesson's Try it panel rather than at the top of the page.
TAG_PYTHON, TAG_RESULT, TAG_GOAL = "lessons-python", "lessons-result", "lessons-goal"
PANEL_TAGS = {TAG_PYTHON, TAG_RESULT, TAG_GOAL}


def goal_met_by_state(request, lesson):
    """Whether the session already meets this lesson's goal (a cart with two products...).

    Only for a session that exists: a goal read from state needs state, so a reader without a
    session never gets one from here. Each lesson checks only its own goal, on its own page
    and after its own actions, so a page never writes progress for something else.
    """
    return bool(lesson.goal) and has_session(request) and lesson.goal(request)


@never_cache
def index(request):
    finished = progress.done(request.session)
    lessons = [(lesson, lesson.text(), lesson.slug in finished) for lesson in LESSONS]
    return render(
        request,
        "lessons/index.html",
        {"lessons": lessons, "done_count": sum(done for *_rest, done in lessons)},
    )


@never_cache
def detail(request, slug):
    lesson = get_lesson_or_404(slug)
    note = notes.read(request, lesson)
    seen = lesson.observe(request, note) if note is not None else None
    if seen:
        report(request, lesson, seen)
    finished = progress.done(request.session)
    if lesson.slug not in finished and goal_met_by_state(request, lesson):
        progress.mark_done(request.session, lesson.slug)
        messages.success(request, _("Goal met: this lesson is done."), extra_tags=TAG_GOAL)

    # The messages for this lesson's panel are shown there, the others where the layout shows
    # them: a view's context wins over the context processor's "messages".
    page_messages, panel_messages = [], []
    for message in messages.get_messages(request):
        in_panel = PANEL_TAGS.intersection(message.extra_tags.split())
        (panel_messages if in_panel else page_messages).append(message)

    previous, following = neighbours(lesson)
    response = render(
        request,
        "lessons/detail.html",
        {
            "lesson": lesson,
            "text": lesson.text(),
            "done": lesson.slug in progress.done(request.session),
            "previous": previous,
            "previous_text": previous.text() if previous else None,
            "next": following,
            "next_text": following.text() if following else None,
            "messages": page_messages,
            "panel_messages": panel_messages,
            "tags": {"python": TAG_PYTHON, "result": TAG_RESULT, "goal": TAG_GOAL},
            "lesson_count": len(LESSONS),
            **lesson.context(request),
        },
    )
    if seen:
        keep_note(response, lesson, seen)
    return response


@require_POST
def try_it(request, slug, action):
    """Run one Try it action on the learner's real session, then go back to the panel."""
    lesson = get_lesson_or_404(slug)
    run = lesson.actions.get(action)
    if run is None:
        raise Http404("No such action")
    outcome = run(request)
    goal_met = report(request, lesson, outcome, announce=not wants_json(request))
    if wants_json(request):
        # The lesson 1 script posts with fetch() and updates the page itself.
        response = JsonResponse({"lines": outcome.lines, "goal_met": goal_met})
    else:
        response = redirect(lesson.url + "#try-it")
    keep_note(response, lesson, outcome)
    return response


def report(request, lesson, outcome, announce=True):
    """Record what an outcome achieved and tell the learner. Returns whether the goal is met."""
    session = request.session
    if outcome.restore:
        progress.mark_done(session, *outcome.restore)
    if outcome.step:
        progress.add_step(session, lesson.slug, outcome.step)
    goal_met = outcome.goal_met or bool(lesson.goal and lesson.goal(request))
    newly_done = goal_met and progress.mark_done(session, lesson.slug)
    if announce:
        if outcome.lines:
            messages.info(request, python_line("\n".join(outcome.lines)), extra_tags=TAG_PYTHON)
        if outcome.result:
            messages.add_message(request, outcome.level, outcome.result, extra_tags=TAG_RESULT)
        if newly_done:
            messages.success(request, _("Goal met: this lesson is done."), extra_tags=TAG_GOAL)
    return goal_met


def keep_note(response, lesson, outcome):
    if outcome.note is not None:
        notes.write(response, lesson, outcome.note)
    elif outcome.forget_note:
        notes.forget(response, lesson)


def wants_json(request):
    return request.get_preferred_type(["text/html", "application/json"]) == "application/json"


@require_POST
def reset(request):
    """Forget the learner's progress. Without progress (or a session) this writes nothing."""
    progress.reset(request.session)
    messages.success(request, _("Your progress is reset: every lesson is “not yet” again."))
    return redirect("lessons:index")


@require_GET
@never_cache
def whoami(request):
    """Lesson 1's question to the server: do you know me? Reads the session, never writes it."""
    return JsonResponse(stateless.answer(request))
