from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from sites.models import Designation, Obligation, Site, SiteDesignation


class SiteDesignationInline(admin.TabularInline):
    model = SiteDesignation
    extra = 0
    autocomplete_fields = ("site", "designation")


class ObligationInline(admin.TabularInline):
    model = Obligation
    extra = 0


@admin.register(Designation)
class DesignationAdmin(SimpleHistoryAdmin):
    list_display = ("name_en", "kind", "unesco_ref", "category", "year", "is_transboundary")
    list_filter = ("kind", "category", "is_transboundary", "is_serial")
    search_fields = ("name_en", "name_ru", "name_kk", "unesco_ref")
    prepopulated_fields = {"slug": ("name_en",)}
    inlines = [SiteDesignationInline, ObligationInline]


@admin.register(Site)
class SiteAdmin(SimpleHistoryAdmin):
    list_display = ("name_en", "managing_organization", "management_plan")
    list_filter = ("management_plan", "regions")
    search_fields = ("name_en", "name_ru", "name_kk")
    prepopulated_fields = {"slug": ("name_en",)}
    filter_horizontal = ("regions", "districts", "managers")
    inlines = [SiteDesignationInline]
