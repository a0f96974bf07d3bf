"""Boundaries on the map: the zones of each designation and the ecological corridors.

A geometry is stored as GeoJSON text in WGS84 with its bounding box in four indexed columns, which is what the
screening of planned works prefilters on (see zones.geometry for why there is no PostGIS column yet).
Every replacement of a boundary is kept by django-simple-history: the zone's versions.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from sites.models import Designation, Site
from zones import geometry as geo

SCHEMATIC_NOTE = _("schematic: a circle of the stated area around the site's point, replace with the official boundary")


class Accuracy(models.TextChoices):
    OFFICIAL = "official", _("Official")
    DIGITISED = "digitised", _("Digitised")
    SCHEMATIC = "schematic", _("Schematic")


class ShapeQuerySet(models.QuerySet):
    def in_bbox(self, box: tuple[float, float, float, float]):
        """Rows whose bounding box overlaps ``box`` (west, south, east, north): the screening's prefilter."""
        west, south, east, north = box
        return self.filter(min_lon__lte=east, max_lon__gte=west, min_lat__lte=north, max_lat__gte=south)


class Shape(models.Model):
    """A geometry with its bounding box: the common part of zones, corridors and planned works."""

    geojson = models.TextField(_("geometry (GeoJSON)"))
    min_lon = models.FloatField(editable=False)
    min_lat = models.FloatField(editable=False)
    max_lon = models.FloatField(editable=False)
    max_lat = models.FloatField(editable=False)

    class Meta:
        abstract = True

    def set_geometry(self, geometry) -> None:
        self.geojson = geo.to_geojson(geometry)
        self.min_lon, self.min_lat, self.max_lon, self.max_lat = geo.bbox(geometry)
        self._geometry = geometry

    @property
    def geometry(self):
        cached = getattr(self, "_geometry", None)
        if cached is None:
            cached = self._geometry = geo.from_geojson(self.geojson)
        return cached

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return (self.min_lon, self.min_lat, self.max_lon, self.max_lat)


def bbox_index(name: str) -> models.Index:
    return models.Index(fields=["min_lat", "max_lat", "min_lon", "max_lon"], name=name)


class Zone(Shape):
    """One zone of a designation (its property, buffer zone, core area...), for the whole designation or for
    one site (a component of a serial property, or a schematic circle around a site's point)."""

    class Kind(models.TextChoices):
        WH_PROPERTY = "wh_property", _("World Heritage property")
        WH_BUFFER = "wh_buffer", _("World Heritage buffer zone")
        BR_CORE = "br_core", _("Biosphere reserve core area")
        BR_BUFFER = "br_buffer", _("Biosphere reserve buffer zone")
        BR_TRANSITION = "br_transition", _("Biosphere reserve transition area")

    KINDS_OF = {
        Designation.Kind.WORLD_HERITAGE: (Kind.WH_PROPERTY, Kind.WH_BUFFER),
        Designation.Kind.BIOSPHERE_RESERVE: (Kind.BR_CORE, Kind.BR_BUFFER, Kind.BR_TRANSITION),
    }
    # Which stated area of the designation each kind is compared with.
    STATED_FIELD = {
        Kind.WH_PROPERTY: "area_ha",
        Kind.WH_BUFFER: "buffer_zone_ha",
        Kind.BR_CORE: "core_area_ha",
        Kind.BR_BUFFER: "buffer_zone_ha",
        Kind.BR_TRANSITION: "transition_area_ha",
    }

    designation = models.ForeignKey(
        Designation, on_delete=models.CASCADE, related_name="zones", verbose_name=_("designation")
    )
    site = models.ForeignKey(
        Site,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="zones",
        verbose_name=_("site"),
        help_text=_("Only for the zone of one component or site; leave empty for the whole designation."),
    )
    kind = models.CharField(_("zone"), max_length=16, choices=Kind)
    area_ha = models.FloatField(_("area (ha)"), editable=False)
    source = models.CharField(_("source"), max_length=500)
    source_date = models.DateField(_("date of the boundary"), null=True, blank=True)
    accuracy = models.CharField(_("accuracy"), max_length=16, choices=Accuracy)
    source_crs = models.CharField(_("projection of the upload"), max_length=255, blank=True, editable=False)
    warnings = models.TextField(_("warnings on upload"), blank=True, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ShapeQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["designation__name_en", "kind"]
        verbose_name = _("zone")
        verbose_name_plural = _("zones")
        indexes = [bbox_index("zone_bbox_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["designation", "kind"],
                condition=models.Q(site__isnull=True),
                name="zone_unique_per_designation",
            ),
            models.UniqueConstraint(
                fields=["designation", "site", "kind"],
                condition=models.Q(site__isnull=False),
                name="zone_unique_per_site",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.designation} – {self.get_kind_display()}"

    def get_absolute_url(self) -> str:
        return reverse("zones:detail", kwargs={"pk": self.pk})

    def clean(self) -> None:
        if self.designation_id and self.kind not in self.KINDS_OF[self.designation.kind]:
            raise ValidationError(
                {
                    "kind": _("This kind of zone does not belong to a %(kind)s.")
                    % {"kind": self.designation.get_kind_display()}
                }
            )

    @property
    def stated_area_ha(self):
        return getattr(self.designation, self.STATED_FIELD[self.kind])

    @property
    def is_schematic(self) -> bool:
        return self.accuracy == Accuracy.SCHEMATIC


class Corridor(Shape):
    """An ecological corridor or migration route (a line or an area), with the species that use it."""

    name = models.CharField(_("name"), max_length=255)
    species = models.CharField(_("species"), max_length=500)
    source = models.CharField(_("source"), max_length=500)
    source_date = models.DateField(_("date"), null=True, blank=True)
    accuracy = models.CharField(_("accuracy"), max_length=16, choices=Accuracy)
    length_km = models.FloatField(_("length (km)"), default=0, editable=False)
    area_ha = models.FloatField(_("area (ha)"), default=0, editable=False)
    source_crs = models.CharField(_("projection of the upload"), max_length=255, blank=True, editable=False)
    warnings = models.TextField(_("warnings on upload"), blank=True, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ShapeQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["name"]
        verbose_name = _("ecological corridor")
        verbose_name_plural = _("ecological corridors")
        indexes = [bbox_index("corridor_bbox_idx")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("zones:corridor", kwargs={"pk": self.pk})
