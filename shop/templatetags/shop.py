from decimal import Decimal, InvalidOperation

from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def ntd(amount):
    """Format an amount of New Taiwan dollars: ``1250`` becomes ``NT$1,250``."""
    try:
        amount = Decimal(amount)
    except (InvalidOperation, TypeError, ValueError):
        return ""
    return _("NT$%(amount)s") % {"amount": f"{amount:,.0f}"}
