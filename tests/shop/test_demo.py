"""The demo menu that ``make run`` loads."""

from io import StringIO

import pytest
from django.contrib.staticfiles import finders
from django.template import Context, Template

from shop import demo
from shop.models import Product

pytestmark = pytest.mark.django_db


def test_load_is_idempotent_and_leaves_admin_edits_alone():
    demo.load(StringIO())
    Product.objects.filter(slug="bubble-tea").update(price=70, active=False)
    out = StringIO()
    demo.load(out)
    assert Product.objects.count() == len(demo.MENU) == 8
    tea = Product.objects.get(slug="bubble-tea")
    assert (tea.price, tea.active) == (70, False)
    assert "0 products created" in out.getvalue()


def test_every_product_has_both_languages_and_a_drawing_that_exists():
    demo.load(StringIO())
    for product in Product.objects.all():
        assert product.name_en
        assert product.name_zh_hant
        assert product.description_en
        assert product.description_zh_hant
        assert product.price > 0
        assert finders.find(product.illustration), product.illustration
    assert finders.find("img/shop/placeholder.svg")


@pytest.mark.parametrize(
    ("amount", "shown"), [(65, "NT$65"), (1250, "NT$1,250"), ("", ""), (None, "")]
)
def test_prices_are_shown_in_new_taiwan_dollars(amount, shown):
    template = Template("{% load shop %}{{ amount|ntd }}")
    assert template.render(Context({"amount": amount})) == shown
