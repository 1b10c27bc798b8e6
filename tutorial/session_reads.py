"""Views that look at the session from outside, and the middleware that must let them.

The inspector's state endpoint reads the stored session record itself, read-only, and is polled
every second or two. Middleware that loads ``request.session`` on every request (to enforce the
login lifetime, note when a user was last seen, or mark private pages) would add a query to each
poll, and could even log a user out because someone looked at their session. Such middleware
asks ``observes_session(request)`` and leaves those requests alone.
"""


def observing_view(view):
    """Mark a view as one that only observes the session from outside."""
    view.observes_session = True
    return view


def observes_session(request):
    """Whether this request goes to a view marked with ``observing_view``. Known once the URL is
    resolved: from ``process_view`` on, or after the response."""
    match = getattr(request, "resolver_match", None)
    return bool(match and getattr(match.func, "observes_session", False))
