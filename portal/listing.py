"""Sortable list columns and a page-size choice, both kept in the URL (issue 15, item 5).

A column header is a link that sorts the list by that column (``?sort=name``), and again in the other direction
(``?sort=-name``); the sorted column says so to screen readers with ``aria-sort``. The page size is
``?per_page=`` from a short list per page. Both are query parameters, so a sorted, resized list can be
bookmarked and shared, and the page caches keyed on the full path stay correct. The sorting itself stays in
each list's filter or view, on the server.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest

SORT_PARAM = "sort"
PAGE_SIZE_PARAM = "per_page"
PAGE_SIZES = (25, 50, 100)
# Query parameters that choose how a list is shown, not what is in it.
NOT_FILTERS = frozenset({"page", SORT_PARAM, PAGE_SIZE_PARAM, "lang"})


def filters_chosen(query) -> bool:
    """Whether the query string sets a filter (the filter panel then opens, "clear filters" is offered)."""
    return any(value for key, value in query.items() if key not in NOT_FILTERS)


def ordering(request: HttpRequest, sorts: dict[str, tuple], default: str) -> tuple:
    """The ``order_by`` arguments of ``?sort=`` among ``sorts``, else of ``default`` (an unknown value is ignored)."""
    return sorts.get(request.GET.get(SORT_PARAM), sorts[default])


def page_size(request: HttpRequest, default: int, sizes: tuple[int, ...] = PAGE_SIZES) -> int:
    """``?per_page=`` when it is one of ``sizes``, else ``default`` (an unknown value is ignored, never an error)."""
    try:
        size = int(request.GET.get(PAGE_SIZE_PARAM, ""))
    except ValueError:
        return default
    return size if size in sizes else default


class PageSizeMixin:
    """For a ListView: ``paginate_by`` is the default, ``page_sizes`` the choice offered (see page_size_links)."""

    page_sizes: tuple[int, ...] = PAGE_SIZES

    def get_paginate_by(self, queryset):
        return page_size(self.request, self.paginate_by, self.page_sizes)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page_sizes"] = page_size_links(self.request, self.paginate_by, self.page_sizes)
        return context


@dataclass(frozen=True)
class PageSizeLink:
    size: int
    href: str
    current: bool


def page_size_links(request: HttpRequest, default: int, sizes: tuple[int, ...] = PAGE_SIZES) -> list[PageSizeLink]:
    current = page_size(request, default, sizes)
    links = []
    for size in sizes:
        params = request.GET.copy()
        params.pop("page", None)
        if size == default:
            params.pop(PAGE_SIZE_PARAM, None)
        else:
            params[PAGE_SIZE_PARAM] = str(size)
        links.append(PageSizeLink(size=size, href=f"?{params.urlencode()}", current=size == current))
    return links


@dataclass(frozen=True)
class SortHeader:
    href: str
    state: str  # the aria-sort value: "ascending", "descending", or "" when the list is not sorted by this column


def sort_header(request: HttpRequest, key: str, *, default: str, first: str = "asc") -> SortHeader:
    """The link and state of the column sorted by ``key`` (ascending) and ``-key`` (descending).

    ``default`` is the list's order without a ``sort`` parameter; ``first`` the direction a first click asks for
    (dates read newest first, names A to Z). The link drops the page number: a new order starts on page one."""
    current = request.GET.get(SORT_PARAM) or default
    if current == key:
        state, target = "ascending", f"-{key}"
    elif current == f"-{key}":
        state, target = "descending", key
    else:
        state, target = "", key if first == "asc" else f"-{key}"
    params = request.GET.copy()
    params.pop("page", None)
    params[SORT_PARAM] = target
    return SortHeader(href=f"?{params.urlencode()}", state=state)
