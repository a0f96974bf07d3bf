"""Search-as-you-type for organizations, sites and seminars: small JSON answers behind the searchable selects.

A filter over 10,000 sites cannot list them all in the page (the recommendation list weighed 1.2 MB at world
scale): ``AutocompleteSelect`` renders only the chosen option, and static/js/autocomplete.js (Tom Select,
vendored from npm) asks ``/autocomplete/<kind>/?q=`` for the rest as the user types.
"""

from __future__ import annotations

from django import forms
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Q
from django.http import Http404, JsonResponse
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views import View

from portal.i18n import localized

LIMIT = 20


def _organizations(user, query):
    from portal.models import Organization

    return Organization.objects.filter(_names(query)).order_by("name_en"), "slug"


def _sites(user, query):
    from sites.models import Site

    return Site.objects.filter(_names(query)).order_by("name_en"), "slug"


def _seminars(user, query):
    from seminars.models import Seminar

    words = Q()
    for word in query.split():
        words &= Q(title_en__icontains=word) | Q(title_ru__icontains=word) | Q(title_kk__icontains=word)
    return Seminar.objects.visible_to(user).filter(words).order_by("-start"), "slug"


def _names(query: str) -> Q:
    words = Q()
    for word in query.split()[:5]:
        words &= Q(name_en__icontains=word) | Q(name_ru__icontains=word) | Q(name_kk__icontains=word)
    return words


KINDS = {"organizations": _organizations, "sites": _sites, "seminars": _seminars}


def label(obj) -> str:
    return localized(obj, "title") if hasattr(obj, "title_en") else localized(obj, "name")


class AutocompleteView(LoginRequiredMixin, View):
    """GET ?q=: up to 20 {value, text} pairs whose name (any language) holds every word; signed-in users only."""

    def get(self, request, kind: str):
        if kind not in KINDS:
            raise Http404
        query = request.GET.get("q", "").strip()[:100]
        queryset, key = KINDS[kind](request.user, query)
        results = [{"value": getattr(obj, key), "text": label(obj)} for obj in queryset[:LIMIT]]
        response = JsonResponse({"results": results})
        patch_cache_control(response, private=True, max_age=60)
        return response


class AutocompleteSelect(forms.Select):
    """A <select> with only the chosen option in the page; the rest come from ``/autocomplete/<kind>/``.

    For a ModelChoiceField (or django-filter's ModelChoiceFilter): the chosen value is looked up in the field's
    queryset, so validation is unchanged. Without JavaScript the select offers the chosen value and "any".
    """

    def __init__(self, kind: str, attrs=None):
        super().__init__(attrs)
        self.kind = kind

    def get_context(self, name, value, attrs):
        attrs = {**(attrs or {}), "data-autocomplete": reverse("autocomplete", kwargs={"kind": self.kind})}
        iterator = self.choices
        chosen = [str(v) for v in (value if isinstance(value, list | tuple) else [value]) if v not in (None, "")]
        choices = []
        field = getattr(iterator, "field", None)
        if field is not None:
            if field.empty_label is not None:
                choices.append(("", field.empty_label))
            if chosen:
                key = field.to_field_name or "pk"
                for obj in iterator.queryset.filter(**{f"{key}__in": chosen}):
                    choices.append((str(getattr(obj, key)), field.label_from_instance(obj)))
        self.choices = choices
        try:
            return super().get_context(name, value, attrs)
        finally:
            self.choices = iterator
