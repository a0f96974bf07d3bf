"""Reminder digests: one Delivery per recipient and cycle, listing its ReminderItems.

State lives here, in the database: planning writes the rows, sending claims them with a conditional
UPDATE, the sweeper puts back what a dead worker left behind. Redis only carries "look at these rows".
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.models import Language, Organization
from recommendations.models import Action, Recommendation
from sites.models import Designation, Obligation, Site


class DeliveryQuerySet(models.QuerySet):
    def ready_to_send(self, now=None):
        """Pending rows whose retry time (if any) has come."""
        now = now or timezone.now()
        return self.filter(status=Delivery.Status.PENDING).filter(
            models.Q(next_attempt_at__isnull=True) | models.Q(next_attempt_at__lte=now)
        )

    def for_listing(self):
        return self.select_related("organization", "user", "resend_of")


class Delivery(models.Model):
    class Kind(models.TextChoices):
        REMINDER = "reminder", _("Reminder digest")
        # Issue 19: what became of a seminar's recommendations, for the participants who asked (reminders.news).
        NEWS = "news", _("Seminar news")

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        CANCELLED = "cancelled", _("Cancelled")

    kind = models.CharField(_("kind"), max_length=8, choices=Kind, default=Kind.REMINDER, db_index=True)
    recipient_email = models.EmailField(_("recipient e-mail"))
    recipient_name = models.CharField(_("recipient"), max_length=255, blank=True)
    language = models.CharField(_("language"), max_length=2, choices=Language, default=Language.RUSSIAN)
    organization = models.ForeignKey(
        Organization,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reminder_deliveries",
        verbose_name=_("organization"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reminder_deliveries",
        verbose_name=_("site manager"),
    )
    cycle = models.DateField(_("cycle"), help_text=_("First day of the reminder cycle."), db_index=True)
    # The digest describes the situation on this day (days overdue, days left), however late it goes out.
    planned_on = models.DateField(_("planned on"))
    # 0 is the cycle's digest; 1, 2... are "send again" copies. Part of the unique key so that resends fit.
    sequence = models.PositiveSmallIntegerField(_("sequence"), default=0)
    resend_of = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="resends",
        verbose_name=_("copy of"),
    )
    reason = models.TextField(_("reason for sending again"), blank=True)
    # A news digest tells what happened in (window_start, window_end]; a reminder digest has neither.
    window_start = models.DateTimeField(_("news since"), null=True, blank=True)
    window_end = models.DateTimeField(_("news until"), null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    status = models.CharField(_("status"), max_length=16, choices=Status, default=Status.PENDING, db_index=True)
    escalated = models.BooleanField(_("escalated"), default=False)
    item_count = models.PositiveIntegerField(_("items"), default=0)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    enqueued_at = models.DateTimeField(_("queued at"), null=True, blank=True)
    claim_token = models.UUIDField(_("claim token"), null=True, blank=True)
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    plan_token = models.UUIDField(_("planning run"), null=True, blank=True, editable=False)
    last_error = models.TextField(_("last error"), blank=True)
    message_id = models.CharField(_("Message-ID"), max_length=255, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    objects = DeliveryQuerySet.as_manager()

    class Meta:
        ordering = ["-cycle", "recipient_email", "sequence"]
        verbose_name = _("reminder delivery")
        verbose_name_plural = _("reminder deliveries")
        constraints = [
            # One reminder digest and one news digest per address and cycle (a news digest's cycle is its week).
            models.UniqueConstraint(
                Lower("recipient_email"), "kind", "cycle", "sequence", name="reminder_delivery_unique_per_cycle"
            ),
            # ... and a news digest is never sent again: at most one per person and week, whatever happens.
            models.CheckConstraint(
                condition=~models.Q(kind="news") | models.Q(sequence=0, window_end__isnull=False),
                name="reminder_delivery_news_once_a_week",
            ),
            models.CheckConstraint(
                condition=models.Q(sequence=0, resend_of__isnull=True)
                | models.Q(sequence__gt=0, resend_of__isnull=False),
                name="reminder_delivery_resend_has_origin",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="sent") | models.Q(sent_at__isnull=False),
                name="reminder_delivery_sent_has_time",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="reminder_delivery_ready_idx"),
            models.Index(fields=["plan_token"], name="reminder_delivery_plan_idx"),
            models.Index(fields=["claim_token"], name="reminder_delivery_claim_idx"),
        ]

    def __str__(self) -> str:
        suffix = f" #{self.sequence}" if self.sequence else ""
        return f"{self.recipient_email} · {self.cycle:%Y-%m-%d}{suffix}"


class ReminderItem(models.Model):
    class Kind(models.TextChoices):
        OVERDUE = "overdue", _("Overdue")
        DUE_SOON = "due_soon", _("Due soon")
        STALE = "stale", _("No progress report")
        STATUTORY = "statutory", _("Statutory deadline")
        NEWS = "news", _("News of a recommendation")

    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind)
    recommendation = models.ForeignKey(
        Recommendation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reminder_items",
        verbose_name=_("recommendation"),
    )
    # An item about one action of the recommendation (issue 18): goes to the action's owner.
    # The optional subjects (action, obligation, designation) and the site have no index of their own: nothing
    # filters items by site, and the unique constraints below, which start with the subject, serve the lookups
    # by subject (deleting an action, an obligation or a designation). Each index is written for every item, and
    # planning writes about 550,000 at 100,000 recommendations with 300,000 actions (README, Performance).
    # Nor do they carry a foreign-key constraint (db_constraint=False): PostgreSQL checked each at commit, one
    # query per item and key, some 15 s of its CPU in that run. Django still applies on_delete when one of these
    # rows is deleted through the ORM; a row deleted otherwise leaves a dangling id, which the digest skips
    # (reminders.digest). The delivery and the recommendation keep their constraints.
    action = models.ForeignKey(
        Action,
        on_delete=models.CASCADE,
        db_index=False,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="reminder_items",
        verbose_name=_("action"),
    )
    obligation = models.ForeignKey(
        Obligation,
        on_delete=models.CASCADE,
        db_index=False,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="reminder_items",
        verbose_name=_("obligation"),
    )
    # A periodic review is not a row of its own: the designation stands for it.
    designation = models.ForeignKey(
        Designation,
        on_delete=models.CASCADE,
        db_index=False,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="reminder_items",
        verbose_name=_("periodic review of"),
    )
    site = models.ForeignKey(
        Site,
        on_delete=models.SET_NULL,
        db_index=False,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("site"),
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    days_overdue = models.PositiveIntegerField(_("days overdue"), default=0)
    escalated = models.BooleanField(_("escalated"), default=False)
    last_report_on = models.DateField(_("last progress report"), null=True, blank=True)

    class Meta:
        ordering = ["delivery", "pk"]
        verbose_name = _("reminder item")
        verbose_name_plural = _("reminder items")
        constraints = [
            models.UniqueConstraint(
                fields=["delivery", "recommendation"],
                condition=models.Q(recommendation__isnull=False, action__isnull=True),
                name="reminder_item_unique_recommendation",
            ),
            models.UniqueConstraint(
                fields=["action", "delivery"],
                condition=models.Q(action__isnull=False),
                name="reminder_item_unique_action",
            ),
            # An action's item names its recommendation too.
            models.CheckConstraint(
                condition=models.Q(action__isnull=True) | models.Q(recommendation__isnull=False),
                name="reminder_item_action_has_recommendation",
            ),
            models.UniqueConstraint(
                fields=["obligation", "delivery"],
                condition=models.Q(obligation__isnull=False),
                name="reminder_item_unique_obligation",
            ),
            models.UniqueConstraint(
                fields=["designation", "delivery"],
                condition=models.Q(designation__isnull=False),
                name="reminder_item_unique_review",
            ),
            models.CheckConstraint(
                condition=models.Q(
                    kind="statutory",
                    recommendation__isnull=True,
                    obligation__isnull=False,
                    designation__isnull=True,
                )
                | models.Q(
                    kind="statutory",
                    recommendation__isnull=True,
                    obligation__isnull=True,
                    designation__isnull=False,
                )
                | (
                    ~models.Q(kind="statutory")
                    & models.Q(recommendation__isnull=False, obligation__isnull=True, designation__isnull=True)
                ),
                name="reminder_item_one_subject",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.subject_id}"

    @property
    def subject_id(self) -> str:
        if self.action_id:
            return f"action {self.action_id}"
        if self.recommendation_id:
            return f"recommendation {self.recommendation_id}"
        if self.obligation_id:
            return f"obligation {self.obligation_id}"
        return f"periodic review of designation {self.designation_id}"


class LetterCounter(models.Model):
    """The last outgoing letter number of a year: taken under a row lock in the transaction that writes the
    letter, so numbers run 1, 2, 3... without gaps (a rolled-back letter gives its number back)."""

    year = models.PositiveSmallIntegerField(_("year"), primary_key=True)
    last = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("letter counter")
        verbose_name_plural = _("letter counters")

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"


class Letter(models.Model):
    """The official letter an escalated digest carries to a parent organization: numbered, dated, listing the
    overdue items of the bodies under it, in the organization's language. One per organization and cycle,
    shared by that cycle's deliveries to its addresses and by their "send again" copies."""

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="reminder_letters", verbose_name=_("addressee")
    )
    cycle = models.DateField(_("cycle"))
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveIntegerField(_("outgoing number"))
    date = models.DateField(_("date"))
    language = models.CharField(_("language"), max_length=2, choices=Language)
    item_count = models.PositiveIntegerField(_("items"), default=0)
    pdf = models.BinaryField(_("PDF"), editable=False)
    deliveries = models.ManyToManyField(Delivery, related_name="letters", verbose_name=_("deliveries"))
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        ordering = ["-year", "-number"]
        verbose_name = _("official letter")
        verbose_name_plural = _("official letters")
        constraints = [
            models.UniqueConstraint(fields=["year", "number"], name="letter_number_unique_per_year"),
            models.UniqueConstraint(fields=["organization", "cycle"], name="letter_one_per_organization_and_cycle"),
            models.CheckConstraint(condition=models.Q(number__gte=1), name="letter_number_positive"),
        ]

    def __str__(self) -> str:
        return self.reference

    def get_absolute_url(self) -> str:
        return reverse("reminders:letter", kwargs={"pk": self.pk})

    @property
    def reference(self) -> str:
        """The outgoing number as printed: year and number within it."""
        return f"{self.year}/{self.number:04d}"
