"""The filters shared by the site list, the map and the exports."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import F, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import gettext_lazy as _

from portal.i18n import FALLBACKS, active_language
from portal.models import Region
from portal.sorting import by_name, sort_field
from sites.models import Designation, Site, SiteDesignation

YES, NO = "yes", "no"
SORT_CHOICES = [
    ("name", _("Name (A to Z)")),
    ("-name", _("Name (Z to A)")),
    ("region", _("Region (A to Z)")),
    ("-region", _("Region (Z to A)")),
    ("year", _("Year inscribed or designated (oldest first)")),
    ("-year", _("Year inscribed or designated (newest first)")),
]


def localized_expression(field: str, language: str | None = None):
    """SQL for ``<field>_<lang>`` with the same fallbacks as portal.i18n.localized."""
    first, *rest = FALLBACKS[language or active_language()]
    columns = [NullIf(F(f"{field}_{code}"), Value("")) for code in (first, *rest)]
    return Coalesce(*columns, Value(""))


def _sites_with(**designation_filter) -> QuerySet:
    """Site ids that carry a designation matching the filter: a subquery, so no duplicate rows."""
    lookups = {f"designation__{key}": value for key, value in designation_filter.items()}
    return SiteDesignation.objects.filter(**lookups).values("site_id")


class SiteFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_q",
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Name in Kazakh, Russian or English")}),
    )
    designation = django_filters.ChoiceFilter(
        label=_("Designation"), choices=Designation.Kind.choices, method="filter_designation", empty_label=_("Any")
    )
    region = django_filters.ModelChoiceFilter(
        label=_("Region"),
        queryset=Region.objects.all(),
        to_field_name="slug",
        method="filter_region",
        empty_label=_("Any region"),
    )
    category = django_filters.ChoiceFilter(
        label=_("Category"), choices=Designation.Category.choices, method="filter_category", empty_label=_("Any")
    )
    transboundary = django_filters.ChoiceFilter(
        label=_("Transboundary"),
        choices=[(YES, _("Yes")), (NO, _("No"))],
        method="filter_transboundary",
        empty_label=_("Either"),
    )
    management_plan = django_filters.ChoiceFilter(
        label=_("Management plan"), choices=Site.ManagementPlan.choices, empty_label=_("Any")
    )
    # Applied in filter_queryset, so that the default order holds when `sort` is absent.
    sort = django_filters.ChoiceFilter(label=_("Sort by"), choices=SORT_CHOICES, method="skip", empty_label=None)

    class Meta:
        model = Site
        fields: list[str] = []

    def filter_q(self, queryset, name, value):
        return queryset.search(value)

    def filter_designation(self, queryset, name, value):
        return queryset.filter(pk__in=_sites_with(kind=value))

    def filter_region(self, queryset, name, value):
        return queryset.filter(pk__in=Site.regions.through.objects.filter(region=value).values("site_id"))

    def filter_category(self, queryset, name, value):
        return queryset.filter(pk__in=_sites_with(category=value))

    def filter_transboundary(self, queryset, name, value):
        transboundary = _sites_with(is_transboundary=True)
        return queryset.filter(pk__in=transboundary) if value == YES else queryset.exclude(pk__in=transboundary)

    def skip(self, queryset, name, value):
        return queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        sort = self.form.cleaned_data.get("sort") if self.is_bound else None
        return self.apply_sort(queryset, sort or "name")

    @staticmethod
    def apply_sort(queryset, sort: str):
        name = F(sort_field())  # alphabetical in the active language (portal.sorting), the site_sort_* indexes
        if sort in ("name", "-name"):
            key = name.asc() if sort == "name" else name.desc()
            return queryset.order_by(key, "pk")
        if sort in ("region", "-region"):
            first_region = by_name(Region.objects.filter(sites=OuterRef("pk"))).values(sort_field())[:1]
            queryset = queryset.annotate(first_region=Subquery(first_region))
            region = F("first_region")
            key = region.asc(nulls_last=True) if sort == "region" else region.desc(nulls_last=True)
            return queryset.order_by(key, name, "pk")
        first_year = (
            SiteDesignation.objects.filter(site=OuterRef("pk"), designation__year__isnull=False)
            .order_by("designation__year")
            .values("designation__year")[:1]
        )
        queryset = queryset.annotate(first_year=Subquery(first_year))
        year = F("first_year").asc(nulls_last=True) if sort == "year" else F("first_year").desc(nulls_last=True)
        return queryset.order_by(year, name, "pk")

    def error_messages(self) -> list[str]:
        """One sentence per rejected filter, naming it; the rejected filters are not applied."""
        if not self.is_bound or self.form.is_valid():
            return []
        messages = []
        for field, errors in self.form.errors.items():
            label = self.form.fields[field].label if field in self.form.fields else field
            for error in errors:
                messages.append(
                    _("%(filter)s: %(error)s This filter was not applied.") % {"filter": label, "error": error}
                )
        return messages


# A page number the catalogue's cache keeps: beyond it (far past the last page at world scale) pages render
# without being stored.
MAX_CACHED_PAGE = 1000
SEARCH = "q"


def catalogue_query(request) -> tuple | None:
    """The query as the catalogue pages use it, normalised for the page cache; None: render, do not store.

    Only the filters' own parameters and ``page`` count, each once; choices are checked here, a region by the
    page itself (SiteFilterMixin marks the request when its filters are invalid: no query more on a miss, none
    on a hit). A search is kept as typed (the page shows it back); how many different searches are stored is
    capped by the page cache (``free_text``).
    """
    params = request.GET
    if any(name not in CACHED_PARAMS or len(params.getlist(name)) > 1 for name in params):
        return None
    page = params.get("page", "").strip() or "1"
    if not page.isdigit() or not 1 <= int(page) <= MAX_CACHED_PAGE:
        return None
    values = []
    for name, choices in CHOICES.items():
        value = params.get(name, "")
        if value and value not in choices:
            return None
        values.append((name, value))
    region = params.get("region", "")
    if len(region) > Region._meta.get_field("slug").max_length:
        return None
    search = params.get(SEARCH, "")
    if len(search) > SiteFilter.base_filters[SEARCH].extra["max_length"]:
        return None
    return (*values, ("region", region), (SEARCH, search), ("page", params.get("page", "")))


CHOICES = {
    name: frozenset(str(value) for value, _label in SiteFilter.base_filters[name].extra["choices"])
    for name in ("designation", "category", "transboundary", "management_plan", "sort")
}
CACHED_PARAMS = frozenset({*CHOICES, "region", SEARCH, "page"})
assert {*SiteFilter.base_filters, "page"} == CACHED_PARAMS, "every filter of the catalogue is normalised"
