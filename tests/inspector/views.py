"""Tiny views that change the session in every way the inspector must notice (tests only).

They stand in for the shop and accounts, which are built separately: the inspector's tests must
not depend on them.
"""

import json

from django.contrib.auth import get_user_model, login, logout
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template import engines
from django.utils.dateparse import parse_datetime
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

LAB_PAGE = """{% extends "base.html" %}
{% block title %}Session lab{% endblock %}
{% block content %}
<h1>Session lab</h1>
<form method="post" action="/lab/cart/1/">{% csrf_token %}<button>Add a bubble tea</button></form>
<form method="post" action="/lab/expiry/">{% csrf_token %}
  <input type="hidden" name="value" value="5"><button>Expire in 5 seconds</button></form>
<form method="post" action="/lab/expiry/">{% csrf_token %}
  <input type="hidden" name="value" value="300"><button>Expire in 5 minutes</button></form>
<form method="post" action="/lab/flush/">{% csrf_token %}<button>Flush</button></form>
{% endblock %}
"""


def lab(request):
    """A page of the site (with the side panel) with forms that change the session."""
    template = engines["django"].from_string(LAB_PAGE)
    return HttpResponse(template.render({}, request))


def done(request):
    return redirect(request.POST.get("next") or "/lab/")


@csrf_exempt
@require_POST
def set_value(request):
    request.session[request.POST["key"]] = json.loads(request.POST["value"])
    return done(request)


@csrf_exempt
@require_POST
def delete_value(request):
    del request.session[request.POST["key"]]
    return done(request)


@csrf_exempt
@require_POST
def add_to_cart(request, product_id):
    """As the shop does it: read the cart, change it, store it back."""
    cart = request.session.get("cart", {})
    cart[str(product_id)] = cart.get(str(product_id), 0) + 1
    request.session["cart"] = cart
    return done(request)


@csrf_exempt
@require_POST
def set_expiry(request):
    value = request.POST["value"]
    if value == "none":
        request.session.set_expiry(None)
    elif value.lstrip("-").isdigit():
        request.session.set_expiry(int(value))
    else:
        request.session.set_expiry(parse_datetime(value))
    return done(request)


@csrf_exempt
@require_POST
def flush(request):
    request.session.flush()
    return done(request)


@csrf_exempt
@require_POST
def cycle_key(request):
    request.session.cycle_key()
    return done(request)


@csrf_exempt
@require_POST
def log_in(request):
    user = get_user_model().objects.get(username=request.POST["username"])
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    return done(request)


@csrf_exempt
@require_POST
def log_out(request):
    logout(request)
    return done(request)


def read(request):
    """A plain read: shows the cart, changes nothing."""
    return HttpResponse(json.dumps(request.session.get("cart", {})))
