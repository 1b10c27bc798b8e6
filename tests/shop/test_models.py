"""What the order records promise: a snapshot, and products that cannot vanish under them."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.db.models import ProtectedError
from django.utils import translation

from shop.cart import Line
from shop.models import Order

pytestmark = pytest.mark.django_db


@pytest.fixture
def order(tea, cake):
    user = get_user_model().objects.create_user("mei")
    return Order.objects.place(user, [Line(tea, 2), Line(cake, 1)])


def test_place_writes_the_order_and_its_lines(order, tea, cake):
    assert order.total == Decimal(180)
    assert [(line.product, line.quantity, line.subtotal) for line in order.lines.all()] == [
        (tea, 2, Decimal(130)),
        (cake, 1, Decimal(50)),
    ]


def test_an_ordered_product_cannot_be_deleted_only_withdrawn(order, tea):
    with pytest.raises(ProtectedError):
        tea.delete()
    tea.active = False
    tea.save()
    assert order.lines.first().product == tea


def test_names_follow_the_active_language(tea):
    with translation.override("zh-hant"):
        assert tea.name == "中文bubble-tea"
        assert str(tea) == "中文bubble-tea"
    with translation.override("en"):
        assert tea.name == "Bubble tea"
        assert tea.description == "About bubble-tea."
