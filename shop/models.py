"""The shop's data: the menu (``Product``) and what was bought (``Order``, ``OrderLine``).

The cart is not here. It lives in the session (see ``shop.cart``) because it only has to last
while the learner shops; an order is a record that must outlast every session, so it is a row.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models, transaction
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


def in_chinese():
    """Whether the active language is Traditional Chinese (the only other language we have)."""
    return (get_language() or "").startswith("zh")


class Product(models.Model):
    """One item on the menu, named and described in English and Traditional Chinese.

    Prices are whole New Taiwan dollars, as on any menu in Taipei, but still a ``Decimal``:
    money is never a float. To take a product off the menu, untick ``active``; a product that
    has been ordered cannot be deleted, because its order lines point at it.
    """

    slug = models.SlugField(_("slug"), unique=True)
    name_en = models.CharField(_("name (English)"), max_length=80)
    name_zh_hant = models.CharField(_("name (Traditional Chinese)"), max_length=80)
    description_en = models.TextField(_("description (English)"))
    description_zh_hant = models.TextField(_("description (Traditional Chinese)"))
    price = models.DecimalField(
        _("price (NT$)"),
        max_digits=7,
        decimal_places=0,
        validators=[MinValueValidator(Decimal(0))],
    )
    image = models.CharField(
        _("illustration"),
        max_length=100,
        blank=True,
        help_text=_("A path under static/, for example img/shop/bubble-tea.svg."),
    )
    position = models.PositiveSmallIntegerField(_("position on the menu"), default=0)
    active = models.BooleanField(
        _("on the menu"),
        default=True,
        help_text=_("Untick to take the product off the menu without deleting it."),
    )

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("product")
        verbose_name_plural = _("products")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("shop:product", args=[self.slug])

    @property
    def name(self):
        return self.name_zh_hant if in_chinese() else self.name_en

    @property
    def description(self):
        return self.description_zh_hant if in_chinese() else self.description_en

    @property
    def illustration(self):
        """The static path of the drawing, or a plain teacup for a product that has none."""
        return self.image or "img/shop/placeholder.svg"


class OrderManager(models.Manager):
    @transaction.atomic
    def place(self, user, lines):
        """Turn cart lines into an order, all in one transaction: every row, or none.

        Each line keeps the price the product had at this moment (a snapshot): changing a price
        on the menu later must not change what someone already paid.
        """
        order = self.create(user=user, total=sum(line.subtotal for line in lines))
        OrderLine.objects.bulk_create(
            OrderLine(
                order=order,
                product=line.product,
                quantity=line.quantity,
                unit_price=line.product.price,
            )
            for line in lines
        )
        return order


class Order(models.Model):
    """A placed order: a permanent record in the database, tied to an account, not a session."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="orders",
        verbose_name=_("customer"),
    )
    created = models.DateTimeField(_("placed at"), auto_now_add=True)
    total = models.DecimalField(_("total (NT$)"), max_digits=9, decimal_places=0)

    objects = OrderManager()

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("order")
        verbose_name_plural = _("orders")

    def __str__(self):
        return _("Order %(number)s") % {"number": self.pk}

    def get_absolute_url(self):
        return reverse("shop:order", args=[self.pk])


class OrderLine(models.Model):
    """One product in an order, with the unit price it was sold at."""

    order = models.ForeignKey(
        Order, on_delete=models.CASCADE, related_name="lines", verbose_name=_("order")
    )
    product = models.ForeignKey(
        Product, on_delete=models.PROTECT, related_name="+", verbose_name=_("product")
    )
    quantity = models.PositiveSmallIntegerField(_("quantity"))
    unit_price = models.DecimalField(_("unit price (NT$)"), max_digits=7, decimal_places=0)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("order line")
        verbose_name_plural = _("order lines")

    def __str__(self):
        return f"{self.product} ({self.quantity})"

    @property
    def subtotal(self):
        return self.unit_price * self.quantity
