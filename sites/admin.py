from django import forms
from django.contrib import admin, messages
from django.db import models
from django.db.models import Prefetch
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from sites import services
from sites.forms import ThreatsField
from sites.models import Designation, Obligation, PeriodicReview, Site, SiteDesignation


class SiteDesignationInline(admin.TabularInline):
    """On a site: its designations. On a designation: its component sites."""

    model = SiteDesignation
    extra = 0
    autocomplete_fields = ("site", "designation")


class ObligationInline(admin.TabularInline):
    model = Obligation
    extra = 0


class PeriodicReviewInline(admin.StackedInline):
    model = PeriodicReview
    extra = 0


# Links without a scheme are taken as https (Django 6's default; silences its deprecation warning).
URL_FIELDS_HTTPS = {models.URLField: {"assume_scheme": "https"}}


def _unesco_link(designation: Designation):
    if designation.unesco_url:
        return format_html('<a href="{}" rel="noopener">{}</a>', designation.unesco_url, designation.unesco_ref)
    return "—"


@admin.register(Designation)
class DesignationAdmin(SimpleHistoryAdmin):
    formfield_overrides = URL_FIELDS_HTTPS
    list_display = (
        "name_en",
        "kind",
        "unesco_link",
        "category",
        "year",
        "next_review",
        "is_serial",
        "is_transboundary",
    )
    list_filter = ("kind", "category", "is_serial", "is_transboundary", "year")
    search_fields = ("name_en", "name_ru", "name_kk", "=unesco_ref", "slug")
    prepopulated_fields = {"slug": ("name_en",)}
    inlines = [SiteDesignationInline, ObligationInline, PeriodicReviewInline]
    readonly_fields = ("last_periodic_review",)
    fieldsets = (
        (None, {"fields": ("kind", "slug", "name_en", "name_ru", "name_kk", "year", "source_url", "notes")}),
        (_("World Heritage"), {"fields": ("unesco_ref", "category", "criteria", "area_ha", "buffer_zone_ha")}),
        (_("Biosphere reserve"), {"fields": ("core_area_ha", "transition_area_ha", "last_periodic_review")}),
        (
            _("Serial and transboundary"),
            {
                "fields": (
                    "is_serial",
                    "is_transboundary",
                    "transboundary_countries",
                    "transboundary_countries_ru",
                    "transboundary_countries_kk",
                )
            },
        ),
    )

    @admin.display(description=_("UNESCO list entry"), ordering="unesco_ref")
    def unesco_link(self, obj: Designation):
        return _unesco_link(obj)

    @admin.display(description=_("next periodic review"))
    def next_review(self, obj: Designation):
        return obj.next_periodic_review_year or "—"


class DesignationKindFilter(admin.SimpleListFilter):
    title = _("designation")
    parameter_name = "designation_kind"

    def lookups(self, request, model_admin):
        return Designation.Kind.choices

    def queryset(self, request, queryset):
        if self.value() in Designation.Kind.values:
            return queryset.filter(pk__in=SiteDesignation.objects.filter(designation__kind=self.value()).values("site"))
        return queryset


class HasCoordinatesFilter(admin.SimpleListFilter):
    title = _("coordinates")
    parameter_name = "located"

    def lookups(self, request, model_admin):
        return [("yes", _("Recorded")), ("no", _("Missing"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(latitude__isnull=False)
        if self.value() == "no":
            return queryset.filter(latitude__isnull=True)
        return queryset


class SiteAdminForm(forms.ModelForm):
    threats = ThreatsField()

    class Meta:
        model = Site
        # The admin builds the full form from `fieldsets`, with formfield_overrides applied.
        fields = ["threats"]


@admin.register(Site)
class SiteAdmin(SimpleHistoryAdmin):
    form = SiteAdminForm
    formfield_overrides = URL_FIELDS_HTTPS
    list_display = (
        "name_en",
        "designation_summary",
        "unesco_links",
        "region_names",
        "managing_organization",
        "management_plan",
    )
    list_filter = (DesignationKindFilter, "management_plan", "regions", HasCoordinatesFilter, "managing_organization")
    search_fields = ("name_en", "name_ru", "name_kk", "other_names", "slug", "search_text")
    list_select_related = ("managing_organization",)
    prepopulated_fields = {"slug": ("name_en",)}
    filter_horizontal = ("regions", "districts", "managers")
    autocomplete_fields = ("managing_organization",)
    inlines = [SiteDesignationInline]
    actions = ["plan_none", "plan_in_preparation", "plan_adopted", "refresh_search"]
    fieldsets = (
        (None, {"fields": ("slug", "name_en", "name_ru", "name_kk", "other_names", "source_url")}),
        (_("Where"), {"fields": ("regions", "districts", "region_before_2022", "latitude", "longitude")}),
        (_("Who"), {"fields": ("managing_organization", "managers")}),
        (_("Description"), {"fields": ("description_en", "description_ru", "description_kk")}),
        (
            _("Management"),
            {
                "fields": (
                    "management_plan",
                    "management_plan_year",
                    "management_plan_url",
                    "threats",
                    "visitor_facilities",
                    "visitor_facilities_ru",
                    "visitor_facilities_kk",
                )
            },
        ),
    )

    def get_queryset(self, request):
        links = Prefetch("designation_links", queryset=SiteDesignation.objects.select_related("designation"))
        return super().get_queryset(request).prefetch_related("regions", links)

    @admin.display(description=_("designations"))
    def designation_summary(self, obj: Site):
        return format_html_join(
            ", ", "{}", ((link.designation.get_kind_display(),) for link in obj.designation_links.all())
        )

    @admin.display(description=_("UNESCO list entry"))
    def unesco_links(self, obj: Site):
        links = [link.designation for link in obj.designation_links.all() if link.designation.unesco_url]
        if not links:
            return "—"
        return format_html_join(
            " ", '<a href="{}" rel="noopener">{}</a>', ((d.unesco_url, d.unesco_ref) for d in links)
        )

    @admin.display(description=_("regions"))
    def region_names(self, obj: Site):
        return ", ".join(region.name for region in obj.regions.all())

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Inline designation rows and m2m changes are saved after the site: rebuild its search text now.
        services.refresh_search_text([form.instance.pk])

    def _set_plan(self, request, queryset, status: str) -> None:
        count = services.set_management_plan(queryset, status)
        label = Site.ManagementPlan(status).label
        self.message_user(
            request,
            ngettext(
                "Management plan set to “%(status)s” on %(count)d site.",
                "Management plan set to “%(status)s” on %(count)d sites.",
                count,
            )
            % {"status": label, "count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Set management plan: none"), permissions=["change"])
    def plan_none(self, request, queryset):
        self._set_plan(request, queryset, Site.ManagementPlan.NONE)

    @admin.action(description=_("Set management plan: in preparation"), permissions=["change"])
    def plan_in_preparation(self, request, queryset):
        self._set_plan(request, queryset, Site.ManagementPlan.IN_PREPARATION)

    @admin.action(description=_("Set management plan: adopted"), permissions=["change"])
    def plan_adopted(self, request, queryset):
        self._set_plan(request, queryset, Site.ManagementPlan.ADOPTED)

    @admin.action(description=_("Rebuild the search text"), permissions=["change"])
    def refresh_search(self, request, queryset):
        count = services.refresh_search_text(queryset.values_list("pk", flat=True))
        self.message_user(
            request, ngettext("%(count)d site updated.", "%(count)d sites updated.", count) % {"count": count}
        )
