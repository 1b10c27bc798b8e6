"""The site's URLs plus two bare views, for bench/compare.py only (never in tutorial/urls.py).

The bare views are the least Django can do with a session: the inspector's poll and the shop's
add-to-cart are measured against them. Selected with ``DJANGO_SETTINGS_MODULE=bench.settings``.
"""

from django.http import HttpResponseRedirect, JsonResponse
from django.urls import include, path
from django.views.decorators.http import require_POST, require_safe


@require_safe
def read_session(request):
    """Load the session and say how many keys it holds: the poll's bare counterpart."""
    return JsonResponse({"keys": len(request.session.keys())})


@require_POST
def write_session(request):
    """Load the session, set one key, let SessionMiddleware save it, and redirect as
    add-to-cart does: the bare counterpart of an add to the cart."""
    request.session["bench"] = request.session.get("bench", 0) + 1
    return HttpResponseRedirect("/bench/read/")


urlpatterns = [
    path("bench/read/", read_session),
    path("bench/write/", write_session),
    path("", include("tutorial.urls")),
]
