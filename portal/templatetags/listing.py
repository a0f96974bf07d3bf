"""``{% sort_th "name" label default="name" %}``, ``{% page_size_choice page_sizes %}`` and ``query|filters_chosen``:
see portal/listing.py."""

from __future__ import annotations

from django import template

from portal.listing import filters_chosen, sort_header

register = template.Library()


@register.inclusion_tag("includes/sort_th.html", takes_context=True)
def sort_th(context, key: str, label: str, default: str = "", first: str = "asc", css_class: str = "") -> dict:
    header = sort_header(context["request"], key, default=default, first=first)
    return {"header": header, "label": label, "css_class": css_class}


@register.inclusion_tag("includes/page_size.html")
def page_size_choice(links) -> dict:
    return {"links": links}


register.filter("filters_chosen", filters_chosen)
