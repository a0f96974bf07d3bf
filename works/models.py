"""Planned works (a road, a power line...) and their screening against the zones and corridors.

A screening is a record of one run: what the work intersects or comes near, per site, the notices it sent
(an outbox the worker empties) and the obligations it opened on the designations concerned.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.models import Language, Organization
from sites.models import Designation, Obligation, Site
from zones.models import Corridor, Shape, ShapeQuerySet, Zone, bbox_index


def default_distance() -> int:
    return settings.WORKS_SCREENING_DISTANCE_M


class PlannedWorkQuerySet(ShapeQuerySet):
    def for_listing(self):
        return self.select_related("created_by").prefetch_related(
            models.Prefetch("screenings", queryset=Screening.objects.order_by("-screened_at", "-pk"))
        )


class PlannedWork(Shape):
    class Kind(models.TextChoices):
        ROAD = "road", _("Road")
        POWER_LINE = "power_line", _("Power line")
        PIPELINE = "pipeline", _("Pipeline")
        BUILDING = "building", _("Building")
        QUARRY = "quarry", _("Quarry")
        OTHER = "other", _("Other")

    class Stage(models.TextChoices):
        IDEA = "idea", _("Idea")
        FEASIBILITY = "feasibility", _("Feasibility study")
        DESIGN = "design", _("Design")
        APPROVAL = "approval", _("Awaiting approval")
        APPROVED = "approved", _("Approved")
        CONSTRUCTION = "construction", _("Under construction")

    title = models.CharField(_("title"), max_length=255)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind)
    stage = models.CharField(_("stage"), max_length=16, choices=Stage)
    responsible_body = models.CharField(_("responsible body"), max_length=255)
    expected_approval_date = models.DateField(_("expected approval date"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    screening_distance_m = models.PositiveIntegerField(
        _("screening distance (m)"),
        default=default_distance,
        help_text=_("Zones and corridors within this distance of the work are listed."),
    )
    length_km = models.FloatField(_("length (km)"), default=0, editable=False)
    area_ha = models.FloatField(_("area (ha)"), default=0, editable=False)
    # Shown wherever the work is: e.g. that the demo's road is invented.
    label = models.CharField(_("label"), max_length=255, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("recorded"), default=timezone.now)

    objects = PlannedWorkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("planned work")
        verbose_name_plural = _("planned works")
        indexes = [bbox_index("planned_work_bbox_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(screening_distance_m__lte=100_000), name="planned_work_distance_at_most_100km"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("works:detail", kwargs={"pk": self.pk})

    @property
    def latest_screening(self):
        screenings = list(self.screenings.all())
        return screenings[0] if screenings else None


class Screening(models.Model):
    work = models.ForeignKey(PlannedWork, on_delete=models.CASCADE, related_name="screenings")
    screened_at = models.DateTimeField(_("screened"), default=timezone.now)
    distance_m = models.PositiveIntegerField(_("distance (m)"))
    candidates = models.PositiveIntegerField(_("shapes measured"), default=0)
    site_count = models.PositiveIntegerField(_("sites concerned"), default=0)
    obligations = models.ManyToManyField(Obligation, blank=True, related_name="+", verbose_name=_("obligations"))

    class Meta:
        ordering = ["-screened_at", "-pk"]
        verbose_name = _("screening")
        verbose_name_plural = _("screenings")

    def __str__(self) -> str:
        return f"{self.work} ({self.screened_at:%Y-%m-%d})"

    def portal_url(self) -> str:
        """The screened work's page, as an absolute address for e-mails."""
        return f"{settings.PORTAL_BASE_URL}{reverse('works:detail', kwargs={'pk': self.work_id})}"


class ScreeningHit(models.Model):
    """A zone (for one site) or a corridor that the work crosses or comes within the distance of."""

    screening = models.ForeignKey(Screening, on_delete=models.CASCADE, related_name="hits")
    site = models.ForeignKey(Site, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    designation = models.ForeignKey(Designation, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    zone = models.ForeignKey(Zone, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    corridor = models.ForeignKey(Corridor, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    # What the zone was at the time, should it be replaced or deleted later.
    zone_kind = models.CharField(_("zone"), max_length=16, choices=Zone.Kind, blank=True)
    zone_accuracy = models.CharField(_("accuracy"), max_length=16, blank=True)
    inside = models.BooleanField(_("intersects"))
    length_inside_m = models.FloatField(_("length inside (m)"), default=0)
    area_inside_m2 = models.FloatField(_("area inside (m²)"), default=0)
    distance_m = models.FloatField(_("distance (m)"))

    class Meta:
        ordering = ["screening", "-inside", "distance_m", "pk"]
        verbose_name = _("screening result")
        verbose_name_plural = _("screening results")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(zone__isnull=True, corridor__isnull=False)
                | models.Q(corridor__isnull=True, designation__isnull=False),
                name="screening_hit_zone_or_corridor",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.screening_id}: {self.zone_id or self.corridor_id}"


class ScreeningNotice(models.Model):
    """One e-mail about a screening to one recipient: the outbox the worker empties (see works.tasks)."""

    screening = models.ForeignKey(Screening, on_delete=models.CASCADE, related_name="notices")
    recipient_email = models.EmailField(_("recipient e-mail"))
    recipient_name = models.CharField(_("recipient"), max_length=255, blank=True)
    language = models.CharField(_("language"), max_length=2, choices=Language, default=Language.RUSSIAN)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    organization = models.ForeignKey(Organization, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    # Set when the mail server refused the address for good (a 5xx reply): the notice is not retried.
    failed_at = models.DateTimeField(_("failed at"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        ordering = ["screening", "recipient_email"]
        verbose_name = _("screening notice")
        verbose_name_plural = _("screening notices")
        constraints = [
            models.UniqueConstraint(fields=["screening", "recipient_email"], name="screening_notice_unique_recipient"),
        ]

    def __str__(self) -> str:
        return f"{self.recipient_email} · {self.screening_id}"
