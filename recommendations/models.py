"""Recommendations and what happens to them: status changes and progress reports."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from portal.i18n import LocalizedText, localized_text
from portal.models import Organization
from portal.text import build_search_text, search_filter
from portal.validators import DECISION_NUMBER
from seminars.models import Seminar
from sites.models import Site

# A recommendation's links both ways, with the recommendation at the other end (see Recommendation.linked).
LINK_PREFETCHES = ("links_out__to_recommendation", "links_in__from_recommendation")


class RecommendationQuerySet(models.QuerySet):
    def published(self):
        """What anonymous visitors see: the public register (recommendations.public)."""
        return self.filter(published=True)

    def open(self):
        return self.filter(status__in=Recommendation.OPEN_STATUSES)

    def overdue(self, today=None):
        today = today or timezone.localdate()
        return self.open().filter(due_date__lt=today)

    def search(self, query: str):
        """The titles (any language) and the text, searched as the site list is (see portal.text)."""
        condition = search_filter(query)
        return self.filter(condition) if condition else self

    def with_theme(self, theme: str):
        """Those carrying ``theme`` among their themes (one row each: a theme is on a recommendation once)."""
        return self.filter(pk__in=RecommendationTheme.objects.filter(theme=theme).values("recommendation_id"))

    def for_listing(self):
        return self.select_related("lead_organization", "seminar").prefetch_related(
            "sites", "supporting_organizations", "themes"
        )

    def for_detail(self):
        return self.select_related("lead_organization", "seminar", "created_by").prefetch_related(
            "sites", "supporting_organizations", "sdg_targets", "themes", *LINK_PREFETCHES
        )


class Recommendation(models.Model):
    class Theme(models.TextChoices):
        SITE_MANAGEMENT = "site_management", _("Site management")
        COORDINATION = "coordination", _("Inter-agency coordination")
        TRAINING = "training", _("Training and capacity")
        FUNDING_STAFFING = "funding_staffing", _("Funding and staffing")
        MEDIA = "media", _("Media and awareness")
        TOURISM = "tourism", _("Heritage-based tourism")
        ECOLOGICAL_CORRIDORS = "ecological_corridors", _("Natural heritage and ecological corridors")
        INFRASTRUCTURE = "infrastructure", _("Infrastructure planning")
        OTHER = "other", _("Other")

    class SourceKind(models.TextChoices):
        SEMINAR = "seminar", _("Seminar")
        COMMITTEE_DECISION = "committee_decision", _("World Heritage Committee decision")
        PERIODIC_REVIEW = "periodic_review", _("Biosphere reserve periodic review")
        MISSION_REPORT = "mission_report", _("Mission report")
        OTHER = "other", _("Other")

    class Priority(models.TextChoices):
        HIGH = "high", _("High")
        MEDIUM = "medium", _("Medium")
        LOW = "low", _("Low")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        ACCEPTED = "accepted", _("Accepted")
        IN_PROGRESS = "in_progress", _("In progress")
        # "Implemented" as its owners report it, until a reviewer confirms it (issue 18; services.review).
        REPORTED = "reported", _("Reported implemented")
        IMPLEMENTED = "implemented", _("Implemented")
        NOT_ACCEPTED = "not_accepted", _("Not accepted")
        SUPERSEDED = "superseded", _("Superseded")

    OPEN_STATUSES = (Status.ACCEPTED, Status.IN_PROGRESS)

    title_kk = models.CharField(_("title (Kazakh)"), max_length=255, blank=True)
    title_ru = models.CharField(_("title (Russian)"), max_length=255, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=255, blank=True)
    text = models.TextField(_("full text (English)"), blank=True)
    text_ru = models.TextField(_("full text (Russian)"), blank=True)
    text_kk = models.TextField(_("full text (Kazakh)"), blank=True)
    # The main theme, one of `themes` (RecommendationTheme rows): the API's and the open data's `theme`, kept
    # for their consumers. Filters, pages, exports and the dashboard read all the themes.
    theme = models.CharField(_("main theme"), max_length=32, choices=Theme, db_index=True)
    source_kind = models.CharField(_("source"), max_length=32, choices=SourceKind, default=SourceKind.SEMINAR)
    seminar = models.ForeignKey(
        Seminar,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="recommendations",
        verbose_name=_("seminar"),
    )
    source_reference = models.CharField(
        _("source reference"), max_length=255, blank=True, help_text=_("E.g. decision 40 COM 7B.34, or a report title.")
    )
    decision_number = models.CharField(
        _("Committee decision"),
        max_length=32,
        blank=True,
        validators=[DECISION_NUMBER],
        help_text=_("As UNESCO writes it, e.g. 41 COM 7B.88."),
    )
    decision_paragraph = models.CharField(
        _("paragraph"), max_length=16, blank=True, help_text=_("The decision's paragraph, e.g. 5.")
    )
    icc_session = models.PositiveSmallIntegerField(
        _("ICC session"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(99)],
        help_text=_("Session of the MAB International Coordinating Council, e.g. 30."),
    )
    source_year = models.PositiveSmallIntegerField(
        _("year of the source"), null=True, blank=True, validators=[MinValueValidator(1972), MaxValueValidator(2100)]
    )
    source_url = models.URLField(_("link to the source"), max_length=500, blank=True)
    source_verified = models.BooleanField(
        _("wording checked against the source"),
        default=True,
        help_text=_("Untick when the text was not checked against the decision, review or report itself."),
    )
    sites = models.ManyToManyField(Site, blank=True, related_name="recommendations", verbose_name=_("sites"))
    sdg_targets = models.ManyToManyField(
        "SdgTarget", blank=True, related_name="recommendations", verbose_name=_("SDG targets")
    )
    lead_organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="led_recommendations",
        verbose_name=_("lead responsible organization"),
    )
    supporting_organizations = models.ManyToManyField(
        Organization, blank=True, related_name="supported_recommendations", verbose_name=_("supporting organizations")
    )
    priority = models.CharField(_("priority"), max_length=8, choices=Priority, default=Priority.MEDIUM)
    due_date = models.DateField(_("due date"), null=True, blank=True, db_index=True)
    status = models.CharField(_("status"), max_length=16, choices=Status, default=Status.PROPOSED, db_index=True)
    notes = models.TextField(
        _("notes for editors"),
        blank=True,
        help_text=_("Internal; shown only to those who may edit the recommendation."),
    )
    last_report_at = models.DateTimeField(_("last progress report"), null=True, blank=True)
    # Set by its editor (services.set_published): only published items are shown to anonymous visitors.
    published = models.BooleanField(_("published"), default=False, db_index=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, editable=False)
    # The local date of the StatusChange that made it "implemented" (None otherwise), kept by
    # services.change_status in the same transaction: the dashboard compares it with due_date in plain SQL.
    implemented_on = models.DateField(_("implemented on"), null=True, blank=True, editable=False)
    # Casefolded titles and text, rebuilt on every save (see portal.text); bulk writers fill it themselves.
    search_text = models.TextField(editable=False, blank=True, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    # Their documents (documents.Attachment); deleting this row deletes them.
    attachments = GenericRelation("documents.Attachment")
    objects = RecommendationQuerySet.as_manager()
    history = HistoricalRecords(
        excluded_fields=["updated_at", "last_report_at", "search_text", "implemented_on", "published_at"]
    )

    class Meta:
        # Undated items last on every database (PostgreSQL and SQLite disagree on where NULLs go).
        ordering = [models.F("due_date").asc(nulls_last=True), "pk"]
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(title_en="", title_ru="", title_kk=""), name="recommendation_has_a_title"
            ),
            models.CheckConstraint(
                condition=~models.Q(source_kind="seminar") | models.Q(seminar__isnull=False),
                name="recommendation_seminar_source_has_seminar",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "due_date"], name="recommendation_status_due_idx"),
            # The dashboard's "longest without a report": open items by last report (or recording) date.
            models.Index(
                Coalesce("last_report_at", "created_at"),
                "id",
                condition=models.Q(status__in=["accepted", "in_progress"]),
                name="recommendation_silent_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        self.search_text = self.compute_search_text()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"title_en", "title_ru", "title_kk", "text", "text_ru", "text_kk"} & set(
            update_fields
        ):
            kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("recommendations:detail", kwargs={"pk": self.pk})

    def compute_search_text(self) -> str:
        return build_search_text([self.title_en, self.title_ru, self.title_kk, self.text, self.text_ru, self.text_kk])

    @property
    def title(self) -> LocalizedText:
        return localized_text(self, "title")

    @property
    def localized_text(self) -> LocalizedText:
        return localized_text(self, "text")

    @property
    def all_themes(self) -> list[Recommendation.Theme]:
        """Its themes in the order of `Theme` (stable whatever the order they were chosen in); uses the
        prefetched `themes` when present, and always includes the main theme."""
        chosen = {row.theme for row in self.themes.all()} | ({self.theme} if self.theme else set())
        return [theme for theme in self.Theme if theme.value in chosen]

    @property
    def theme_labels(self) -> str:
        return ", ".join(str(theme.label) for theme in self.all_themes)

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    @property
    def responsible_organization_ids(self) -> set[int]:
        """Lead and supporting organizations (uses the prefetched supporting organizations when present)."""
        return {self.lead_organization_id, *(org.pk for org in self.supporting_organizations.all())}

    def linked(self, published_only: bool = False) -> list[tuple[str, Recommendation, int | None]]:
        """(how it reads from here, the other recommendation, the link's id when it starts here), both ways.
        Uses LINK_PREFETCHES when the queryset has them."""
        out = [(link.get_kind_display(), link.to_recommendation, link.pk) for link in self.links_out.all()]
        back = [
            (str(RecommendationLink.INVERSE[link.kind]), link.from_recommendation, None) for link in self.links_in.all()
        ]
        return [item for item in out + back if item[1].published or not published_only]

    @property
    def has_structured_source(self) -> bool:
        return bool(self.decision_number or self.icc_session or self.source_year or self.source_url)

    def is_overdue(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.is_open and self.due_date is not None and self.due_date < today


def main_theme(current: str, chosen) -> str:
    """The main theme for the themes ``chosen``: the current one while it is still among them, else the first
    chosen in the order of `Theme`."""
    chosen = set(chosen)
    if current in chosen:
        return current
    return next(theme.value for theme in Recommendation.Theme if theme.value in chosen)


class RecommendationTheme(models.Model):
    """One of a recommendation's themes (issue 18): the ecological-corridor recommendation is also about
    infrastructure planning. The main theme (`Recommendation.theme`) is one of these rows."""

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="themes", verbose_name=_("recommendation")
    )
    theme = models.CharField(_("theme"), max_length=32, choices=Recommendation.Theme)

    class Meta:
        ordering = ["recommendation_id", "theme"]
        verbose_name = _("theme of a recommendation")
        verbose_name_plural = _("themes of recommendations")
        constraints = [models.UniqueConstraint(fields=["recommendation", "theme"], name="recommendation_theme_once")]
        indexes = [models.Index(fields=["theme", "recommendation"], name="recommendation_theme_idx")]

    def __str__(self) -> str:
        return str(self.get_theme_display())


class StatusChange(models.Model):
    recommendation = models.ForeignKey(Recommendation, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(_("from"), max_length=16, choices=Recommendation.Status, blank=True)
    to_status = models.CharField(_("to"), max_length=16, choices=Recommendation.Status)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ["changed_at", "pk"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self) -> str:
        return f"{self.recommendation_id}: {self.from_status} → {self.to_status}"


class ProgressReport(models.Model):
    recommendation = models.ForeignKey(Recommendation, on_delete=models.CASCADE, related_name="progress_reports")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="progress_reports"
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="progress_reports",
        verbose_name=_("organization"),
    )
    date = models.DateField(_("date"), default=timezone.localdate)
    text = models.TextField(_("what was done"))
    evidence_url = models.URLField(_("link to evidence"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("posted at"), default=timezone.now)

    # Their documents (documents.Attachment); deleting this row deletes them.
    attachments = GenericRelation("documents.Attachment")
    history = HistoricalRecords()

    class Meta:
        ordering = ["date", "created_at", "pk"]
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        indexes = [models.Index(fields=["recommendation", "-created_at"], name="report_latest_idx")]

    def __str__(self) -> str:
        return f"{self.recommendation_id} @ {self.date}"


class SdgTarget(models.Model):
    """A target of the Sustainable Development Goals, as the United Nations adopted it (A/RES/70/1).

    Loaded by a data migration from recommendations/data/sdg_targets.json (see its "source"): the official
    English and Russian texts, and a Kazakh translation marked as not official unless an official one is known.
    """

    code = models.CharField(_("code"), max_length=8, unique=True)
    goal = models.PositiveSmallIntegerField(_("goal"))
    position = models.PositiveSmallIntegerField(_("place in the list"), unique=True)
    text_en = models.TextField(_("text (English)"))
    text_ru = models.TextField(_("text (Russian)"))
    text_kk = models.TextField(_("text (Kazakh)"), blank=True)
    kk_official = models.BooleanField(_("Kazakh text is official"), default=False)

    class Meta:
        ordering = ["position"]
        verbose_name = _("SDG target")
        verbose_name_plural = _("SDG targets")

    def __str__(self) -> str:
        return f"{self.code} {self.text}"

    @property
    def text(self) -> LocalizedText:
        return localized_text(self, "text")

    @property
    def unofficial_translation(self) -> bool:
        return self.text.language == "kk" and not self.kk_official


class RecommendationLink(models.Model):
    """A recommendation's relation to another: a duplicate of it, related to it, or superseding it."""

    class Kind(models.TextChoices):
        DUPLICATE_OF = "duplicate_of", _("Duplicate of")
        RELATED_TO = "related_to", _("Related to")
        SUPERSEDES = "supersedes", _("Supersedes")

    # How the link reads from the other end.
    INVERSE = {
        Kind.DUPLICATE_OF: _("Duplicated by"),
        Kind.RELATED_TO: _("Related to"),
        Kind.SUPERSEDES: _("Superseded by"),
    }

    from_recommendation = models.ForeignKey(Recommendation, on_delete=models.CASCADE, related_name="links_out")
    to_recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="links_in", verbose_name=_("recommendation")
    )
    kind = models.CharField(_("link"), max_length=16, choices=Kind)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        ordering = ["kind", "to_recommendation_id"]
        verbose_name = _("link between recommendations")
        verbose_name_plural = _("links between recommendations")
        constraints = [
            models.UniqueConstraint(
                fields=["from_recommendation", "to_recommendation"], name="recommendation_link_once"
            ),
            models.CheckConstraint(
                condition=~models.Q(from_recommendation=models.F("to_recommendation")),
                name="recommendation_link_not_to_itself",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_recommendation_id} {self.kind} {self.to_recommendation_id}"


# Actions, their reports and handovers live in their own module (which names Recommendation by its label).
from recommendations.action_models import Action, ActionReport, ActionStatusChange, Handover  # noqa: E402

__all__ = [
    "Action",
    "ActionReport",
    "ActionStatusChange",
    "Handover",
    "ProgressReport",
    "Recommendation",
    "RecommendationLink",
    "RecommendationQuerySet",
    "RecommendationTheme",
    "SdgTarget",
    "StatusChange",
]
