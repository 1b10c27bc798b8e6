"""The quantity forms. Each posts one number; the views turn any error into a message."""

from django import forms
from django.utils.translation import gettext_lazy as _

from shop.cart import MAX_QUANTITY


def quantity_field(minimum, message):
    """An integer field whose every error (empty, not a number, out of range) says the same."""
    return forms.IntegerField(
        label=_("Quantity"),
        min_value=minimum,
        max_value=MAX_QUANTITY,
        error_messages=dict.fromkeys(("required", "invalid", "min_value", "max_value"), message),
    )


class AddToCartForm(forms.Form):
    quantity = quantity_field(1, _("Enter a quantity from 1 to 99."))


class CartUpdateForm(forms.Form):
    quantity = quantity_field(0, _("Enter a quantity from 0 to 99 (0 removes the item)."))
