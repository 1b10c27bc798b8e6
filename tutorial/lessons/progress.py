"""The learner's lesson progress, kept in their own session under one key.

``request.session["lessons"]`` looks like this::

    {"done": ["session-cookie", "expiry"], "steps": {"session-as-a-dict": ["pitfall-seen"]}}

``done`` lists finished lessons; ``steps`` holds the halfway points of the two goals that take
two steps (see the pitfall first, then fix it; try two engines).

Progress is written only when a goal (or one of its steps) is met, or when the learner resets
it. Reading it never writes, so a visitor who only reads lessons gets no session at all.
Every write assigns a whole new dict to the key: changing the stored dict in place would not
mark the session as modified, which is exactly the pitfall lesson 7 demonstrates.
"""

SESSION_KEY = "lessons"


def _stored(session):
    """The stored value, or an empty one if it is missing or not in the expected shape."""
    value = session.get(SESSION_KEY)
    return value if isinstance(value, dict) else {}


def done(session):
    """The slugs of the lessons the learner has finished."""
    value = _stored(session).get("done")
    if not isinstance(value, list):
        return set()
    return {slug for slug in value if isinstance(slug, str)}


def steps(session, slug):
    """The steps recorded so far towards one lesson's goal."""
    value = _stored(session).get("steps")
    found = value.get(slug) if isinstance(value, dict) else None
    if not isinstance(found, list):
        return set()
    return {step for step in found if isinstance(step, str)}


def _write(session, done_slugs, all_steps):
    from tutorial.lessons.registry import LESSONS  # the registry imports the exercises

    order = [lesson.slug for lesson in LESSONS]
    value = {"done": [slug for slug in order if slug in done_slugs]}
    steps_value = {slug: sorted(found) for slug, found in all_steps.items() if found}
    if steps_value:
        value["steps"] = steps_value
    session[SESSION_KEY] = value


def _all_steps(session):
    value = _stored(session).get("steps")
    if not isinstance(value, dict):
        return {}
    return {slug: steps(session, slug) for slug in value if isinstance(slug, str)}


def mark_done(session, *slugs):
    """Record finished lessons; returns True if any of them was new (and the session written)."""
    finished = done(session)
    new = set(slugs) - finished
    if new:
        remaining = _all_steps(session)
        for slug in new:
            remaining.pop(slug, None)  # a finished lesson needs no halfway points
        _write(session, finished | new, remaining)
    return bool(new)


def add_step(session, slug, step):
    """Record one step towards a goal; returns the steps recorded for that lesson."""
    found = steps(session, slug)
    if step not in found:
        all_steps = _all_steps(session)
        all_steps[slug] = found | {step}
        _write(session, done(session), all_steps)
    return steps(session, slug)


def reset(session):
    """Forget all progress. On a session that has none this changes (and creates) nothing."""
    session.pop(SESSION_KEY, None)
