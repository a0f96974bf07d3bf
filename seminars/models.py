"""Seminars, the people who take part across seminars, and their registrations."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, F
from django.db.models.functions import Coalesce, Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from portal.i18n import LocalizedText, localized, localized_text
from portal.models import Language, Organization, Region
from portal.sorting import SortedByName
from portal.text import normalise_email
from portal.validators import validate_email_fits_when_lowercased
from sites.models import Site


class Project(SortedByName):
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    name_kk = models.CharField(_("name (Kazakh)"), max_length=255, blank=True)
    name_ru = models.CharField(_("name (Russian)"), max_length=255, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=255)

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return localized(self, "name")


def parse_reminder_days(value: str) -> list[int]:
    """ "3, 1" as [3, 1]: distinct whole days from 1 to 60, largest first."""
    days = set()
    for part in (value or "").replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        if not part.isdigit() or not 1 <= int(part) <= 60:
            raise ValidationError(_("Give whole numbers of days from 1 to 60, separated by commas."))
        days.add(int(part))
    return sorted(days, reverse=True)


def validate_reminder_days(value: str) -> None:
    parse_reminder_days(value)


class SeminarQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status__in=[Seminar.Status.PUBLISHED, Seminar.Status.COMPLETED])

    def public(self):
        """What anyone may see: everything but drafts (a cancelled seminar stays visible, marked cancelled)."""
        return self.exclude(status=Seminar.Status.DRAFT)

    def visible_to(self, user):
        """The public seminars, plus the drafts this user may manage (all drafts for admins): the list filter of
        the rule "seminars.view_seminar" (seminars.permissions), by the same role predicates."""
        from portal import roles

        if roles.is_admin(user):
            return self.all()
        visible = models.Q(status__in=[s for s in Seminar.Status.values if s != Seminar.Status.DRAFT])
        if roles.is_organizer(user) and user.organization_id:
            visible |= models.Q(organizers=user.organization_id)
        # Filtering on the many-to-many can repeat a row; an id subquery keeps the listing free of DISTINCT.
        return self.filter(pk__in=Seminar.objects.filter(visible).values("pk"))

    def for_listing(self):
        return self.select_related("region", "project").prefetch_related("sites")


class Seminar(models.Model):
    class Kind(models.TextChoices):
        SEMINAR = "seminar", _("Seminar")
        WORKSHOP = "workshop", _("Training workshop")
        ROUND_TABLE = "round_table", _("Round table")
        FIELD_VISIT = "field_visit", _("Field visit")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        CANCELLED = "cancelled", _("Cancelled")
        COMPLETED = "completed", _("Completed")

    class RegistrationState(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    title_kk = models.CharField(_("title (Kazakh)"), max_length=255, blank=True)
    title_ru = models.CharField(_("title (Russian)"), max_length=255, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=255, blank=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind, default=Kind.SEMINAR)
    project = models.ForeignKey(
        Project, on_delete=models.PROTECT, null=True, blank=True, related_name="seminars", verbose_name=_("project")
    )
    organizers = models.ManyToManyField(
        Organization, related_name="organized_seminars", verbose_name=_("organizing organizations")
    )
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    venue = models.CharField(_("venue (English)"), max_length=255, blank=True)
    venue_ru = models.CharField(_("venue (Russian)"), max_length=255, blank=True)
    venue_kk = models.CharField(_("venue (Kazakh)"), max_length=255, blank=True)
    city = models.CharField(_("city (English)"), max_length=128, blank=True)
    city_ru = models.CharField(_("city (Russian)"), max_length=128, blank=True)
    city_kk = models.CharField(_("city (Kazakh)"), max_length=128, blank=True)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, null=True, blank=True, related_name="seminars", verbose_name=_("region")
    )
    sites = models.ManyToManyField(Site, blank=True, related_name="seminars", verbose_name=_("sites"))
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True, help_text=_("Empty: no limit."))
    registration_state = models.CharField(
        _("registration"), max_length=8, choices=RegistrationState, default=RegistrationState.CLOSED
    )
    registration_deadline = models.DateTimeField(_("registration deadline"), null=True, blank=True)
    public_registration = models.BooleanField(_("the public may self-register"), default=False)
    agenda = models.TextField(_("agenda (English)"), blank=True)
    agenda_ru = models.TextField(_("agenda (Russian)"), blank=True)
    agenda_kk = models.TextField(_("agenda (Kazakh)"), blank=True)
    outcome_summary = models.TextField(_("outcome summary (English)"), blank=True)
    outcome_summary_ru = models.TextField(_("outcome summary (Russian)"), blank=True)
    outcome_summary_kk = models.TextField(_("outcome summary (Kazakh)"), blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status, default=Status.DRAFT, db_index=True)
    feedback_anonymous = models.BooleanField(
        _("anonymous feedback"),
        default=True,
        help_text=_("Answers to the feedback form are kept without the participant's name."),
    )
    reminder_days = models.CharField(
        _("reminders before the seminar"),
        max_length=32,
        blank=True,
        default="3, 1",
        validators=[validate_reminder_days],
        help_text=_("Days before the start, separated by commas (the default: 3 and 1 days before). Empty: none."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    # Their documents (documents.Attachment); deleting this row deletes them.
    attachments = GenericRelation("documents.Attachment")
    objects = SeminarQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-start"]
        verbose_name = _("seminar")
        verbose_name_plural = _("seminars")
        constraints = [
            models.CheckConstraint(condition=models.Q(end__gte=models.F("start")), name="seminar_ends_after_start"),
            models.CheckConstraint(
                condition=~models.Q(title_en="", title_ru="", title_kk=""), name="seminar_has_a_title"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("seminars:detail", kwargs={"slug": self.slug})

    @property
    def title(self) -> LocalizedText:
        return localized_text(self, "title")

    @property
    def localized_venue(self) -> LocalizedText:
        return localized_text(self, "venue")

    @property
    def localized_city(self) -> LocalizedText:
        return localized_text(self, "city")

    @property
    def localized_agenda(self) -> LocalizedText:
        return localized_text(self, "agenda")

    @property
    def localized_outcome_summary(self) -> LocalizedText:
        return localized_text(self, "outcome_summary")

    def registration_is_open(self, now=None) -> bool:
        now = now or timezone.now()
        if self.status != self.Status.PUBLISHED or self.registration_state != self.RegistrationState.OPEN:
            return False
        if now > self.end:
            return False
        return self.registration_deadline is None or now <= self.registration_deadline

    @property
    def self_registration_is_open(self) -> bool:
        return self.public_registration and self.registration_is_open()

    @property
    def is_upcoming(self) -> bool:
        return self.start > timezone.now()

    @property
    def reminder_day_list(self) -> list[int]:
        try:
            return parse_reminder_days(self.reminder_days)
        except ValidationError:
            return []


class Gender(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    ANOTHER = "another", _("Another")
    NOT_STATED = "not_stated", _("Not stated")


class ContactDetails(models.Model):
    """What someone gives about themselves when they register: held by a person and by each registration."""

    Gender = Gender

    full_name = models.CharField(_("full name"), max_length=255)
    email = models.EmailField(_("e-mail"), null=True, blank=True, validators=[validate_email_fits_when_lowercased])
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    organization_name = models.CharField(
        _("organization name"),
        max_length=255,
        blank=True,
        help_text=_("When the organization is not in the directory."),
    )
    organization_kind = models.CharField(_("organization kind"), max_length=32, choices=Organization.Kind, blank=True)
    position = models.CharField(_("position"), max_length=255, blank=True)
    gender = models.CharField(_("gender"), max_length=16, choices=Gender, default=Gender.NOT_STATED)
    language = models.CharField(_("preferred language"), max_length=2, choices=Language, default=Language.RUSSIAN)
    consent_at = models.DateTimeField(_("consent to personal data processing given"), null=True, blank=True)
    # Which wording of the consent was agreed to (seminars.privacy.CONSENT_VERSION at the time).
    consent_version = models.CharField(_("consent text version"), max_length=16, blank=True)
    # Set when the retention task or an admin erased the details; what is left serves the statistics only.
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        # Store e-mails lower-cased and empty ones as NULL, so unique indexes ignore people without one.
        self.email = normalise_email(self.email) or None
        super().save(*args, **kwargs)

    @property
    def organization_display(self) -> str:
        return self.organization.name if self.organization_id else self.organization_name

    @property
    def effective_organization_kind(self) -> str:
        return self.organization.kind if self.organization_id else self.organization_kind


CONTACT_FIELDS = (
    "full_name",
    "email",
    "phone",
    "organization",
    "organization_name",
    "organization_kind",
    "position",
    "gender",
    "language",
    "consent_at",
    "consent_version",
)


class Person(ContactDetails):
    """Who a registration belongs to, across seminars and organizations: a private identity only admins see.

    Organizers never read or change it. What they see and edit are the contact details held on their own
    seminars' registrations; the person's fields are what was given on their first registration, kept for
    the admins who merge records.
    """

    organization = models.ForeignKey(
        Organization,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="participants",
        verbose_name=_("organization"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["full_name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        indexes = [models.Index(fields=["id", "full_name"], name="person_id_full_name_idx")]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                name="person_email_unique_ci",
                violation_error_message=_("Another person on record has this e-mail."),
            ),
            models.CheckConstraint(
                condition=(models.Q(email__isnull=False) & ~models.Q(email=""))
                | ~models.Q(phone="")
                | models.Q(anonymised_at__isnull=False),
                name="person_email_or_phone",
                violation_error_message=_("Give an e-mail or a phone."),
            ),
        ]

    def __str__(self) -> str:
        return self.full_name or _("anonymised person #%(pk)s") % {"pk": self.pk}

    def get_absolute_url(self) -> str:
        return reverse("seminars:person", kwargs={"pk": self.pk})


class RegistrationQuerySet(models.QuerySet):
    def active(self):
        """Those who hold a seat."""
        return self.filter(status__in=Registration.SEAT_HOLDING)

    def not_cancelled(self):
        return self.exclude(status=Registration.Status.CANCELLED)

    def waitlisted(self):
        return self.filter(status=Registration.Status.WAITLISTED).order_by("created_at", "pk")

    def for_listing(self):
        return self.select_related("organization", "registered_by")

    def for_person_record(self):
        return self.select_related("seminar", "seminar__region").order_by("-seminar__start")

    def status_counts(self) -> dict[str, int]:
        """Registrations by status, every status present (one query)."""
        rows = self.values_list("status").annotate(n=Count("pk")).order_by()
        return {**dict.fromkeys(Registration.Status.values, 0), **dict(rows)}

    def statistics(self) -> dict[str, Any]:
        """Counts by status, and by gender and organization kind of those who held a seat (three queries)."""
        Status = Registration.Status
        by_status = self.status_counts()
        seated = self.filter(status__in=Registration.SEAT_HOLDING)
        by_gender_rows = seated.values_list("gender", "status").annotate(n=Count("pk")).order_by()
        kind = Coalesce(F("organization__kind"), F("organization_kind"))
        by_kind_rows = seated.annotate(kind=kind).values_list("kind").annotate(n=Count("pk")).order_by()

        gender_labels = dict(Person.Gender.choices)
        genders = {g: {"label": gender_labels[g], "seated": 0, "attended": 0} for g in Person.Gender.values}
        for gender, status, n in by_gender_rows:
            genders[gender]["seated"] += n
            if status == Status.ATTENDED:
                genders[gender]["attended"] += n
        kind_labels = dict(Organization.Kind.choices)
        kinds = sorted(
            ({"label": kind_labels.get(k, "") if k else None, "count": n} for k, n in by_kind_rows),
            key=lambda row: -row["count"],
        )
        status_labels = dict(Status.choices)
        return {
            "by_status": [
                {"status": s, "label": status_labels[s], "count": by_status.get(s, 0)} for s in Status.values
            ],
            "seated": sum(by_status.get(s, 0) for s in Registration.SEAT_HOLDING),
            "by_gender": list(genders.values()),
            "by_kind": kinds,
        }


class Registration(ContactDetails):
    """A place on one seminar, with the contact details given for it.

    The details belong to the organization that runs the seminar: its organizers see and edit them here,
    and nothing typed for another organization's seminar reads or changes them.
    """

    class Status(models.TextChoices):
        REGISTERED = "registered", _("Registered")
        WAITLISTED = "waitlisted", _("Waiting list")
        CANCELLED = "cancelled", _("Cancelled")
        ATTENDED = "attended", _("Attended")
        NO_SHOW = "no_show", _("No-show")

    class Source(models.TextChoices):
        ORGANIZER = "organizer", _("Organizer")
        SELF = "self", _("Self-registration")
        IMPORT = "import", _("Import")
        INVITATION = "invitation", _("Invitation")

    seminar = models.ForeignKey(Seminar, on_delete=models.CASCADE, related_name="registrations")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="registrations")
    organization = models.ForeignKey(
        Organization,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="participant_registrations",
        verbose_name=_("organization"),
    )
    status = models.CharField(_("status"), max_length=16, choices=Status, default=Status.REGISTERED, db_index=True)
    source = models.CharField(_("source"), max_length=16, choices=Source, default=Source.ORGANIZER)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("registered at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    promoted_at = models.DateTimeField(_("promoted from the waiting list at"), null=True, blank=True)
    # The e-mail tasks claim these (UPDATE ... WHERE ... IS NULL) before sending, so a retried or duplicated
    # task never mails twice.
    confirmation_sent_at = models.DateTimeField(_("confirmation e-mailed at"), null=True, blank=True)
    # The thank-you with the feedback form (issue 20): claimed like the other e-mails; feedback_given_at says
    # the form was answered once, never which answers were this person's when the feedback is anonymous.
    feedback_requested_at = models.DateTimeField(_("feedback asked for at"), null=True, blank=True)
    feedback_given_at = models.DateTimeField(_("feedback given at"), null=True, blank=True)
    promotion_notified_at = models.DateTimeField(_("promotion e-mailed at"), null=True, blank=True)
    # The participant asked for news of the seminar's recommendations (issue 19): when, or None. The weekly
    # news digest (reminders.news) reads it; the signed link in that digest sets it back to None.
    news_opt_in_at = models.DateTimeField(_("news of the recommendations requested at"), null=True, blank=True)

    objects = RegistrationQuerySet.as_manager()
    history = HistoricalRecords(
        excluded_fields=[
            "updated_at",
            "confirmation_sent_at",
            "promotion_notified_at",
            "feedback_requested_at",
            "feedback_given_at",
        ]
    )

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(fields=["seminar", "person"], name="registration_unique_person_seminar"),
            models.UniqueConstraint(
                "seminar",
                Lower("email"),
                name="registration_unique_email_seminar",
                violation_error_message=_("Someone on this seminar's list already has this e-mail."),
            ),
            models.CheckConstraint(
                condition=(models.Q(email__isnull=False) & ~models.Q(email=""))
                | ~models.Q(phone="")
                | models.Q(anonymised_at__isnull=False),
                name="registration_email_or_phone",
                violation_error_message=_("Give an e-mail or a phone."),
            ),
        ]
        indexes = [
            models.Index(fields=["seminar", "status", "created_at"], name="registration_queue_idx"),
            # The participant list in name order (DeferredJoinPaginator).
            models.Index(fields=["seminar", "full_name", "id"], name="registration_name_idx"),
        ]

    SEAT_HOLDING = (Status.REGISTERED, Status.ATTENDED)

    def __str__(self) -> str:
        return f"{self.full_name} – {self.seminar}"

    @property
    def holds_seat(self) -> bool:
        return self.status in self.SEAT_HOLDING


class PendingImport(models.Model):
    """A participant list uploaded and not confirmed yet (seminars.import_store): the parsed table, the column
    mapping chosen and whether it validated. It holds personal data: only the user who uploaded it reaches it,
    and it is deleted on confirmation, on a new upload, or after a day (seminars.purge_stale_imports)."""

    seminar = models.ForeignKey(Seminar, on_delete=models.CASCADE, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    table = models.JSONField()  # imports.Table.to_json(): headers and cells, never the uploaded bytes
    # The name the browser gave, as text for the run's record (ImportRun.file_name); never a path on disk.
    file_name = models.CharField(max_length=255, blank=True, default="")
    mapping = models.JSONField(default=list)
    attempted = models.BooleanField(default=False)  # a mapping was submitted
    validated = models.BooleanField(default=False)  # ... the mapping passed and the rows were checked
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["seminar", "created_by"], name="pending_import_one_per_user_seminar"),
        ]

    def __str__(self) -> str:
        return f"import #{self.pk} into seminar #{self.seminar_id}"


class ImportRunQuerySet(models.QuerySet):
    def for_history(self) -> ImportRunQuerySet:
        """The runs of the import pages: newest first, with who ran them and whether the rows not imported can
        still be downloaded, without loading the stored file itself."""
        downloadable = models.Q(problems_file__isnull=False, created_at__gt=timezone.now() - ImportRun.PROBLEMS_KEPT)
        return (
            self.select_related("created_by")
            .defer("problems_file")
            .annotate(has_problems_file=models.ExpressionWrapper(downloadable, output_field=models.BooleanField()))
            .order_by("-created_at", "-pk")
        )


class ImportRun(models.Model):
    """One confirmed participant import: who ran it, when, on which file, and what came of its rows.

    The counts stay. The rows that were not imported (personal data) are kept only as ``problems_file``, the
    XLSX given back to fix them, for PROBLEMS_KEPT; the hourly purge (seminars.purge_stale_imports) then
    empties it (seminars.import_runs.purge_expired_problem_files).
    """

    PROBLEMS_KEPT = dt.timedelta(days=7)

    class Mode(models.TextChoices):
        ALL_ROWS = "all", _("all rows")
        VALID_ROWS = "valid", _("valid rows only")

    seminar = models.ForeignKey(
        Seminar, on_delete=models.CASCADE, related_name="import_runs", verbose_name=_("seminar")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("imported by"),
    )
    created_at = models.DateTimeField(_("imported at"), default=timezone.now, db_index=True)
    file_name = models.CharField(_("file name"), max_length=255, blank=True)
    mode = models.CharField(_("mode"), max_length=8, choices=Mode.choices, default=Mode.ALL_ROWS)
    rows = models.PositiveIntegerField(_("rows in the file"), default=0)
    imported = models.PositiveIntegerField(_("imported"), default=0)
    waitlisted = models.PositiveIntegerField(_("of them on the waiting list"), default=0)
    skipped = models.PositiveIntegerField(_("skipped as already registered"), default=0)
    invalid = models.PositiveIntegerField(_("invalid rows"), default=0)
    problems_file = models.BinaryField(_("rows not imported (XLSX)"), null=True, blank=True, editable=False)

    objects = ImportRunQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("participant import")
        verbose_name_plural = _("participant imports")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(waitlisted__lte=F("imported"))
                & models.Q(rows=F("imported") + F("skipped") + F("invalid")),
                name="import_run_counts_add_up",
            ),
        ]

    def __str__(self) -> str:
        return f"import #{self.pk} into seminar #{self.seminar_id}"

    def get_absolute_url(self) -> str:
        return reverse("seminars:import_run", kwargs={"slug": self.seminar.slug, "pk": self.pk})

    @property
    def problems_until(self) -> dt.datetime:
        """Until when the rows not imported can be downloaded."""
        return self.created_at + self.PROBLEMS_KEPT


class SelfRegistrationRequest(models.Model):
    """A self-registration waiting for its e-mail address to be confirmed: no seat is held until the link in
    the e-mail is followed, so nobody takes seats with addresses that are not theirs."""

    LINK_VALID = dt.timedelta(hours=24)  # how long the e-mailed link works (and the request is kept)

    seminar = models.ForeignKey(Seminar, on_delete=models.CASCADE, related_name="+")
    email = models.EmailField(_("e-mail"), validators=[validate_email_fits_when_lowercased])
    details = models.JSONField(_("details given"))
    token_hash = models.CharField(max_length=64, unique=True)  # sha256 of the link's token; the token is not kept
    created_at = models.DateTimeField(_("created"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("self-registration awaiting confirmation")
        verbose_name_plural = _("self-registrations awaiting confirmation")
        indexes = [models.Index(fields=["email", "created_at"], name="selfreg_request_email_idx")]

    def __str__(self) -> str:
        return f"{self.email} – {self.seminar_id}"


class CertificateQuerySet(models.QuerySet):
    def valid(self) -> CertificateQuerySet:
        return self.filter(revoked_at__isnull=True)


class Certificate(models.Model):
    """An attendance certificate: issued to one registration the first time it is downloaded (alone or in the
    seminar's ZIP), checked by anyone at /verify/<code>/, revoked by an organizer.

    The name is kept as it was printed, so the verification page says what the paper says even if the
    registration is corrected later; a corrected name needs the old certificate revoked and a new one issued.
    """

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="certificates", verbose_name=_("registration")
    )
    code = models.CharField(_("code"), max_length=16, unique=True)
    full_name = models.CharField(_("name printed"), max_length=255)
    language = models.CharField(_("language"), max_length=2, choices=Language)
    issued_at = models.DateTimeField(_("issued"), default=timezone.now)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = CertificateQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_at", "-pk"]
        verbose_name = _("attendance certificate")
        verbose_name_plural = _("attendance certificates")
        constraints = [
            # Two downloads at once issue one certificate: the second insert fails and reads the first's.
            models.UniqueConstraint(
                fields=["registration"],
                condition=models.Q(revoked_at__isnull=True),
                name="certificate_one_valid_per_registration",
            ),
        ]

    def __str__(self) -> str:
        return self.display_code

    def get_absolute_url(self) -> str:
        return reverse("seminars:verify_certificate", kwargs={"code": self.display_code})

    @property
    def display_code(self) -> str:
        return "-".join(self.code[i : i + 4] for i in range(0, len(self.code), 4))

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None


class CertificateBatch(models.Model):
    """The ZIP of a seminar's certificates, made by the worker (seminars.make_certificate_zip), with its
    progress for the page that polls it. The ZIP is kept in the row (like ImportRun.problems_file) and
    replaced by the next batch of the same seminar."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Being made")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    seminar = models.ForeignKey(
        Seminar, on_delete=models.CASCADE, related_name="certificate_batches", verbose_name=_("seminar")
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("requested"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=8, choices=Status, default=Status.QUEUED)
    total = models.PositiveIntegerField(_("certificates"), default=0)
    done = models.PositiveIntegerField(_("made"), default=0)
    zip_file = models.BinaryField(_("ZIP"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("certificate ZIP")
        verbose_name_plural = _("certificate ZIPs")
        constraints = [
            models.CheckConstraint(condition=models.Q(done__lte=F("total")), name="certificate_batch_done_le_total"),
        ]

    def __str__(self) -> str:
        return f"certificates of seminar #{self.seminar_id} ({self.status})"

    @property
    def percent(self) -> int:
        return 100 if not self.total else round(100 * self.done / self.total)

    @property
    def in_progress(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)


class InvitationQuerySet(models.QuerySet):
    def for_listing(self):
        return self.select_related("organization", "registration").order_by("created_at", "pk")

    def unanswered(self):
        return self.filter(status__in=Invitation.UNANSWERED)

    def status_counts(self) -> dict[str, int]:
        rows = self.values_list("status").annotate(n=Count("pk")).order_by()
        return {**dict.fromkeys(Invitation.Status.values, 0), **dict(rows)}


class Invitation(models.Model):
    """An invitation to one seminar, sent to a person or to an organization's contact address (issue 20).

    Its e-mail carries a personal link (seminars.invitations) that opens the registration form filled in, and
    a one-click decline. The organizer sees who was invited, opened the link, registered or declined, and
    reminds those who have not answered.
    """

    class Status(models.TextChoices):
        INVITED = "invited", _("Invited")
        OPENED = "opened", _("Opened")
        REGISTERED = "registered", _("Registered")
        DECLINED = "declined", _("Declined")

    UNANSWERED = (Status.INVITED, Status.OPENED)

    seminar = models.ForeignKey(Seminar, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("e-mail"), validators=[validate_email_fits_when_lowercased])
    full_name = models.CharField(_("full name"), max_length=255, blank=True)
    organization = models.ForeignKey(
        Organization,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("invited organization"),
    )
    language = models.CharField(_("language"), max_length=2, choices=Language, default=Language.RUSSIAN)
    status = models.CharField(_("status"), max_length=16, choices=Status, default=Status.INVITED, db_index=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("invited at"), default=timezone.now)
    # Claimed by the e-mail tasks before sending (UPDATE ... WHERE ... IS NULL / reminders_sent = n).
    sent_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)
    reminders_sent = models.PositiveSmallIntegerField(_("reminders sent"), default=0)
    reminded_at = models.DateTimeField(_("last reminded at"), null=True, blank=True)
    opened_at = models.DateTimeField(_("opened at"), null=True, blank=True)
    responded_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    registration = models.ForeignKey(
        Registration, on_delete=models.SET_NULL, null=True, blank=True, related_name="invitations"
    )

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint("seminar", Lower("email"), name="invitation_unique_email_seminar"),
        ]

    def __str__(self) -> str:
        return f"{self.email} – {self.seminar_id}"

    def save(self, *args, **kwargs):
        self.email = normalise_email(self.email)
        super().save(*args, **kwargs)


class SeminarReminder(models.Model):
    """A reminder e-mailed to a registered (or waiting-list) participant ``days`` before the seminar.

    The row is written before the e-mail goes (and removed if it fails): the unique constraint makes each
    reminder go exactly once per registration, whichever worker or retry gets there first.
    """

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="seminar_reminders")
    days = models.PositiveSmallIntegerField(_("days before"))
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        verbose_name = _("reminder before the seminar")
        verbose_name_plural = _("reminders before the seminar")
        constraints = [
            models.UniqueConstraint(fields=["registration", "days"], name="seminar_reminder_once"),
        ]

    def __str__(self) -> str:
        return f"{self.registration_id}: {self.days}"


