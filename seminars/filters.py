from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from portal import roles
from portal.models import Organization, Region
from portal.sorting import by_name
from seminars.models import Person, Registration, Seminar
from sites.models import Site


class SeminarFilter(django_filters.FilterSet):
    """Unknown values make the form invalid; the view says so and the other filters still apply."""

    year = django_filters.ChoiceFilter(label=_("Year"), method="filter_year", empty_label=_("Any year"))
    region = django_filters.ModelChoiceFilter(
        label=_("Region"), queryset=Region.objects.all(), to_field_name="slug", empty_label=_("Any region")
    )
    site = django_filters.ModelChoiceFilter(
        label=_("Site"),
        field_name="sites",
        queryset=lambda request: by_name(Site.objects.all()),
        to_field_name="slug",
        empty_label=_("Any site"),
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Seminar.Status.choices, empty_label=_("Any"))

    class Meta:
        model = Seminar
        fields = ["year", "region", "site", "status"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        years = sorted({d.year for d in Seminar.objects.dates("start", "year")}, reverse=True)
        self.filters["year"].extra["choices"] = [(str(y), str(y)) for y in years]
        if user is None or not roles.is_organizer(user):
            self.filters["status"].extra["choices"] = [
                c for c in Seminar.Status.choices if c[0] != Seminar.Status.DRAFT
            ]

    def filter_year(self, queryset, name, value):
        return queryset.filter(start__year=int(value)) if value else queryset


class RegistrationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Registration.Status.choices, empty_label=_("Any status")
    )
    organization_kind = django_filters.ChoiceFilter(
        label=_("Organization kind"),
        choices=Organization.Kind.choices,
        method="filter_organization_kind",
        empty_label=_("Any kind"),
    )
    gender = django_filters.ChoiceFilter(
        label=_("Gender"), field_name="gender", choices=Person.Gender.choices, empty_label=_("Any")
    )

    class Meta:
        model = Registration
        fields = ["q", "status", "organization_kind", "gender"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(full_name__icontains=value)
            | Q(email__icontains=value)
            | Q(phone__icontains=value)
            | Q(position__icontains=value)
            | Q(organization_name__icontains=value)
            | Q(organization__name_en__icontains=value)
            | Q(organization__name_ru__icontains=value)
            | Q(organization__name_kk__icontains=value)
        )

    def filter_organization_kind(self, queryset, name, value):
        # A directory organization's kind wins over the kind typed for a free-text organization.
        return queryset.filter(Q(organization__kind=value) | Q(organization__isnull=True, organization_kind=value))
