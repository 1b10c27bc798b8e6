"""The shop's pages. Each view is a few lines: the cart rules live in ``shop.cart``.

Every change is a POST that answers with a redirect (so reloading the next page never repeats
it) and a message saying what happened. A bad quantity or a refused change leaves the cart as it
was and says why.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Sum
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from shop.cart import Cart, CartError
from shop.forms import AddToCartForm, CartUpdateForm
from shop.models import Order, Product


def menu(request):
    products = Product.objects.filter(active=True)
    return render(request, "shop/menu.html", {"products": products})


def product(request, slug):
    product = get_object_or_404(Product, slug=slug, active=True)
    context = {
        "product": product,
        "form": AddToCartForm(initial={"quantity": 1}),
        "in_cart": Cart(request).quantity(product),
    }
    return render(request, "shop/product.html", context)


def cart(request):
    cart = Cart(request)
    # Read the lines here, before rendering: the header, rendered first, then counts what the
    # page lists rather than what the session holds (the two differ once a product is withdrawn).
    return render(request, "shop/cart.html", {"cart": cart, "lines": cart.lines})


@require_POST
def cart_add(request, product_id):
    product = get_object_or_404(Product, pk=product_id)
    form = AddToCartForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors["quantity"][0])
    else:
        quantity = form.cleaned_data["quantity"]
        try:
            Cart(request).add(product, quantity)
        except CartError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("Added to your cart: %(product)s, quantity %(quantity)s.")
                % {"product": product, "quantity": quantity},
            )
    return redirect_back(request, fallback="shop:menu")


@require_POST
def cart_update(request, product_id):
    product = get_object_or_404(Product, pk=product_id)
    form = CartUpdateForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors["quantity"][0])
        return redirect("shop:cart")
    quantity = form.cleaned_data["quantity"]
    try:
        Cart(request).set(product, quantity)
    except CartError as error:
        messages.error(request, str(error))
    else:
        if quantity:
            message = _("%(product)s: the quantity in your cart is now %(quantity)s.")
        else:
            message = _("Removed %(product)s from your cart.")
        messages.success(request, message % {"product": product, "quantity": quantity})
    return redirect("shop:cart")


@require_POST
def cart_remove(request, product_id):
    product = get_object_or_404(Product, pk=product_id)
    cart = Cart(request)
    if cart.quantity(product):
        cart.remove(product)
        messages.success(request, _("Removed %(product)s from your cart.") % {"product": product})
    else:
        messages.info(request, _("%(product)s was not in your cart.") % {"product": product})
    return redirect("shop:cart")


@require_POST
def cart_clear(request):
    Cart(request).clear()
    messages.success(request, _("Your cart is empty."))
    return redirect("shop:cart")


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def checkout(request):
    """Show the order to confirm (GET); place it (POST).

    The order is written in one transaction (``Order.objects.place``), and only then is the cart
    emptied: if writing the order fails, the learner still has the cart.
    """
    cart = Cart(request)
    if not cart.lines:
        messages.error(request, _("Your cart is empty: add something from the menu first."))
        return redirect("shop:cart")
    if request.method == "POST":
        order = Order.objects.place(request.user, cart.lines)
        cart.clear()
        messages.success(
            request, _("Thank you! Order %(number)s has been placed.") % {"number": order.pk}
        )
        return redirect(order)
    return render(request, "shop/checkout.html", {"cart": cart})


@login_required
def order(request, pk):
    """One of the learner's own orders; anyone else's is a 404, not a 403, so ids reveal nothing."""
    orders = Order.objects.prefetch_related("lines__product")
    order = get_object_or_404(orders, pk=pk, user=request.user)
    return render(request, "shop/order.html", {"order": order})


@login_required
def orders(request):
    orders = request.user.orders.annotate(items=Sum("lines__quantity"))
    return render(request, "shop/orders.html", {"orders": orders})


def redirect_back(request, fallback):
    """Go back to the page the form was on (its ``next`` field), if that page is on this site."""
    next_url = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(next_url)
    return redirect(fallback)
