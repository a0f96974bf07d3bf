"""What UNESCO designated (Designation) and the places people manage (Site)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from portal.i18n import localized
from portal.models import District, Organization, Region


class Designation(models.Model):
    """A World Heritage property or a biosphere reserve, as UNESCO records it."""

    class Kind(models.TextChoices):
        WORLD_HERITAGE = "world_heritage", _("World Heritage property")
        BIOSPHERE_RESERVE = "biosphere_reserve", _("Biosphere reserve")

    class Category(models.TextChoices):
        CULTURAL = "cultural", _("Cultural")
        NATURAL = "natural", _("Natural")
        MIXED = "mixed", _("Mixed")

    CRITERIA = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x")

    kind = models.CharField(_("kind"), max_length=32, choices=Kind, db_index=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    name_kk = models.CharField(_("name (Kazakh)"), max_length=255, blank=True)
    name_ru = models.CharField(_("name (Russian)"), max_length=255, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=255)
    unesco_ref = models.PositiveIntegerField(
        _("UNESCO reference number"), null=True, blank=True, help_text=_("World Heritage List number, e.g. 1145.")
    )
    category = models.CharField(_("category"), max_length=16, choices=Category, blank=True)
    criteria = models.CharField(
        _("criteria"), max_length=64, blank=True, help_text=_("Roman numerals separated by commas, e.g. ii,iii,v,vi.")
    )
    year = models.PositiveSmallIntegerField(_("year inscribed or designated"), null=True, blank=True)
    area_ha = models.DecimalField(_("area (ha)"), max_digits=14, decimal_places=2, null=True, blank=True)
    buffer_zone_ha = models.DecimalField(_("buffer zone (ha)"), max_digits=14, decimal_places=2, null=True, blank=True)
    core_area_ha = models.DecimalField(_("core area (ha)"), max_digits=14, decimal_places=2, null=True, blank=True)
    transition_area_ha = models.DecimalField(
        _("transition area (ha)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    is_serial = models.BooleanField(_("serial property"), default=False)
    is_transboundary = models.BooleanField(_("transboundary"), default=False)
    transboundary_countries = models.CharField(
        _("transboundary with"), max_length=255, blank=True, help_text=_("Other countries, comma separated.")
    )
    last_periodic_review = models.PositiveSmallIntegerField(
        _("year of the last periodic review"), null=True, blank=True
    )
    source_url = models.URLField(_("source of the facts"), max_length=500, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "name_en"]
        verbose_name = _("designation")
        verbose_name_plural = _("designations")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "unesco_ref"],
                condition=models.Q(unesco_ref__isnull=False),
                name="designation_unique_unesco_ref",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return localized(self, "name")

    @property
    def criteria_list(self) -> list[str]:
        return [c.strip() for c in self.criteria.split(",") if c.strip()]

    @property
    def unesco_url(self) -> str:
        if self.kind == self.Kind.WORLD_HERITAGE and self.unesco_ref:
            return f"https://whc.unesco.org/en/list/{self.unesco_ref}"
        return ""

    @property
    def next_periodic_review_year(self) -> int | None:
        """Biosphere reserves are reviewed ten years after designation or the last review."""
        if self.kind != self.Kind.BIOSPHERE_RESERVE:
            return None
        base = self.last_periodic_review or self.year
        return base + 10 if base else None


class Obligation(models.Model):
    """A dated obligation on a designation, e.g. a state of conservation report due on 1 February."""

    designation = models.ForeignKey(
        Designation, on_delete=models.CASCADE, related_name="obligations", verbose_name=_("designation")
    )
    title = models.CharField(_("title"), max_length=255)
    due_date = models.DateField(_("due date"))
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["due_date"]
        verbose_name = _("obligation")
        verbose_name_plural = _("obligations")

    def __str__(self) -> str:
        return f"{self.title} ({self.due_date})"


class SiteQuerySet(models.QuerySet):
    def for_listing(self):
        return self.select_related("managing_organization").prefetch_related(
            "regions", "districts", "designation_links__designation"
        )


class Site(models.Model):
    """A place that people manage. It may carry several designations, or be a component of one."""

    class ManagementPlan(models.TextChoices):
        NONE = "none", _("None")
        IN_PREPARATION = "in_preparation", _("In preparation")
        ADOPTED = "adopted", _("Adopted")

    class Threat(models.TextChoices):
        TOURISM_PRESSURE = "tourism_pressure", _("Tourism pressure")
        INFRASTRUCTURE = "infrastructure", _("Infrastructure development")
        FUNDING = "funding", _("Funding shortage")
        STAFF = "staff", _("Staff shortage")
        CLIMATE_WATER = "climate_water", _("Climate and water")
        GRAZING = "grazing", _("Grazing")
        LOOTING = "looting", _("Looting or vandalism")
        OTHER = "other", _("Other")

    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    name_kk = models.CharField(_("name (Kazakh)"), max_length=255, blank=True)
    name_ru = models.CharField(_("name (Russian)"), max_length=255, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=255)
    regions = models.ManyToManyField(Region, related_name="sites", verbose_name=_("regions"))
    districts = models.ManyToManyField(District, blank=True, related_name="sites", verbose_name=_("districts"))
    region_before_2022 = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="former_sites",
        verbose_name=_("region before 2022"),
        help_text=_("Where the 2022 reform moved the site, the region older documents name."),
    )
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    managing_organization = models.ForeignKey(
        Organization,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="managed_sites",
        verbose_name=_("managing organization"),
    )
    managers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="managed_sites", verbose_name=_("site managers")
    )
    description_kk = models.TextField(_("description (Kazakh)"), blank=True)
    description_ru = models.TextField(_("description (Russian)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    management_plan = models.CharField(
        _("management plan"), max_length=16, choices=ManagementPlan, default=ManagementPlan.NONE
    )
    management_plan_year = models.PositiveSmallIntegerField(_("management plan year"), null=True, blank=True)
    management_plan_url = models.URLField(_("management plan link"), max_length=500, blank=True)
    threats = models.JSONField(_("main threats"), default=list, blank=True)
    visitor_facilities = models.TextField(_("visitor facilities"), blank=True)
    source_url = models.URLField(_("source of the facts"), max_length=500, blank=True)
    designations = models.ManyToManyField(
        Designation, through="SiteDesignation", related_name="sites", verbose_name=_("designations")
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = SiteQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("site")
        verbose_name_plural = _("sites")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(latitude__isnull=True) | models.Q(latitude__gte=-90, latitude__lte=90),
                name="site_latitude_range",
            ),
            models.CheckConstraint(
                condition=models.Q(longitude__isnull=True) | models.Q(longitude__gte=-180, longitude__lte=180),
                name="site_longitude_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("sites:detail", kwargs={"slug": self.slug})

    @property
    def name(self) -> str:
        return localized(self, "name")

    @property
    def description(self) -> str:
        return localized(self, "description")

    @property
    def threat_labels(self) -> list[str]:
        labels = dict(self.Threat.choices)
        return [str(labels.get(t, t)) for t in self.threats]


class SiteDesignation(models.Model):
    """A site under a designation: the whole of it, or one component of a serial property."""

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="designation_links")
    designation = models.ForeignKey(Designation, on_delete=models.CASCADE, related_name="site_links")
    component_name = models.CharField(
        _("component name"), max_length=255, blank=True, help_text=_("The component's official name, if serial.")
    )

    class Meta:
        ordering = ["designation__kind", "designation__name_en"]
        verbose_name = _("site designation")
        verbose_name_plural = _("site designations")
        constraints = [
            models.UniqueConstraint(fields=["site", "designation"], name="site_designation_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.site} – {self.designation}"
