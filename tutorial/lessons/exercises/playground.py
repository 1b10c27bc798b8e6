"""Lesson 7, ``request.session`` as a dict: a playground, and the nested-mutation pitfall.

The playground's keys live at the top level of the session, next to the site's own keys,
because that is where a view keeps them: ``request.session["colour"] = "green"`` runs exactly
as shown, and the inspector shows the key exactly as Django stores it. A namespace such as
``request.session["playground"]["colour"]`` would be a nested dict, and every change to it would
need ``request.session.modified = True``: the very pitfall the second half of the lesson is
about. The rules in forms.py keep the playground away from Django's keys (``_auth_user_id``
and friends) and the site's own (``cart``, ``lessons``).

The pitfall: ``request.session["drink"]["toppings"].append(...)`` changes a list *inside* the
session, and Django only notices assignments to the session itself. Without
``request.session.modified = True`` nothing is saved, and the next request sees the drink as it
was. The goal is met by seeing that happen, then doing it right.
"""

from django.contrib import messages
from django.utils.translation import gettext as _

from tutorial.lessons import progress
from tutorial.lessons.exercises import Outcome, has_session
from tutorial.lessons.forms import (
    MAX_PLAYGROUND_KEYS,
    KeyDefaultForm,
    KeyForm,
    KeyValueForm,
    first_error,
    playground_keys,
)

TEMPLATE = "lessons/try/session-as-a-dict.html"
SLUG = "session-as-a-dict"

TOPPINGS = ("pearls", "pudding", "grass jelly", "taro balls", "red beans", "aloe")
NEW_DRINK = {"tea": "oolong milk tea", "toppings": []}


def context(request):
    session = request.session
    return {
        "session_items": sorted(
            (key, value) for key, value in session.items() if not key.startswith("_")
        ),
        "reserved_keys": sorted(key for key, _value in session.items() if key.startswith("_")),
        "playground_count": len(playground_keys(session)),
        "playground_limit": MAX_PLAYGROUND_KEYS,
        "drink": drink_in(session),
        "drink_is_odd": "drink" in session and drink_in(session) is None,
        "pitfall_seen": "pitfall-seen" in progress.steps(session, SLUG),
    }


# --- The playground ------------------------------------------------------------------------


def set_value(request):
    form = KeyValueForm(request.POST, request.session)
    if not form.is_valid():
        return Outcome.refused(first_error(form))
    key, value = form.cleaned_data["key"], form.cleaned_data["value"]
    request.session[key] = value
    return Outcome(
        lines=[f"request.session[{key!r}] = {value!r}"],
        result=_("Stored. The session is marked as modified, so Django saves it."),
        level=messages.SUCCESS,
    )


def get_value(request):
    form = KeyDefaultForm(request.POST, request.session)
    if not form.is_valid():
        return Outcome.refused(first_error(form))
    key, default = form.cleaned_data["key"], form.cleaned_data["default"]
    found = request.session.get(key, default)
    return Outcome(
        lines=[f"request.session.get({key!r}, {default!r})"],
        result=_("It returned %(value)s. Reading changes nothing, so nothing was saved.")
        % {"value": repr(found)},
    )


def delete_value(request):
    form = KeyForm(request.POST, request.session)
    if not form.is_valid():
        return Outcome.refused(first_error(form))
    key = form.cleaned_data["key"]
    line = f"del request.session[{key!r}]"
    if key not in request.session:
        return Outcome(
            lines=[line],
            result=_(
                "KeyError: there is no such key, so nothing changed. pop() with a default "
                "would not raise."
            ),
            level=messages.ERROR,
        )
    del request.session[key]
    return Outcome(lines=[line], result=_("Deleted."), level=messages.SUCCESS)


def pop_value(request):
    form = KeyForm(request.POST, request.session)
    if not form.is_valid():
        return Outcome.refused(first_error(form))
    key = form.cleaned_data["key"]
    key_was_there = key in request.session
    found = request.session.pop(key, None)
    if key_was_there:
        result = _("It returned %(value)s and removed the key.") % {"value": repr(found)}
    else:
        result = _("The key was not there, so it returned the default, None, and changed nothing.")
    return Outcome(
        lines=[f"request.session.pop({key!r}, None)"],
        result=result,
        level=messages.SUCCESS if key_was_there else messages.INFO,
    )


