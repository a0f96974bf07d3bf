from __future__ import annotations

from decimal import Decimal

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def hectares(value: Decimal | None) -> str:
    """900.00 → "900", 535909.40 → "535,909.4" (grouped and with the decimal mark of the active language)."""
    if value is None:
        return ""
    places = max(0, -value.normalize().as_tuple().exponent)
    return number_format(value, decimal_pos=places, use_l10n=True, force_grouping=True)
