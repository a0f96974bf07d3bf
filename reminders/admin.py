"""Deliveries are records, not forms: read-only in the admin, plus "send again" with a stated reason."""

from __future__ import annotations

import datetime as dt

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.template.response import TemplateResponse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from portal.admin import OrganizationAdmin as DirectoryOrganizationAdmin
from portal.models import Organization
from reminders import services
from reminders.forms import SendAgainForm
from reminders.models import Delivery, ReminderItem
from reminders.planning import organization_reach

RESENDABLE = {Delivery.Status.SENT, Delivery.Status.FAILED, Delivery.Status.CANCELLED}


class CycleFilter(admin.SimpleListFilter):
    title = _("cycle")
    parameter_name = "cycle"

    def lookups(self, request, model_admin):
        cycles = Delivery.objects.order_by("-cycle").values_list("cycle", flat=True).distinct()[:26]
        return [(c.isoformat(), c.isoformat()) for c in cycles]

    def queryset(self, request, queryset):
        if self.value() is None:
            return queryset
        try:
            return queryset.filter(cycle=dt.date.fromisoformat(self.value()))
        except ValueError:  # a hand-edited URL: show nothing rather than fail
            return queryset.none()


class ReminderItemInline(admin.TabularInline):
    model = ReminderItem
    extra = 0
    can_delete = False
    fields = (
        "kind",
        "recommendation",
        "obligation",
        "designation",
        "site",
        "due_date",
        "days_overdue",
        "escalated",
        "last_report_on",
    )
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("recommendation", "obligation", "designation", "site")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = (
        "kind",
        "recipient_email",
        "recipient_name",
        "language",
        "cycle",
        "sequence",
        "status",
        "escalated",
        "item_count",
        "attempts",
        "sent_at",
        "short_error",
    )
    list_filter = ("kind", "status", CycleFilter, "escalated", "language")
    search_fields = ("recipient_email", "recipient_name")
    list_select_related = ("organization", "user")
    date_hierarchy = None
    actions = ["send_again"]
    inlines = [ReminderItemInline]
    fieldsets = (
        (None, {"fields": ("kind", "recipient_email", "recipient_name", "language", "organization", "user")}),
        (
            _("Cycle"),
            {
                "fields": (
                    "cycle",
                    "planned_on",
                    "sequence",
                    "resend_of",
                    "reason",
                    "requested_by",
                    "escalated",
                    "item_count",
                    "window_start",
                    "window_end",
                )
            },
        ),
        (
            _("Sending"),
            {
                "fields": (
                    "status",
                    "attempts",
                    "next_attempt_at",
                    "enqueued_at",
                    "claimed_at",
                    "sent_at",
                    "message_id",
                    "last_error",
                    "created_at",
                )
            },
        ),
    )

    def get_readonly_fields(self, request, obj=None):
        return [name for fieldset in self.fieldsets for name in fieldset[1]["fields"]]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_resend_permission(self, request) -> bool:
        return request.user.has_perm("reminders.add_delivery")

    @admin.display(description=_("last error"))
    def short_error(self, obj: Delivery) -> str:
        return obj.last_error[:80] + ("…" if len(obj.last_error) > 80 else "")

    @admin.action(description=_("Send again (with a reason)…"), permissions=["resend"])
    def send_again(self, request, queryset):
        deliveries = list(queryset.order_by("pk"))
        if "apply" in request.POST:
            form = SendAgainForm(request.POST)
            if form.is_valid():
                news = [d for d in deliveries if d.kind == Delivery.Kind.NEWS]
                deliveries = [d for d in deliveries if d.kind != Delivery.Kind.NEWS]
                skipped = [d for d in deliveries if d.status not in RESENDABLE]
                copies = [
                    services.send_again(d, reason=form.cleaned_data["reason"], requested_by=request.user)
                    for d in deliveries
                    if d.status in RESENDABLE
                ]
                if news:
                    self.message_user(
                        request,
                        _("Not sent again, news digests go out at most once a week: %(emails)s")
                        % {"emails": ", ".join(d.recipient_email for d in news)},
                        messages.WARNING,
                    )
                if copies:
                    count = len(copies)
                    self.message_user(
                        request,
                        ngettext(
                            "%(count)d delivery will be sent again.", "%(count)d deliveries will be sent again.", count
                        )
                        % {"count": count},
                        messages.SUCCESS,
                    )
                if skipped:
                    self.message_user(
                        request,
                        _("Not sent again, still waiting or being sent: %(emails)s")
                        % {"emails": ", ".join(d.recipient_email for d in skipped)},
                        messages.WARNING,
                    )
                return None
        else:
            form = SendAgainForm()
        context = {
            **self.admin_site.each_context(request),
            "title": _("Send reminder digests again"),
            "opts": self.model._meta,
            "deliveries": deliveries,
            "form": form,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "resendable": RESENDABLE,
        }
        return TemplateResponse(request, "reminders/admin/send_again.html", context)


# The directory's organization page, with who its reminder digests reach (issue 19, item 5): computed by the
# rules planning follows (reminders.planning.organization_reach), so what it says is what happens.
admin.site.unregister(Organization)


@admin.register(Organization)
class OrganizationAdmin(DirectoryOrganizationAdmin):
    list_display = (*DirectoryOrganizationAdmin.list_display, "reminder_recipients")
    list_filter = (*DirectoryOrganizationAdmin.list_filter, "reminder_recipients")
    readonly_fields = (*DirectoryOrganizationAdmin.readonly_fields, "reached")

    @admin.display(description=_("reminder digests reach"))
    def reached(self, obj: Organization) -> str:
        if obj.pk is None:
            return "—"
        reach = organization_reach(obj)
        parts = []
        if reach.mailboxes:
            parts.append(
                format_html(
                    "<p><strong>{}</strong></p><ul>{}</ul>",
                    _("Shared mailbox"),
                    format_html_join("", "<li>{}</li>", ((email,) for email in reach.mailboxes)),
                )
            )
        if reach.fallback:
            parts.append(format_html("<p>{}</p>", _("No active focal point: the shared mailbox receives them.")))
        if reach.people:
            parts.append(
                format_html(
                    "<p><strong>{}</strong></p><ul>{}</ul>",
                    _("Focal points"),
                    format_html_join(
                        "",
                        "<li>{} &lt;{}&gt; · {}</li>",
                        (
                            (user.full_name or user.email, user.email, user.get_reminder_frequency_display())
                            for user in reach.people
                        ),
                    ),
                )
            )
        if not parts:
            return _("Nobody: the organization has no contact e-mail and no focal point who receives its digests.")
        parts.append(
            format_html("<p>{}</p>", _("Escalations to this organization reach its focal points whatever they chose."))
            if reach.people
            else ""
        )
        return format_html_join("", "{}", ((part,) for part in parts))