def clear_session(request):
    request.session.clear()
    return Outcome(
        lines=["request.session.clear()"],
        result=_(
            "Every key is gone, your lesson progress and any login with them, but the session "
            "and its key remain: the empty record is saved under the same ticket number."
        ),
        level=messages.WARNING,
    )


def flush_session(request):
    request.session.flush()
    return Outcome(
        lines=["request.session.flush()"],
        result=_(
            "The record was deleted and the cookie removed: the next request starts with no "
            "session at all, as after a logout."
        ),
        level=messages.WARNING,
    )


def cycle_key(request):
    if not has_session(request):
        # Django's cycle_key() on a session that has never been saved writes an empty record
        # at once; there is nothing to rotate, so say so instead.
        return Outcome.refused(_("You have no session yet, so there is no key to rotate."))
    request.session.cycle_key()
    return Outcome(
        lines=["request.session.cycle_key()"],
        result=_(
            "Same data, new key: the old record was deleted and the cookie now carries the new "
            "number. login() does this to defeat session fixation."
        ),
        level=messages.SUCCESS,
    )


# --- The nested-mutation pitfall -----------------------------------------------------------


def drink_in(session):
    """The demo drink, or None if the session holds no drink (or something else under "drink")."""
    drink = session.get("drink")
    if (
        isinstance(drink, dict)
        and isinstance(drink.get("toppings"), list)
        and len(drink["toppings"]) <= len(TOPPINGS)
    ):
        return drink
    return None


def new_drink(request):
    request.session["drink"] = {"tea": NEW_DRINK["tea"], "toppings": []}
    return Outcome(
        lines=[f"request.session['drink'] = {NEW_DRINK!r}"],
        result=_("A new drink, stored by assigning to the session: Django notices and saves it."),
        level=messages.SUCCESS,
    )


def _add_topping(request, mark_modified):
    drink = drink_in(request.session)
    if drink is None:
        return Outcome.refused(_("There is no drink in your session yet: make a new drink first."))
    if len(drink["toppings"]) >= len(TOPPINGS):
        return Outcome.refused(_("The cup is full. Make a new drink to start again."))
    topping = next(name for name in TOPPINGS if name not in drink["toppings"])
    drink["toppings"].append(topping)  # changes the list inside the session, in place
    lines = [f"request.session['drink']['toppings'].append({topping!r})"]
    if mark_modified:
        request.session.modified = True
        lines.append("request.session.modified = True")
    # The next request compares this note with what was really saved.
    note = {"expected": len(drink["toppings"]), "modified": mark_modified}
    return Outcome(
        lines=lines,
        result=_("In this request's memory the toppings are now %(toppings)s.")
        % {"toppings": repr(drink["toppings"])},
        note=note,
    )


def add_topping_lost(request):
    return _add_topping(request, mark_modified=False)


def add_topping_kept(request):
    return _add_topping(request, mark_modified=True)


def observe(request, note):
    """On the request after a topping was added: was the change really saved?

    Called with the note the action left. The note lives in a cookie because the session could
    not hold it: writing anything to the session would have saved the lost change as well.
    """
    drink = drink_in(request.session)
    if drink is None or not isinstance(note, dict) or not has_session(request):
        return Outcome(forget_note=True)
    expected, modified = note.get("expected"), note.get("modified")
    saved = len(drink["toppings"])
    if not modified and saved < expected:
        return Outcome(
            result=_(
                "The topping is gone: the list was changed in place, Django saw no assignment "
                "to the session, and saved nothing. That is the pitfall."
            ),
            level=messages.WARNING,
            step="pitfall-seen",
            forget_note=True,
        )
    if modified and saved >= expected:
        seen = "pitfall-seen" in progress.steps(request.session, SLUG)
        return Outcome(
            result=_("The topping stayed: request.session.modified = True made Django save it."),
            level=messages.SUCCESS,
            goal_met=seen,
            forget_note=True,
        )
    return Outcome(forget_note=True)


ACTIONS = {
    "set": set_value,
    "get": get_value,
    "delete": delete_value,
    "pop": pop_value,
    "clear": clear_session,
    "flush": flush_session,
    "cycle_key": cycle_key,
    "new_drink": new_drink,
    "add_topping_lost": add_topping_lost,
    "add_topping_kept": add_topping_kept,
}
