from django.shortcuts import render


def home(request):
    """The ticket-and-cabinet picture. It reads nothing from the session, so it creates none."""
    return render(request, "home.html")


def csrf_failure(request, reason=""):
    """Django's CSRF failure, in the site's own layout and language.

    Django's default view renders without the request, so it cannot use the site's layout; this one
    is named by ``CSRF_FAILURE_VIEW``. The technical reason is shown only in DEBUG, as Django does.
    """
    return render(request, "403_csrf.html", {"reason": reason}, status=403)
