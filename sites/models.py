"""What UNESCO designated (Designation) and the places people manage (Site)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from portal.i18n import LocalizedText, localized, localized_text
from portal.models import District, Organization, Region
from portal.sorting import SORT_FIELDS, SortedByName
from portal.text import build_search_text, search_filter
from portal.validators import DECISION_NUMBER
from sites.factors import FACTOR_CHOICES

# Paths under /sites/ that a slug must not shadow.
RESERVED_SLUGS = frozenset({"map", "export"})


class Designation(SortedByName):
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
        _("transboundary with (English)"), max_length=255, blank=True, help_text=_("Other countries, comma separated.")
    )
    transboundary_countries_ru = models.CharField(_("transboundary with (Russian)"), max_length=255, blank=True)
    transboundary_countries_kk = models.CharField(_("transboundary with (Kazakh)"), max_length=255, blank=True)
    # Derived from the submitted PeriodicReview records (sites.services.refresh_last_periodic_review): the
    # planner, the exports and the open data read the year without a join.
    last_periodic_review = models.PositiveSmallIntegerField(
        _("year of the last periodic review"), null=True, blank=True, editable=False
    )
    source_url = models.URLField(_("source of the facts"), max_length=500, blank=True)
    notes = models.TextField(
        _("notes for editors"), blank=True, help_text=_("Sources and doubts; shown only to those who may edit.")
    )

    history = HistoricalRecords(excluded_fields=list(SORT_FIELDS))

    # Their documents (documents.Attachment); deleting this row deletes them.
    attachments = GenericRelation("documents.Attachment")

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
    def localized_transboundary_countries(self) -> LocalizedText:
        return localized_text(self, "transboundary_countries")

    @property
    def criteria_list(self) -> list[str]:
        return [c.strip() for c in self.criteria.split(",") if c.strip()]

    @property
    def criteria_display(self) -> str:
        return "".join(f"({c})" for c in self.criteria_list)

    @property
    def is_world_heritage(self) -> bool:
        return self.kind == self.Kind.WORLD_HERITAGE

    def clean(self) -> None:
        errors = {}
        unknown = [c for c in self.criteria_list if c not in self.CRITERIA]
        if unknown:
            errors["criteria"] = _("Unknown criteria: %(list)s. Use roman numerals i to x.") % {
                "list": ", ".join(unknown)
            }
        if self.kind == self.Kind.BIOSPHERE_RESERVE:
            if self.unesco_ref or self.criteria or self.category:
                errors["kind"] = _("A biosphere reserve has no World Heritage number, criteria or category.")
        elif self.core_area_ha is not None or self.transition_area_ha is not None or self.last_periodic_review:
            errors["kind"] = _("Core and transition areas and periodic reviews belong to biosphere reserves.")
        if self.is_transboundary != bool(self.transboundary_countries.strip()):
            errors["transboundary_countries"] = _(
                "Name the other countries exactly when the designation is transboundary."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def unesco_url(self) -> str:
        if self.kind == self.Kind.WORLD_HERITAGE and self.unesco_ref:
            return f"https://whc.unesco.org/en/list/{self.unesco_ref}"
        return ""

    @property
    def next_periodic_review_year(self) -> int | None:
        """Biosphere reserves are reviewed ten years after designation or the last submitted review (whose year
        `last_periodic_review` keeps: a review recorded as submitted moves this on, and its reminders stop)."""
        if self.kind != self.Kind.BIOSPHERE_RESERVE:
            return None
        base = self.last_periodic_review or self.year
        return base + 10 if base else None

    def periodic_review_overdue(self, today: dt.date | None = None) -> bool:
        year = self.next_periodic_review_year
        return year is not None and year < (today or timezone.localdate()).year


class Obligation(models.Model):
    """A dated obligation on a designation, e.g. a state of conservation report due on 1 February.

    Kept by the designation's site managers and focal points in the portal (sites.followup).
    """

    designation = models.ForeignKey(
        Designation, on_delete=models.CASCADE, related_name="obligations", verbose_name=_("designation")
    )
    title = models.CharField(_("title (English)"), max_length=255)
    title_ru = models.CharField(_("title (Russian)"), max_length=255, blank=True)
    title_kk = models.CharField(_("title (Kazakh)"), max_length=255, blank=True)
    due_date = models.DateField(
        _("due date"),
        help_text=_("Committee decisions set 1 February or 1 December for state of conservation reports."),
    )
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    decision_number = models.CharField(
        _("requested by decision"),
        max_length=32,
        blank=True,
        validators=[DECISION_NUMBER],
        help_text=_("As UNESCO writes it, e.g. 41 COM 7B.88."),
    )
    decision_paragraph = models.CharField(_("paragraph"), max_length=16, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["due_date"]
        verbose_name = _("obligation")
        verbose_name_plural = _("obligations")
        constraints = [
            models.UniqueConstraint(fields=["designation", "title", "due_date"], name="obligation_unique_per_date"),
        ]

    def __str__(self) -> str:
        return f"{self.localized_title} ({self.due_date})"

    @property
    def localized_title(self) -> LocalizedText:
        return localized_text(self, "title")


class PeriodicReview(models.Model):
    """A biosphere reserve's ten-yearly periodic review (MAB Statutory Framework, Article 9): when it is due,
    when it went in, and what the MAB International Coordinating Council (ICC) made of it.

    A submitted review moves the reserve's next review ten years on, which ends the reminders for this one.
    """

    class Status(models.TextChoices):
        DUE = "due", _("Due")
        SUBMITTED = "submitted", _("Submitted")
        EXAMINED = "examined", _("Examined by the ICC")

    class Outcome(models.TextChoices):
        MEETS = "meets_criteria", _("Meets the criteria")
        MORE_INFORMATION = "more_information", _("Further information requested")
        NOT_MEETING = "not_meeting_criteria", _("Does not yet meet the criteria")

    SUBMITTED_STATUSES = (Status.SUBMITTED, Status.EXAMINED)

    designation = models.ForeignKey(
        Designation, on_delete=models.CASCADE, related_name="periodic_reviews", verbose_name=_("biosphere reserve")
    )
    year = models.PositiveSmallIntegerField(
        _("review year"), validators=[MinValueValidator(1976), MaxValueValidator(2100)]
    )
    due_on = models.DateField(
        _("due on"), null=True, blank=True, help_text=_("Leave empty when no date was set: the end of the year.")
    )
    status = models.CharField(_("status"), max_length=16, choices=Status, default=Status.DUE)
    submitted_on = models.DateField(_("submitted on"), null=True, blank=True)
    icc_session = models.PositiveSmallIntegerField(
        _("ICC session"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(99)]
    )
    outcome = models.CharField(_("outcome"), max_length=24, choices=Outcome, blank=True)
    icc_recommendations = models.TextField(
        _("ICC recommendations"),
        blank=True,
        help_text=_("As the ICC worded them; each can be recorded in the register of recommendations."),
    )
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["designation", "-year"]
        verbose_name = _("periodic review")
        verbose_name_plural = _("periodic reviews")
        constraints = [
            models.UniqueConstraint(fields=["designation", "year"], name="periodic_review_once_per_year"),
            models.CheckConstraint(
                condition=~models.Q(status="due") | models.Q(submitted_on__isnull=True, outcome=""),
                name="periodic_review_due_has_no_submission",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.designation} ({self.year})"

    @property
    def is_submitted(self) -> bool:
        return self.status in self.SUBMITTED_STATUSES

    @property
    def due_date(self) -> dt.date:
        return self.due_on or dt.date(self.year, 12, 31)

    def clean(self) -> None:
        errors = {}
        if self.designation_id and self.designation.kind != Designation.Kind.BIOSPHERE_RESERVE:
            errors["designation"] = _("Periodic reviews belong to biosphere reserves.")
        if self.status == self.Status.DUE and (self.submitted_on or self.outcome):
            errors["status"] = _("A review with a submission date or an outcome is no longer due.")
        if self.outcome and self.status != self.Status.EXAMINED:
            errors["outcome"] = _("An outcome comes with the ICC's examination.")
        if errors:
            raise ValidationError(errors)


class SiteQuerySet(models.QuerySet):
    def for_listing(self):
        """The list, map and exports: one query per relation whatever the number of rows."""
        return self.select_related("managing_organization", "region_before_2022").prefetch_related(
            "regions",
            models.Prefetch("districts", queryset=District.objects.select_related("region")),
            models.Prefetch("designation_links", queryset=SiteDesignation.objects.select_related("designation")),
        )

    def for_detail(self):
        """The site page; its designations, components and obligations are loaded by the view in two queries."""
        return self.select_related("managing_organization", "region_before_2022").prefetch_related(
            "regions",
            models.Prefetch("districts", queryset=District.objects.select_related("region")),
            "managers",
        )

    def search(self, query: str):
        """Case-insensitive search over the names in all three languages and the designations' names."""
        condition = search_filter(query)
        return self.filter(condition) if condition else self


