"""The inspector's second face: a "Session" panel for django-debug-toolbar (local mode only).

It takes the same snapshot as the side panel, twice: before the request reaches
SessionMiddleware, and after SessionMiddleware has saved the session and set its cookie. The
changes between the two come from the comparison the timeline uses. Registered in
DEBUG_TOOLBAR_PANELS only when the toolbar is on (see settings).
"""

from debug_toolbar.panels import Panel
from django.utils.translation import gettext_lazy as _

from tutorial.inspector import changes, snapshot


class SessionPanel(Panel):
    title = _("Session")
    template = "inspector/debug_toolbar.html"

    @property
    def nav_subtitle(self):
        found = self.get_stats().get("changes")
        if found is None:
            return ""
        return _("changed") if found else _("unchanged")

    def process_request(self, request):
        # The toolbar runs first: there is no request.session yet, so this reads the session
        # the cookie names, through a store of this request's engine (see snapshot.take).
        self.before = snapshot.take(request)
        return super().process_request(request)

    def generate_stats(self, request, response):
        before, after = self.before, snapshot.take(request)
        self.record_stats(
            {
                "before": before.as_json(),
                "after": after.as_json(),
                "changes": between(before, after),
            }
        )


def between(before, after):
    """The changes from one snapshot to the other.

    Unlike the timeline's recorder, two snapshots cannot see a ``flush()`` happen: a new key
    that kept the old data is a rotation, a new key without it (or no key at all) a flush. The
    signed-cookie engine's "key" is the cookie itself and changes on every save, so there only
    losing the key tells a flush.
    """
    old, new = before.raw_key, after.raw_key
    key_changed = old is not None and new != old
    rotates = after.engine != "signed_cookies"
    kept = all(after.raw_data.get(key) == value for key, value in before.raw_data.items())
    flushed = before.status == snapshot.ACTIVE and (
        (key_changed and new is None) or (key_changed and rotates and not kept)
    )
    return changes.between(
        old,
        before.raw_data,
        new,
        after.raw_data,
        flushed=flushed,
        found_expired=key_changed and before.status in (snapshot.EXPIRED, snapshot.MISSING),
        rotates=rotates,
    )