class FeedbackQuestion(models.Model):
    """One question of a seminar's feedback form (issue 20, item 3)."""

    class Kind(models.TextChoices):
        RATING = "rating", _("Rating from 1 to 5")
        CHOICE = "choice", _("One choice from a list")
        TEXT = "text", _("Free text")

    RATINGS = (1, 2, 3, 4, 5)

    seminar = models.ForeignKey(Seminar, on_delete=models.CASCADE, related_name="feedback_questions")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    kind = models.CharField(_("kind"), max_length=8, choices=Kind, default=Kind.RATING)
    text = models.CharField(_("question (English)"), max_length=255, blank=True)
    text_ru = models.CharField(_("question (Russian)"), max_length=255, blank=True)
    text_kk = models.CharField(_("question (Kazakh)"), max_length=255, blank=True)
    choices = models.TextField(_("choices"), blank=True, help_text=_("For a choice: one option a line."))
    choices_ru = models.TextField(_("choices (Russian)"), blank=True)
    choices_kk = models.TextField(_("choices (Kazakh)"), blank=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("feedback question")
        verbose_name_plural = _("feedback questions")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(text="", text_ru="", text_kk=""), name="feedback_question_has_text"
            ),
        ]

    def __str__(self) -> str:
        return str(self.localized_text)

    @property
    def localized_text(self) -> LocalizedText:
        return localized_text(self, "text")

    def options(self, language: str | None = None) -> list[str]:
        """The choices in the reader's language (the English list when that language has none)."""
        text = localized_text(self, "choices", language)
        return [line.strip() for line in str(text).splitlines() if line.strip()]

    def option_count(self) -> int:
        return len([line for line in self.choices.splitlines() if line.strip()]) or len(self.options())


class FeedbackResponse(models.Model):
    """One participant's answers. Anonymous (no registration) unless the seminar's feedback is not."""

    seminar = models.ForeignKey(Seminar, on_delete=models.CASCADE, related_name="feedback_responses")
    registration = models.ForeignKey(Registration, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    # The day only: the exact time could tell who answered from when each one was mailed.
    submitted_on = models.DateField(_("submitted on"), default=timezone.localdate)

    class Meta:
        verbose_name = _("feedback response")
        verbose_name_plural = _("feedback responses")

    def __str__(self) -> str:
        return f"feedback #{self.pk} on seminar #{self.seminar_id}"


class FeedbackAnswer(models.Model):
    response = models.ForeignKey(FeedbackResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(FeedbackQuestion, on_delete=models.CASCADE, related_name="answers")
    rating = models.PositiveSmallIntegerField(null=True, blank=True)
    choice = models.PositiveSmallIntegerField(null=True, blank=True)  # the option's index
    text = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="feedback_answer_once"),
            models.CheckConstraint(
                condition=models.Q(rating__isnull=True) | models.Q(rating__gte=1, rating__lte=5),
                name="feedback_rating_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return f"answer #{self.pk}"
