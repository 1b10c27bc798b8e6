"""The lab page, and the switch that moves the learner's session to another engine."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tutorial.lab import comparison, engines, figures, switch
from tutorial.lab.forms import SwitchForm


def lab(request):
    """The five engines side by side, this session's figures, and the switch.

    Reading only: the page looks at the session's class and key, and loads nothing that would
    create or save a session for a visitor who has none.
    """
    current = engines.name_of(request.session)
    return render(
        request,
        "lab/lab.html",
        {
            "current": current,
            "default": engines.default(),
            "has_session": bool(request.session.session_key),
            "rows": comparison.rows(current, figures.read(request)),
            "form": SwitchForm(initial={"engine": next_engine(current)}),
            "cache_per_process": engines.cache_is_per_process(),
            "cookie_limit": comparison.COOKIE_SIZE_LIMIT,
        },
    )


def next_engine(current):
    """The engine the form suggests: the one after the current one, so a click tries another."""
    names = engines.ENGINES
    return names[(names.index(current) + 1) % len(names)] if current in names else names[0]


@require_POST
def lab_switch(request):
    form = SwitchForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, errors[0])
        return redirect("lab")
    target = form.cleaned_data["engine"]
    bring = form.cleaned_data["data"] == SwitchForm.BRING
    current = engines.name_of(request.session)
    if target == current:
        messages.info(
            request, _("Your session is already stored by %(engine)s.") % {"engine": target}
        )
        return redirect("lab")
    had_data = bool(request.session.keys())
    switch.move(request, target, bring)
    if not had_data:
        message = _("From now on your session is stored by %(engine)s; it has nothing in it yet.")
    elif bring:
        message = _(
            "Your session moved to %(engine)s with its data, under a new key. The old record "
            "in %(old)s is deleted."
        )
    else:
        message = _(
            "You now have an empty session in %(engine)s. The old record in %(old)s is deleted, "
            "and everything in it is gone."
        )
    messages.success(request, message % {"engine": target, "old": current})
    response = redirect("lab")
    if target == engines.default():
        response.delete_cookie(engines.COOKIE_NAME, samesite="Lax")
    else:
        response.set_cookie(
            engines.COOKIE_NAME,
            target,
            max_age=engines.COOKIE_AGE,
            secure=settings.SESSION_COOKIE_SECURE or None,
            httponly=True,
            samesite="Lax",
        )
    return response