class Site(SortedByName):
    """A place that people manage. It may carry several designations, or be a component of one."""

    class ManagementPlan(models.TextChoices):
        NONE = "none", _("None")
        IN_PREPARATION = "in_preparation", _("In preparation")
        ADOPTED = "adopted", _("Adopted")

    # The World Heritage standard list of factors affecting properties (secondary factors; see sites.factors).
    Threat = models.TextChoices("Threat", [(code.upper(), (code, label)) for code, label in FACTOR_CHOICES])

    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    name_kk = models.CharField(_("name (Kazakh)"), max_length=255, blank=True)
    name_ru = models.CharField(_("name (Russian)"), max_length=255, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=255)
    other_names = models.CharField(
        _("also known as"),
        max_length=255,
        blank=True,
        help_text=_("Former or alternative names, comma separated (e.g. Tamgaly, Тамғалы). Searched too."),
    )
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
    visitor_facilities = models.TextField(_("visitor facilities (English)"), blank=True)
    visitor_facilities_ru = models.TextField(_("visitor facilities (Russian)"), blank=True)
    visitor_facilities_kk = models.TextField(_("visitor facilities (Kazakh)"), blank=True)
    source_url = models.URLField(_("source of the facts"), max_length=500, blank=True)
    designations = models.ManyToManyField(
        Designation, through="SiteDesignation", related_name="sites", verbose_name=_("designations")
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Denormalised for search (see portal/text.py): names, other names, designation and component names.
    # Kept up to date by save() and by sites.services.refresh_search_text when designations change.
    search_text = models.TextField(_("search text"), blank=True, default="", editable=False)

    # Their documents (documents.Attachment); deleting this row deletes them.
    attachments = GenericRelation("documents.Attachment")
    objects = SiteQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at", "search_text", *SORT_FIELDS])

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("site")
        verbose_name_plural = _("sites")
        # The catalogue's default order in each language (sites.filters.SiteFilter.apply_sort): page 1 reads
        # the first 25 entries and page 400 walks the index instead of sorting every site.
        indexes = [
            models.Index(fields=[f"sort_{language}", "id"], name=f"site_sort_{language}_idx")
            for language in ("en", "ru", "kk")
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(latitude__isnull=True) | models.Q(latitude__gte=-90, latitude__lte=90),
                name="site_latitude_range",
            ),
            models.CheckConstraint(
                condition=models.Q(longitude__isnull=True) | models.Q(longitude__gte=-180, longitude__lte=180),
                name="site_longitude_range",
            ),
            models.CheckConstraint(
                condition=models.Q(latitude__isnull=True, longitude__isnull=True)
                | models.Q(latitude__isnull=False, longitude__isnull=False),
                name="site_coordinates_both_or_neither",
            ),
            models.CheckConstraint(
                condition=models.Q(management_plan_year__isnull=True)
                | models.Q(management_plan_year__gte=1972, management_plan_year__lte=2100),
                name="site_management_plan_year_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.search_text = self.build_search_text()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("sites:detail", kwargs={"slug": self.slug})

    @property
    def name(self) -> str:
        return localized(self, "name")

    @property
    def description(self) -> LocalizedText:
        return localized_text(self, "description")

    @property
    def localized_visitor_facilities(self) -> LocalizedText:
        return localized_text(self, "visitor_facilities")

    @property
    def threat_labels(self) -> list[str]:
        labels = dict(self.Threat.choices)
        return [str(labels.get(t, t)) for t in self.threats]

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @property
    def coordinates_text(self) -> str:
        """ "43.803, 75.535": the stored decimals without trailing zeros (the sources give three places)."""
        if not self.has_coordinates:
            return ""
        return ", ".join(format(value.normalize(), "f") for value in (self.latitude, self.longitude))

    def clean(self) -> None:
        errors = {}
        if self.slug in RESERVED_SLUGS:
            errors["slug"] = _("This slug is reserved for a page of the catalogue.")
        if not isinstance(self.threats, list) or any(t not in self.Threat.values for t in self.threats):
            errors["threats"] = _("Choose threats from the World Heritage list of factors affecting properties.")
        elif len(set(self.threats)) != len(self.threats):
            errors["threats"] = _("A threat is listed twice.")
        if (self.latitude is None) != (self.longitude is None):
            errors["longitude"] = _("Give both latitude and longitude, or neither.")
        if self.management_plan == self.ManagementPlan.NONE and (self.management_plan_year or self.management_plan_url):
            errors["management_plan"] = _("A year or link needs a management plan in preparation or adopted.")
        if errors:
            raise ValidationError(errors)

    def search_parts(self, links=None) -> list[str]:
        """The texts `search_text` is built from; ``links`` are this site's SiteDesignations with designations."""
        parts = [self.name_kk, self.name_ru, self.name_en, *self.other_names.split(",")]
        for link in links if links is not None else []:
            d = link.designation
            parts += [
                d.name_kk,
                d.name_ru,
                d.name_en,
                link.component_name,
                link.component_name_ru,
                link.component_name_kk,
            ]
            if d.unesco_ref:
                parts.append(str(d.unesco_ref))
        return parts

    def build_search_text(self) -> str:
        links = []
        if self.pk:
            links = list(SiteDesignation.objects.filter(site_id=self.pk).select_related("designation"))
        return build_search_text(self.search_parts(links))


class SiteDesignation(models.Model):
    """A site under a designation: the whole of it, or one component of a serial property."""

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="designation_links")
    designation = models.ForeignKey(Designation, on_delete=models.CASCADE, related_name="site_links")
    component_name = models.CharField(
        _("component name (English)"),
        max_length=255,
        blank=True,
        help_text=_("The component's official name, if serial."),
    )
    component_name_ru = models.CharField(_("component name (Russian)"), max_length=255, blank=True)
    component_name_kk = models.CharField(_("component name (Kazakh)"), max_length=255, blank=True)

    class Meta:
        ordering = ["designation__kind", "designation__name_en"]
        verbose_name = _("site designation")
        verbose_name_plural = _("site designations")
        constraints = [
            models.UniqueConstraint(fields=["site", "designation"], name="site_designation_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.site} – {self.designation}"

    @property
    def localized_component_name(self) -> LocalizedText:
        return localized_text(self, "component_name")
