from django import forms
from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from recommendations import action_services, services
from recommendations.models import (
    Action,
    ActionReport,
    ActionStatusChange,
    Handover,
    ProgressReport,
    Recommendation,
    SdgTarget,
    StatusChange,
    main_theme,
)

# Django 6 will assume https for scheme-less links; say so now (and silence the deprecation warning).
URL_HTTPS = {models.URLField: {"assume_scheme": "https"}}


class ProgressReportInline(admin.StackedInline):
    model = ProgressReport
    extra = 0
    formfield_overrides = URL_HTTPS
    fields = ("date", "organization", "author", "text", "evidence_url", "created_at")
    readonly_fields = ("created_at",)
    autocomplete_fields = ("organization", "author")
    show_change_link = True


class StatusChangeInline(admin.TabularInline):
    """The status history is a record: read only here; statuses move through the portal's "Change status"."""

    model = StatusChange
    extra = 0
    fields = ("changed_at", "from_status", "to_status", "changed_by", "comment")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class OverdueFilter(admin.SimpleListFilter):
    """Recommendations and actions: their querysets' overdue()."""

    title = _("overdue")
    parameter_name = "overdue"

    def lookups(self, request, model_admin):
        return [("1", _("Overdue"))]

    def queryset(self, request, queryset):
        return queryset.overdue() if self.value() == "1" else queryset


class ReportedFilter(admin.SimpleListFilter):
    title = _("progress reports")
    parameter_name = "reported"

    def lookups(self, request, model_admin):
        return [("yes", _("At least one")), ("no", _("None yet"))]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(last_report_at__isnull=self.value() == "no")
        return queryset


class ThemeFilter(admin.SimpleListFilter):
    """A recommendation is listed under each of its themes, not only its main one."""

    title = _("theme")
    parameter_name = "theme"

    def lookups(self, request, model_admin):
        return Recommendation.Theme.choices

    def queryset(self, request, queryset):
        return queryset.with_theme(self.value()) if self.value() in Recommendation.Theme.values else queryset


class RecommendationAdminForm(forms.ModelForm):
    """The themes as the portal's form has them: checkboxes, at least one; the main theme follows them."""

    themes = forms.MultipleChoiceField(
        label=_("Themes"),
        choices=Recommendation.Theme.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one theme.")},
    )

    class Meta:
        model = Recommendation
        fields: tuple[str, ...] = ()  # the admin's fieldsets name them (the main theme is not among them)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial.setdefault("themes", [theme.value for theme in self.instance.all_themes])

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("themes"):
            self.instance.theme = main_theme(self.instance.theme, cleaned["themes"])
        return cleaned


