"""The site's URLs plus two test-only views that put a cart into the session and read it back.

The real cart belongs to the shop; these tests only need *a* value in ``request.session["cart"]``
to see what login and logout do to the data in a session.
"""

from django.http import HttpResponse, JsonResponse
from django.urls import path
from django.views.decorators.http import require_POST

from tutorial.urls import urlpatterns as site_urlpatterns


@require_POST
def put_in_cart(request):
    request.session["cart"] = {"1": 2}
    return HttpResponse("in the cart")


def whoami(request):
    return JsonResponse(
        {
            "user": request.user.get_username(),
            "cart": request.session.get("cart", {}),
        }
    )


urlpatterns = [
    path("test/cart/", put_in_cart, name="test_put_in_cart"),
    path("test/whoami/", whoami, name="test_whoami"),
    *site_urlpatterns,
]
