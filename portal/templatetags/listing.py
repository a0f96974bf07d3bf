"""``{% sort_th "name" label default="name" %}`` and ``{% page_size_choice page_sizes %}``: see portal/listing.py."""

from __future__ import annotations

from django import template

from portal.listing import sort_header

register = template.Library()


@register.inclusion_tag("includes/sort_th.html", takes_context=True)
def sort_th(context, key: str, label: str, default: str = "", first: str = "asc", css_class: str = "") -> dict:
    header = sort_header(context["request"], key, default=default, first=first)
    return {"header": header, "label": label, "css_class": css_class}


@register.inclusion_tag("includes/page_size.html")
def page_size_choice(links) -> dict:
    return {"links": links}


# Query parameters that choose how a list is shown, not what is in it: they do not unfold the filters.
NOT_FILTERS = frozenset({"page", "sort", "per_page", "lang"})


@register.filter
def filters_chosen(query) -> bool:
    """Whether the query string sets a filter (the filter panel then opens to show it)."""
    return any(value for key, value in query.items() if key not in NOT_FILTERS)