@admin.register(Recommendation)
class RecommendationAdmin(SimpleHistoryAdmin):
    form = RecommendationAdminForm
    list_display = ("__str__", "status", "themes_shown", "priority", "lead_organization", "due_date", "last_report_at")
    list_filter = (
        "status",
        OverdueFilter,
        ReportedFilter,
        ThemeFilter,
        "priority",
        "source_kind",
        "seminar",
        "lead_organization",
        "sites",
        ("due_date", admin.DateFieldListFilter),
    )
    search_fields = ("title_en", "title_ru", "title_kk", "text", "source_reference")
    list_select_related = ("lead_organization",)
    autocomplete_fields = ("lead_organization", "supporting_organizations", "created_by")
    filter_horizontal = ("sites",)
    date_hierarchy = "due_date"
    # The status moves through transitions (recommendations.services), which record who and why.
    readonly_fields = ("last_report_at", "created_at", "updated_at")
    inlines = [ProgressReportInline, StatusChangeInline]
    history_list_display = ("status",)
    fieldsets = (
        (None, {"fields": ("title_en", "title_ru", "title_kk", "text", "text_ru", "text_kk", "themes", "priority")}),
        (
            _("Source"),
            {
                "fields": (
                    "source_kind",
                    "seminar",
                    ("decision_number", "decision_paragraph"),
                    ("icc_session", "source_year"),
                    "source_reference",
                    "source_url",
                    "source_verified",
                )
            },
        ),
        (_("Responsibility"), {"fields": ("lead_organization", "supporting_organizations", "sites", "due_date")}),
        (_("Follow-up"), {"fields": ("status", "notes", "last_report_at", "created_by", "created_at", "updated_at")}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("themes")

    @admin.display(description=_("Themes"))
    def themes_shown(self, obj: Recommendation) -> str:
        return obj.theme_labels

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        return (*fields, "status") if obj is not None else fields

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "status":
            kwargs["choices"] = [(s.value, s.label) for s in services.INITIAL_STATUSES]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if not change and obj.created_by_id is None:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.set_themes(form.instance, form.cleaned_data["themes"])

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if formset.model is ProgressReport:
            services.refresh_last_report_at(form.instance)


class ReportAdminMixin:
    """A report edited or deleted here: what is derived from the reports of the object it reports on (``report_of``:
    a recommendation's last report, an action's current value) follows, through ``refresh_parent``."""

    report_of: str

    def refresh_parent(self, parent) -> None:
        raise NotImplementedError

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        self.refresh_parent(getattr(obj, self.report_of))

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        self.refresh_parent(getattr(obj, self.report_of))

    def delete_queryset(self, request, queryset):
        parents = {getattr(report, self.report_of) for report in queryset.select_related(self.report_of)}
        super().delete_queryset(request, queryset)
        for parent in parents:
            self.refresh_parent(parent)


@admin.register(ProgressReport)
class ProgressReportAdmin(ReportAdminMixin, SimpleHistoryAdmin):
    formfield_overrides = URL_HTTPS
    fields = ("recommendation", "date", "organization", "author", "text", "evidence_url", "created_at")
    readonly_fields = ("created_at",)
    list_display = ("recommendation", "date", "organization", "author", "created_at")
    list_filter = ("date", "organization")
    search_fields = ("text", "recommendation__title_en", "recommendation__title_ru", "recommendation__title_kk")
    list_select_related = ("recommendation", "organization", "author")
    autocomplete_fields = ("recommendation", "organization", "author")
    date_hierarchy = "date"

    report_of = "recommendation"

    def refresh_parent(self, recommendation) -> None:
        services.refresh_last_report_at(recommendation)

    def save_model(self, request, obj, form, change):
        if not change and obj.author_id is None:
            obj.author = request.user
        super().save_model(request, obj, form, change)


@admin.register(StatusChange)
class StatusChangeAdmin(admin.ModelAdmin):
    list_display = ("recommendation", "from_status", "to_status", "changed_by", "changed_at")
    list_filter = ("to_status", "from_status", "changed_at")
    search_fields = ("comment", "recommendation__title_en", "recommendation__title_ru")
    list_select_related = ("recommendation", "changed_by")
    readonly_fields = ("recommendation", "from_status", "to_status", "changed_by", "changed_at", "comment")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(SdgTarget)
class SdgTargetAdmin(admin.ModelAdmin):
    """The UN's list, loaded by a migration: only the Kazakh text and whether it is official are edited here."""

    list_display = ("code", "text_en", "kk_official")
    list_filter = ("goal", "kk_official")
    search_fields = ("code", "text_en", "text_ru", "text_kk")
    readonly_fields = ("code", "goal", "position", "text_en", "text_ru")

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


# --- actions (issue 18): what each organization does about a recommendation, with its indicator ------------------


class ActionReportInline(admin.TabularInline):
    """The indicator's history is the reports' values: shown here, written by the portal's report form
    (recommendations.action_services.add_report, which checks that the action is still open)."""

    model = ActionReport
    extra = 0
    fields = ("date", "value", "organization", "author", "text", "evidence", "created_at")
    readonly_fields = fields
    show_change_link = True
    can_delete = False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("organization", "author")

    def has_add_permission(self, request, obj=None):
        return False


class ActionStatusChangeInline(admin.TabularInline):
    """A record: statuses move through the portal's "Change status", which checks the transition."""

    model = ActionStatusChange
    extra = 0
    fields = ("changed_at", "from_status", "to_status", "changed_by", "comment")
    readonly_fields = fields
    can_delete = False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("changed_by")

    def has_add_permission(self, request, obj=None):
        return False


class HandoverInline(admin.TabularInline):
    """Written by recommendations.routing (the 2022 reform of the regions); a record here."""

    model = Handover
    fk_name = "action"
    extra = 0
    fields = ("at", "from_organization", "to_organization", "reason", "comment", "by")
    readonly_fields = fields
    can_delete = False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("from_organization", "to_organization", "by")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Action)
class ActionAdmin(SimpleHistoryAdmin):
    formfield_overrides = URL_HTTPS
    list_display = ("__str__", "recommendation", "owner", "status", "due_date", "progress", "last_report_at")
    list_filter = (
        "status",
        OverdueFilter,  # ActionQuerySet.overdue(), as for recommendations
        "owner",
        ("due_date", admin.DateFieldListFilter),
        ("last_report_at", admin.EmptyFieldListFilter),
    )
    search_fields = (
        "title_en",
        "title_ru",
        "title_kk",
        "indicator_en",
        "indicator_ru",
        "indicator_kk",
        "recommendation__title_en",
        "recommendation__title_ru",
        "recommendation__title_kk",
    )
    list_select_related = ("recommendation", "owner")
    autocomplete_fields = ("recommendation", "owner", "supporting_organizations", "created_by")
    date_hierarchy = "due_date"
    # The status moves through transitions (action_services.change_status); the current value follows the reports.
    readonly_fields = (
        "status",
        "current_value",
        "current_value_on",
        "last_report_at",
        "implemented_on",
        "created_at",
        "updated_at",
    )
    inlines = [ActionReportInline, ActionStatusChangeInline, HandoverInline]
    history_list_display = ("status",)
    fieldsets = (
        (None, {"fields": ("recommendation", "title_en", "title_ru", "title_kk", "status")}),
        (_("Responsibility"), {"fields": ("owner", "supporting_organizations", "due_date")}),
        (
            _("Indicator"),
            {
                "fields": (
                    "indicator_en",
                    "indicator_ru",
                    "indicator_kk",
                    "unit",
                    ("baseline", "target"),
                    ("current_value", "current_value_on"),
                )
            },
        ),
        (_("Follow-up"), {"fields": ("last_report_at", "implemented_on", "created_by", "created_at", "updated_at")}),
    )

    @admin.display(description=_("progress"))
    def progress(self, obj: Action) -> str:
        share = obj.progress_share
        return "" if share is None else f"{share} %"

    def save_model(self, request, obj, form, change):
        if not change and obj.created_by_id is None:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # As action_services does: the owner is not also a supporting organization.
        form.instance.supporting_organizations.remove(form.instance.owner_id)


@admin.register(ActionReport)
class ActionReportAdmin(ReportAdminMixin, SimpleHistoryAdmin):
    """Reports are posted in the portal (which refuses them on a cancelled action or a closed recommendation);
    here they are read, corrected or deleted, and the action's current value and last report follow."""

    formfield_overrides = URL_HTTPS
    fields = ("action", "date", "value", "organization", "author", "text", "evidence", "evidence_url", "created_at")
    readonly_fields = ("action", "author", "created_at")
    list_display = ("action", "date", "value", "organization", "author", "created_at")
    list_filter = ("date", "organization")
    search_fields = ("text", "evidence", "action__title_en", "action__title_ru", "action__title_kk")
    list_select_related = ("action", "organization", "author")
    autocomplete_fields = ("organization",)
    date_hierarchy = "date"

    def has_add_permission(self, request) -> bool:
        return False

    report_of = "action"

    def refresh_parent(self, action) -> None:
        action_services.refresh_from_reports(action)


@admin.register(ActionStatusChange)
class ActionStatusChangeAdmin(admin.ModelAdmin):
    list_display = ("action", "from_status", "to_status", "changed_by", "changed_at")
    list_filter = ("to_status", "from_status", "changed_at")
    search_fields = ("comment", "action__title_en", "action__title_ru", "action__title_kk")
    list_select_related = ("action", "changed_by")
    readonly_fields = ("action", "from_status", "to_status", "changed_by", "changed_at", "comment")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
