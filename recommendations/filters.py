"""The list's filters. Many-to-many conditions are subqueries, so a row never appears twice."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.autocomplete import AutocompleteSelect
from portal.models import Organization, Region
from portal.sorting import by_name
from recommendations.models import Recommendation
from seminars.models import Seminar
from sites.models import Site

SupportingLink = Recommendation.supporting_organizations.through
SiteLink = Recommendation.sites.through

SORTS = {
    # value: (label, ordering)
    "due": (_("Due date, soonest first"), (F("due_date").asc(nulls_last=True), "pk")),
    "-due": (_("Due date, latest first"), (F("due_date").desc(nulls_last=True), "-pk")),
    "-created": (_("Recorded, newest first"), ("-created_at", "-pk")),
    "silent": (_("Longest without a report"), (F("last_report_at").asc(nulls_first=True), "created_at", "pk")),
    "-silent": (_("Latest report first"), (F("last_report_at").desc(nulls_last=True), "-created_at", "-pk")),
}
DEFAULT_SORT = "due"
ANY = _("Any")


class RecommendationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_search")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Recommendation.Status.choices, empty_label=ANY)
    # Any of its themes, not only the main one (Recommendation.themes).
    theme = django_filters.ChoiceFilter(
        label=_("Theme"), choices=Recommendation.Theme.choices, empty_label=ANY, method="filter_theme"
    )
    priority = django_filters.ChoiceFilter(
        label=_("Priority"),
        choices=Recommendation.Priority.choices,
        empty_label=ANY,
    )
    organization = django_filters.ModelChoiceFilter(
        label=_("Responsible organization"),
        queryset=lambda request: by_name(Organization.objects.all()),
        to_field_name="slug",
        method="filter_organization",
        empty_label=ANY,
        widget=AutocompleteSelect("organizations"),
    )
    site = django_filters.ModelChoiceFilter(
        label=_("Site"),
        queryset=lambda request: by_name(Site.objects.all()),
        to_field_name="slug",
        method="filter_site",
        empty_label=ANY,
        widget=AutocompleteSelect("sites"),
    )
    region = django_filters.ModelChoiceFilter(
        label=_("Region"),
        queryset=lambda request: by_name(Region.objects.all()),
        to_field_name="slug",
        method="filter_region",
        empty_label=ANY,
    )
    seminar = django_filters.ModelChoiceFilter(
        label=_("Seminar"),
        queryset=Seminar.objects.order_by("-start"),
        to_field_name="slug",
        field_name="seminar",
        empty_label=ANY,
        widget=AutocompleteSelect("seminars"),
    )
    overdue = django_filters.ChoiceFilter(
        label=_("Overdue"), choices=[("1", _("Overdue only"))], empty_label=ANY, method="filter_overdue"
    )
    due_from = django_filters.DateFilter(
        label=_("Due from"), field_name="due_date", lookup_expr="gte", widget=forms.DateInput(attrs={"type": "date"})
    )
    due_to = django_filters.DateFilter(
        label=_("Due until"), field_name="due_date", lookup_expr="lte", widget=forms.DateInput(attrs={"type": "date"})
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"),
        choices=[(key, label) for key, (label, _ordering) in SORTS.items()],
        empty_label=None,
        method="sort_by",
    )

    class Meta:
        model = Recommendation
        fields: list[str] = []

    def __init__(self, *args, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()
        # Other organizations' drafts are not offered (nor accepted) as a seminar to filter by.
        user = getattr(self.request, "user", None)
        visible = Seminar.objects.visible_to(user) if user is not None else Seminar.objects.public()
        self.filters["seminar"].queryset = visible.order_by("-start")
        self.form.fields["sort"].required = False

    def filter_search(self, queryset, name, value):
        return queryset.search(value) if value.strip() else queryset

    def filter_organization(self, queryset, name, value):
        supported = SupportingLink.objects.filter(organization=value).values("recommendation_id")
        return queryset.filter(Q(lead_organization=value) | Q(pk__in=supported))

    def filter_theme(self, queryset, name, value):
        return queryset.with_theme(value)

    def filter_site(self, queryset, name, value):
        return queryset.filter(pk__in=SiteLink.objects.filter(site=value).values("recommendation_id"))

    def filter_region(self, queryset, name, value):
        # A site may lie in several regions (serial and transboundary properties).
        linked = SiteLink.objects.filter(site__regions=value).values("recommendation_id")
        return queryset.filter(pk__in=linked)

    def filter_overdue(self, queryset, name, value):
        return queryset.overdue(self.today) if value == "1" else queryset

    def sort_by(self, queryset, name, value):
        return queryset  # applied last, in filter_queryset, so that it holds with or without a value

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        sort = self.form.cleaned_data.get("sort") if hasattr(self.form, "cleaned_data") else None
        return queryset.order_by(*SORTS[sort if sort in SORTS else DEFAULT_SORT][1])
