"""The inspector's two views: the full page, and the JSON state that its JavaScript polls.

Both only read: neither touches ``request.session`` beyond its key, so neither can create, save
or extend a session (see ``snapshot.take``). They take no parameter that names a session: the
only session anyone can inspect is the one their own cookie carries.
"""

from django.http import JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.cache import get_conditional_response
from django.utils.translation import gettext, ngettext
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from tutorial.inspector import snapshot
from tutorial.inspector.changes import LABELS
from tutorial.session_reads import observing_view

BODY_TEMPLATES = {"panel": "inspector/_panel_body.html", "page": "inspector/_page_body.html"}


@require_safe
def page(request):
    snap = snapshot.take(request)
    return render(request, "inspector/page.html", {"snapshot": snap})


@observing_view
@require_safe
@cache_control(no_store=True)
def state(request):
    """The snapshot as JSON, with the HTML of the panel or the page body (``?view=page``).

    Answers ``304 Not Modified`` with an empty body when the browser's ``If-None-Match`` names
    the current state, so an unchanged poll costs a few bytes. ``no-store``: no cache on the
    way may keep one learner's session for another.
    """
    view = "page" if request.GET.get("view") == "page" else "panel"
    snap = snapshot.take(request)
    etag = snap.etag(view)
    response = get_conditional_response(request, etag=etag)
    if response is None:
        response = JsonResponse(
            {
                "now": int(snap.now.timestamp() * 1000),
                "status": snap.status,
                "announcement": announcement(snap),
                "html": render_to_string(BODY_TEMPLATES[view], {"snapshot": snap}, request),
                "session": snap.as_json(),
            }
        )
    response.headers["ETag"] = etag
    return response


def describe(change):
    """One change in a few words, for screen readers: "Added cart" (never a session key)."""
    label = str(LABELS.get(change["kind"], change["kind"]))
    if change["kind"] in ("added", "changed", "removed"):
        return f"{label} {change['key']}"
    return label


def announcement(snap):
    """What a screen reader hears when the state changes (never on a tick of the countdown)."""
    if snap.status == snapshot.NONE:
        return gettext("No session: nothing has been stored yet.")
    if snap.status == snapshot.EXPIRED:
        return gettext("Your session has expired: the server no longer accepts it.")
    if snap.status == snapshot.MISSING:
        return gettext("The server has no record of this session any more.")
    if snap.status != snapshot.ACTIVE:
        return gettext("The server cannot use the session cookie your browser sent.")
    summary = ngettext(
        "Session active, %(count)d key stored.",
        "Session active, %(count)d keys stored.",
        len(snap.data),
    ) % {"count": len(snap.data)}
    if snap.timeline and snap.timeline[0]["changes"]:
        latest = ", ".join(describe(change) for change in snap.timeline[0]["changes"])
        return gettext("%(summary)s Last change: %(latest)s.") % {
            "summary": summary,
            "latest": latest,
        }
    return summary
