"""Admin: every change to seminars, people and registrations is kept in the history (SimpleHistoryAdmin)."""

import json

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.admin import SimpleHistoryAdmin

from portal import roles
from seminars import person_records, privacy
from seminars.models import ImportRun, Person, Project, Registration, Seminar


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ("name_en", "name_ru", "slug")
    search_fields = ("name_en", "name_ru", "name_kk")
    prepopulated_fields = {"slug": ("name_en",)}


class SeminarRegistrationInline(admin.TabularInline):
    model = Registration
    extra = 0
    fields = ("person", "status", "source", "registered_by", "created_at", "checked_in_at")
    readonly_fields = ("registered_by",)
    autocomplete_fields = ("person",)
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("person", "registered_by")


class PersonRegistrationInline(SeminarRegistrationInline):
    fields = ("seminar", "status", "source", "registered_by", "created_at", "checked_in_at")
    autocomplete_fields = ("seminar",)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("seminar")


@admin.register(Seminar)
class SeminarAdmin(SimpleHistoryAdmin):
    list_display = ("title_en", "start", "city", "region", "status", "capacity", "public_registration")
    list_filter = ("status", "kind", "region", "registration_state", "public_registration")
    search_fields = ("title_en", "title_ru", "title_kk", "slug", "city")
    date_hierarchy = "start"
    list_select_related = ("region",)
    autocomplete_fields = ("region", "project")
    filter_horizontal = ("organizers", "sites")
    readonly_fields = ("created_by", "created_at")
    prepopulated_fields = {"slug": ("title_en",)}
    inlines = [SeminarRegistrationInline]


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ("full_name", "email", "phone", "organization", "organization_name", "gender", "language")
    list_filter = ("gender", "language", "organization_kind")
    search_fields = ("full_name", "email", "phone", "organization_name")
    list_select_related = ("organization",)
    autocomplete_fields = ("organization",)
    readonly_fields = ("created_at", "consent_version", "anonymised_at")
    inlines = [PersonRegistrationInline]
    actions = ["export_personal_data", "anonymise", "merge_people"]

    def get_actions(self, request):
        # Exporting, erasing and merging people's records is the controller's act: admins only, never a staff
        # member whose group can merely view people.
        actions = super().get_actions(request)
        if not roles.is_admin(request.user):
            for name in ("export_personal_data", "anonymise", "merge_people"):
                actions.pop(name, None)
        return actions

    @admin.action(description=gettext_lazy("Merge two records of the same person"))
    def merge_people(self, request, queryset):
        people = list(queryset.filter(anonymised_at__isnull=True).order_by("pk"))
        if len(people) != 2:
            self.message_user(request, _("Choose exactly two people to merge."), messages.ERROR)
            return None
        keep_pk = request.POST.get("keep")
        keep = next((p for p in people if str(p.pk) == keep_pk), None)
        if request.POST.get("confirm") == "yes" and keep is not None:
            other = next(p for p in people if p.pk != keep.pk)
            moved = person_records.merge(keep, other, by=request.user)
            self.log_change(request, keep, f"merged with person #{other.pk}")
            self.message_user(
                request,
                _("Merged: %(count)d registrations moved to %(name)s.") % {"count": moved, "name": keep},
                messages.SUCCESS,
            )
            return None
        keep = keep or people[0]
        other = people[1] if keep is people[0] else people[0]
        return TemplateResponse(
            request,
            "admin/seminars/person/merge_preview.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Merge two records of the same person"),
                "people": people,
                "keep": keep,
                "other": other,
                "preview": person_records.merge_preview(keep, other),
                "opts": self.model._meta,
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            },
        )

    @admin.action(description=gettext_lazy("Export personal data (a person's request to see it)"))
    def export_personal_data(self, request, queryset):
        people = list(queryset.order_by("pk"))
        data = [privacy.export_person(person) for person in people]
        for person in people:  # the export is recorded in each person's history: who, when
            person._history_user = request.user
            person._change_reason = "personal data exported"
            person.save()
            self.log_change(request, person, "personal data exported")
        response = HttpResponse(
            json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
        )
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        response["Content-Disposition"] = f'attachment; filename="personal-data-{stamp}.json"'
        return response

    @admin.action(description=gettext_lazy("Anonymise (a person's request to erase their data)"))
    def anonymise(self, request, queryset):
        people = list(queryset.filter(anonymised_at__isnull=True).order_by("pk"))
        if request.POST.get("confirm") != "yes":
            return TemplateResponse(
                request,
                "admin/seminars/person/anonymise_confirm.html",
                {
                    **self.admin_site.each_context(request),
                    "title": _("Anonymise people"),
                    "people": people,
                    "opts": self.model._meta,
                    "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
                },
            )
        for person in people:
            privacy.anonymise_person(person, by=request.user, reason="anonymised at the person's request")
            self.log_change(request, person, "anonymised at the person's request")
        self.message_user(request, _("%(count)d people anonymised.") % {"count": len(people)}, messages.SUCCESS)
        return None


@admin.register(Registration)
class RegistrationAdmin(SimpleHistoryAdmin):
    list_display = ("full_name", "email", "person", "seminar", "status", "source", "created_at", "checked_in_at")
    list_filter = ("status", "source", "seminar")
    search_fields = ("full_name", "email", "person__email", "seminar__title_en", "seminar__title_ru")
    list_select_related = ("person", "seminar")
    autocomplete_fields = ("person", "seminar")
    readonly_fields = ("registered_by", "updated_at", "confirmation_sent_at", "promotion_notified_at")
    date_hierarchy = "created_at"


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    """The record of each participant import: read-only (the portal writes it, nobody edits it)."""

    list_display = (
        "created_at",
        "seminar",
        "created_by",
        "file_name",
        "mode",
        "rows",
        "imported",
        "skipped",
        "invalid",
    )
    list_filter = ("mode",)
    search_fields = ("seminar__title_en", "seminar__title_ru", "seminar__title_kk", "file_name", "created_by__email")
    list_select_related = ("seminar", "created_by")
    date_hierarchy = "created_at"
    fields = (
        "seminar",
        "created_by",
        "created_at",
        "file_name",
        "mode",
        "rows",
        "imported",
        "waitlisted",
        "skipped",
        "invalid",
    )
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).defer("problems_file")

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
