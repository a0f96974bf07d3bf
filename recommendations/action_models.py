"""Actions under a recommendation (issue 18): who does what by when, measured how, and what was reported.

A recommendation is broad ("strengthen coordination between the Akimats"); its actions each have one owner
organization, a due date and, optionally, an indicator (unit, baseline, target, current value). The owner's
focal points report on their action; the indicator's history is the values those reports gave.

"Implemented" is a request (`Action.Status.REPORTED`, as for recommendations) that a reviewer confirms or
returns with a comment; see recommendations.action_services.

`Handover` records that a recommendation passed to another organization (the 2022 reform of the regions):
the organization it was first addressed to stays in the history.

This module names the recommendation by its label only (recommendations.models imports it), so that the two
modules do not import each other.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from portal.i18n import LocalizedText, localized_text
from portal.models import Organization


class ActionQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=Action.OPEN_STATUSES)

    def overdue(self, today=None):
        """Open, and due before ``today`` (the site's local date), as a recommendation is overdue."""
        today = today or timezone.localdate()
        return self.open().filter(due_date__lt=today)

    def for_listing(self):
        return self.select_related("owner").prefetch_related("supporting_organizations")


class Action(models.Model):
    # An action's own context: in Russian and Kazakh the status agrees with "action", not "recommendation".
    class Status(models.TextChoices):
        PLANNED = "planned", pgettext_lazy("action status", "Planned")
        IN_PROGRESS = "in_progress", pgettext_lazy("action status", "In progress")
        REPORTED = "reported", pgettext_lazy("action status", "Reported implemented")
        IMPLEMENTED = "implemented", pgettext_lazy("action status", "Implemented")
        CANCELLED = "cancelled", pgettext_lazy("action status", "Cancelled")

    OPEN_STATUSES = (Status.PLANNED, Status.IN_PROGRESS)

    recommendation = models.ForeignKey(
        "recommendations.Recommendation",
        on_delete=models.CASCADE,
        related_name="actions",
        verbose_name=_("recommendation"),
    )
    title_kk = models.CharField(_("title (Kazakh)"), max_length=255, blank=True)
    title_ru = models.CharField(_("title (Russian)"), max_length=255, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=255, blank=True)
    owner = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="owned_actions", verbose_name=_("owner organization")
    )
    supporting_organizations = models.ManyToManyField(
        Organization, blank=True, related_name="supported_actions", verbose_name=_("supporting organizations")
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status, default=Status.PLANNED)
    indicator_kk = models.CharField(_("indicator (Kazakh)"), max_length=255, blank=True)
    indicator_ru = models.CharField(_("indicator (Russian)"), max_length=255, blank=True)
    indicator_en = models.CharField(_("indicator (English)"), max_length=255, blank=True)
    unit = models.CharField(_("unit"), max_length=32, blank=True, help_text=_("E.g. %, meetings, hectares."))
    baseline = models.DecimalField(_("baseline"), max_digits=14, decimal_places=2, null=True, blank=True)
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=2, null=True, blank=True)
    # The latest value a progress report gave (services keep it); its history is the reports' values.
    current_value = models.DecimalField(
        _("current value"), max_digits=14, decimal_places=2, null=True, blank=True, editable=False
    )
    current_value_on = models.DateField(_("current value measured on"), null=True, blank=True, editable=False)
    last_report_at = models.DateTimeField(_("last progress report"), null=True, blank=True, editable=False)
    implemented_on = models.DateField(_("implemented on"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ActionQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at", "last_report_at", "implemented_on"])

    class Meta:
        ordering = [models.F("due_date").asc(nulls_last=True), "pk"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(title_en="", title_ru="", title_kk=""), name="action_has_a_title"
            ),
        ]
        indexes = [
            # Reminder planning reads open actions in id order (reminders.planning).
            models.Index(
                fields=["id"], condition=models.Q(status__in=["planned", "in_progress"]), name="action_open_idx"
            ),
            models.Index(fields=["owner", "status"], name="action_owner_status_idx"),
        ]

    def __str__(self) -> str:
        return str(self.title)

    def get_absolute_url(self) -> str:
        return reverse("recommendations:action", kwargs={"pk": self.pk})

    @property
    def title(self) -> LocalizedText:
        return localized_text(self, "title")

    @property
    def indicator(self) -> LocalizedText:
        return localized_text(self, "indicator")

    @property
    def has_indicator(self) -> bool:
        return bool(self.indicator_en or self.indicator_ru or self.indicator_kk)

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    @property
    def is_done(self) -> bool:
        return self.status in (self.Status.IMPLEMENTED, self.Status.CANCELLED)

    @property
    def organization_ids(self) -> set[int]:
        """Owner and supporting organizations (uses the prefetched supporting organizations when present)."""
        return {self.owner_id, *(org.pk for org in self.supporting_organizations.all())}

    def is_overdue(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.is_open and self.due_date is not None and self.due_date < today

    @property
    def progress_share(self) -> int | None:
        """Per cent of the way from the baseline (0 when none) to the target; None without both numbers."""
        if self.target is None or self.current_value is None:
            return None
        start = self.baseline or 0
        if self.target == start:
            return 100 if self.current_value == self.target else 0
        share = round(100 * (self.current_value - start) / (self.target - start))
        return max(0, min(100, share))


class ActionReport(models.Model):
    """What the owner (or an editor) reports on an action, with its evidence and the indicator's value."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="reports", verbose_name=_("action"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="action_reports"
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="action_reports",
        verbose_name=_("organization"),
    )
    date = models.DateField(_("date"), default=timezone.localdate)
    text = models.TextField(_("what was done"))
    evidence = models.TextField(
        _("evidence"), blank=True, help_text=_("What shows it: a decree's number, minutes of a meeting, a document.")
    )
    evidence_url = models.URLField(_("link to evidence"), max_length=500, blank=True)
    value = models.DecimalField(_("indicator value"), max_digits=14, decimal_places=2, null=True, blank=True)
    created_at = models.DateTimeField(_("posted at"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        ordering = ["date", "created_at", "pk"]
        verbose_name = _("action progress report")
        verbose_name_plural = _("action progress reports")
        indexes = [models.Index(fields=["action", "-created_at"], name="action_report_latest_idx")]

    def __str__(self) -> str:
        return f"{self.action_id} @ {self.date}"


class ActionStatusChange(models.Model):
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(_("from"), max_length=16, choices=Action.Status, blank=True)
    to_status = models.CharField(_("to"), max_length=16, choices=Action.Status)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ["changed_at", "pk"]
        verbose_name = _("action status change")
        verbose_name_plural = _("action status changes")

    def __str__(self) -> str:
        return f"{self.action_id}: {self.from_status} → {self.to_status}"


class Handover(models.Model):
    """A recommendation (or one of its actions) passed from one organization to another, e.g. from the Akimat
    of Almaty region to the Akimat of Zhetisu region when the 2022 reform moved its sites there."""

    recommendation = models.ForeignKey(
        "recommendations.Recommendation", on_delete=models.CASCADE, related_name="handovers"
    )
    action = models.ForeignKey(Action, on_delete=models.CASCADE, null=True, blank=True, related_name="handovers")
    from_organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="+", verbose_name=_("from")
    )
    to_organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+", verbose_name=_("to"))

    class Reason(models.TextChoices):
        REFORM_2022 = "reform_2022", _("The 2022 reform of the regions moved its sites")
        OTHER = "other", _("Other")

    reason = models.CharField(_("reason"), max_length=16, choices=Reason, default=Reason.OTHER)
    comment = models.TextField(_("comment"), blank=True)
    at = models.DateTimeField(_("at"), default=timezone.now)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("handover")
        verbose_name_plural = _("handovers")
        constraints = [
            models.UniqueConstraint(
                fields=["recommendation", "from_organization", "to_organization"],
                condition=models.Q(action__isnull=True),
                name="handover_once_per_recommendation",
            ),
            models.UniqueConstraint(
                fields=["action", "from_organization", "to_organization"],
                condition=models.Q(action__isnull=False),
                name="handover_once_per_action",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.recommendation_id}: {self.from_organization_id} → {self.to_organization_id}"
