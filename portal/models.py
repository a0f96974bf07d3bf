"""The directory shared by every app: regions, districts, organizations, and the people who log in."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from portal.i18n import localized
from portal.sorting import SORT_FIELDS, SortedByName
from portal.text import normalise_email
from portal.validators import validate_email_fits_when_lowercased


class Language(models.TextChoices):
    KAZAKH = "kk", _("Kazakh")
    RUSSIAN = "ru", _("Russian")
    ENGLISH = "en", _("English")


class Region(SortedByName):
    """An oblast, or a city of republican significance."""

    slug = models.SlugField(_("slug"), max_length=64, unique=True)
    name_kk = models.CharField(_("name (Kazakh)"), max_length=128, blank=True)
    name_ru = models.CharField(_("name (Russian)"), max_length=128, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=128)
    centre_kk = models.CharField(_("administrative centre (Kazakh)"), max_length=128, blank=True)
    centre_ru = models.CharField(_("administrative centre (Russian)"), max_length=128, blank=True)
    centre_en = models.CharField(_("administrative centre (English)"), max_length=128, blank=True)
    established = models.DateField(_("established"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True, help_text=_("Changes of borders or centre, with dates."))

    history = HistoricalRecords(excluded_fields=list(SORT_FIELDS))

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return localized(self, "name")

    @property
    def centre(self) -> str:
        return localized(self, "centre")


class District(SortedByName):
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="districts", verbose_name=_("region"))
    slug = models.SlugField(_("slug"), max_length=64)
    name_kk = models.CharField(_("name (Kazakh)"), max_length=128, blank=True)
    name_ru = models.CharField(_("name (Russian)"), max_length=128, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=128)

    history = HistoricalRecords(excluded_fields=list(SORT_FIELDS))

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        constraints = [
            models.UniqueConstraint(fields=["region", "slug"], name="district_unique_slug_per_region"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return localized(self, "name")


class OrganizationQuerySet(models.QuerySet):
    def for_listing(self):
        return self.select_related("region", "district", "parent").prefetch_related("emails")


class Organization(SortedByName):
    class ReminderRecipients(models.TextChoices):
        MAILBOX = "mailbox", _("Shared mailbox only")
        PEOPLE = "people", _("Focal points only")
        BOTH = "both", _("Shared mailbox and focal points")

    class Kind(models.TextChoices):
        REGIONAL_AKIMAT = "regional_akimat", _("Regional Akimat")
        DISTRICT_AKIMAT = "district_akimat", _("District Akimat")
        MINISTRY = "ministry", _("Ministry")
        NATIONAL_COMMISSION = "national_commission", _("National commission")
        UNESCO_OFFICE = "unesco_office", _("UNESCO office")
        SITE_ADMINISTRATION = "site_administration", _("Site administration")
        MUSEUM = "museum", _("Museum")
        UNIVERSITY = "university", _("University")
        TOURISM = "tourism", _("Tourism organization")
        MEDIA = "media", _("Media")
        NGO = "ngo", _("NGO")
        OTHER = "other", _("Other")

    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    name_kk = models.CharField(_("name (Kazakh)"), max_length=255, blank=True)
    name_ru = models.CharField(_("name (Russian)"), max_length=255, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=255)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind, db_index=True)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, null=True, blank=True, related_name="organizations", verbose_name=_("region")
    )
    district = models.ForeignKey(
        District,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organizations",
        verbose_name=_("district"),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent organization"),
        help_text=_("A district Akimat sits under its regional Akimat; escalations go here."),
    )
    preferred_language = models.CharField(
        _("preferred language"), max_length=2, choices=Language, default=Language.RUSSIAN
    )
    website = models.URLField(_("website"), blank=True)
    # Who receives the organization's reminder digests (reminders.planning): its contact e-mails, its focal
    # points (users with focal_point_for), or both. With "focal points only" and no active focal point, the
    # mailbox still gets them: nobody goes unreminded because of a setting.
    reminder_recipients = models.CharField(
        _("reminder digests go to"),
        max_length=8,
        choices=ReminderRecipients,
        default=ReminderRecipients.MAILBOX,
    )

    objects = OrganizationQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=list(SORT_FIELDS))

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        constraints = [
            models.CheckConstraint(condition=~models.Q(parent=models.F("id")), name="organization_not_own_parent"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return localized(self, "name")

    @property
    def contact_emails(self) -> list[str]:
        return [e.email for e in self.emails.all()]


class OrganizationEmail(models.Model):
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="emails")
    email = models.EmailField(_("e-mail"))

    # Reminders go to these addresses: who changed a recipient matters.
    history = HistoricalRecords()

    class Meta:
        ordering = ["email"]
        verbose_name = _("contact e-mail")
        verbose_name_plural = _("contact e-mails")
        constraints = [
            models.UniqueConstraint("organization", Lower("email"), name="organization_email_unique_ci"),
        ]

    def __str__(self) -> str:
        return self.email


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=normalise_email(self.normalize_email(email)), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra)

    def get_by_natural_key(self, email: str):
        return self.get(email__iexact=email)


class User(AbstractUser):
    """A person who logs in. Participants of seminars are `seminars.Person`, not users."""

    class ReminderFrequency(models.TextChoices):
        EACH_CYCLE = "cycle", _("Every reminder cycle")
        WEEKLY = "weekly", _("Once a week")
        MONTHLY = "monthly", _("Once a month")
        NEVER = "never", _("Never, except escalations")

    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("e-mail"), unique=True, validators=[validate_email_fits_when_lowercased])
    full_name = models.CharField(_("full name"), max_length=255, blank=True)
    organization = models.ForeignKey(
        Organization,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="staff",
        verbose_name=_("organization"),
    )
    position = models.CharField(_("position"), max_length=255, blank=True)
    language = models.CharField(_("language"), max_length=2, choices=Language, default=Language.RUSSIAN)
    focal_point_for = models.ManyToManyField(
        Organization,
        blank=True,
        related_name="focal_points",
        verbose_name=_("focal point for"),
        help_text=_("Organizations this user reports for as a focal point."),
    )
    # How often reminder digests reach this person (reminders.planning.frequency_allows); escalations always do.
    reminder_frequency = models.CharField(
        _("reminder digests"),
        max_length=8,
        choices=ReminderFrequency,
        default=ReminderFrequency.EACH_CYCLE,
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        ordering = ["email"]
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [models.UniqueConstraint(Lower("email"), name="user_email_unique_ci")]

    # Shown wherever a user appears (site pages, timelines, the reminders sent): never the e-mail address,
    # which the viewer may have no right to see.
    def __str__(self) -> str:
        return self.get_full_name()

    def get_full_name(self) -> str:
        return self.full_name or str(_("Portal user no. %(id)s") % {"id": self.pk})

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email

    def get_absolute_url(self) -> str:
        return reverse("profile")

    def save(self, *args, **kwargs):
        self.email = normalise_email(self.email)
        super().save(*args, **kwargs)
