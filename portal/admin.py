from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from portal.audit import AuditedAdmin
from portal.models import District, Organization, OrganizationEmail, Region, User


class DistrictInline(admin.TabularInline):
    model = District
    extra = 0
    prepopulated_fields = {"slug": ("name_en",)}


@admin.register(Region)
class RegionAdmin(AuditedAdmin):
    list_display = ("name_en", "name_ru", "name_kk", "centre_en", "established")
    search_fields = ("name_en", "name_ru", "name_kk")
    prepopulated_fields = {"slug": ("name_en",)}
    inlines = [DistrictInline]


@admin.register(District)
class DistrictAdmin(AuditedAdmin):
    list_display = ("name_en", "name_ru", "region")
    list_filter = ("region",)
    search_fields = ("name_en", "name_ru", "name_kk")
    list_select_related = ("region",)


class OrganizationEmailInline(admin.TabularInline):
    model = OrganizationEmail
    extra = 1


@admin.register(Organization)
class OrganizationAdmin(AuditedAdmin):
    list_display = ("name_en", "kind", "region", "district", "parent", "preferred_language")
    list_filter = ("kind", "region", "preferred_language")
    search_fields = ("name_en", "name_ru", "name_kk", "emails__email")
    list_select_related = ("region", "district", "parent")
    autocomplete_fields = ("parent", "region", "district")
    prepopulated_fields = {"slug": ("name_en",)}
    inlines = [OrganizationEmailInline]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ("email",)
    list_display = ("email", "full_name", "organization", "is_staff", "is_active", "last_login")
    list_filter = ("is_staff", "is_superuser", "is_active", "groups")
    search_fields = ("email", "full_name")
    list_select_related = ("organization",)
    autocomplete_fields = ("organization",)
    filter_horizontal = ("groups", "user_permissions", "focal_point_for")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Person"), {"fields": ("full_name", "organization", "position", "language", "reminder_frequency")}),
        (_("Roles"), {"fields": ("groups", "focal_point_for", "is_active", "is_staff", "is_superuser")}),
        (_("Permissions"), {"classes": ("collapse",), "fields": ("user_permissions",)}),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("email", "full_name", "organization", "password1", "password2")}),
    )
