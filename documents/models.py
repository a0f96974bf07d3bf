"""Files attached to sites, designations, seminars, recommendations and progress reports."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from documents import registry
from documents.sniff import TYPES
from documents.storage import attachment_storage
from portal.i18n import LocalizedText, localized_text
from portal.roles import is_admin


class Kind(models.TextChoices):
    MANAGEMENT_PLAN = "management_plan", _("Management plan")
    MAP = "map", _("Map")
    DECISION = "decision", _("Decision")
    PERIODIC_REPORT = "periodic_report", _("Periodic report")
    PROGRAMME = "programme", _("Programme")
    PRESENTATION = "presentation", _("Presentation")
    PHOTO = "photo", _("Photo")
    EVIDENCE = "evidence", _("Evidence")
    OTHER = "other", _("Other")


class DocumentLanguage(models.TextChoices):
    KAZAKH = "kk", _("Kazakh")
    RUSSIAN = "ru", _("Russian")
    ENGLISH = "en", _("English")
    SEVERAL = "mul", _("Several languages")
    OTHER = "other", _("Another language")
    NONE = "none", _("No text (a photo, a map)")


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Everyone")
    SIGNED_IN = "signed_in", _("Signed-in users")
    OWNERS = "owners", _("Only those who may edit it")


def parent_key(model: type[models.Model]) -> tuple[str, str]:
    opts = model._meta.concrete_model._meta
    return opts.app_label, opts.model_name


def _of(model: type[models.Model], ids: list[int]) -> Q:
    # By the content type's natural key, a join rather than a look-up: a page's query count does not depend on
    # whether this process has cached the ContentType rows yet.
    app_label, model_name = parent_key(model)
    return Q(content_type__app_label=app_label, content_type__model=model_name, object_id__in=ids)


class AttachmentQuerySet(models.QuerySet):
    """`Attachment.objects.for_object(obj).visible_to(user)`: what a page about ``obj`` lists for ``user``.

    After `for_object`/`for_objects`, `visible_to` asks the parents' rules once per parent (may the user see it,
    may they edit it) and agrees with "documents.download_attachment". Without them it can only go by the
    visibility: public (and signed-in) attachments of parents it has not checked, "owners" ones for admins only.
    """

    _parents: tuple = ()

    def _clone(self):
        clone = super()._clone()
        clone._parents = self._parents
        return clone

    def for_object(self, obj: models.Model) -> AttachmentQuerySet:
        return self.for_objects([obj])

    def for_objects(self, objs: Iterable[models.Model]) -> AttachmentQuerySet:
        objs = [obj for obj in objs if obj.pk is not None]
        condition = Q(pk__in=[])
        by_type: dict[type[models.Model], list[int]] = {}
        for obj in objs:
            by_type.setdefault(type(obj), []).append(obj.pk)
        for model, ids in by_type.items():
            condition |= _of(model, ids)
        qs = self.filter(condition)
        qs._parents = tuple(objs)
        return qs

    def visible_to(self, user) -> AttachmentQuerySet:
        if is_admin(user):
            return self
        signed_in = bool(user.is_authenticated and user.is_active)
        shown = [Visibility.PUBLIC, Visibility.SIGNED_IN] if signed_in else [Visibility.PUBLIC]
        if not self._parents:
            return self.filter(visibility__in=shown)
        condition = Q(pk__in=[])
        for obj in self._parents:
            entry = registry.for_object(obj)
            if not entry.can_view(user, obj):
                continue
            of_parent = _of(type(obj), [obj.pk])
            if signed_in and entry.can_manage(user, obj):
                condition |= of_parent
            else:
                condition |= of_parent & Q(visibility__in=shown)
        return self.filter(condition)


def _upload_path(instance, filename: str) -> str:
    # Never used by the services, which name the file themselves (documents.services); the admin cannot upload.
    return filename


class Attachment(models.Model):
    Kind = Kind
    Language = DocumentLanguage
    Visibility = Visibility

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    parent = GenericForeignKey("content_type", "object_id")

    title_kk = models.CharField(_("title (Kazakh)"), max_length=255, blank=True)
    title_ru = models.CharField(_("title (Russian)"), max_length=255, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=255, blank=True)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind, default=Kind.OTHER)
    language = models.CharField(_("language of the document"), max_length=8, choices=DocumentLanguage)
    date = models.DateField(_("date of the document"), null=True, blank=True)
    visibility = models.CharField(_("who may see it"), max_length=16, choices=Visibility, default=Visibility.OWNERS)

    # A random name chosen by documents.services, never the uploader's; their name is kept for the download.
    file = models.FileField(_("file"), storage=attachment_storage, upload_to=_upload_path, max_length=255)
    original_name = models.CharField(_("original file name"), max_length=255)
    media_type = models.CharField(_("file type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size (bytes)"))

    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    created_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    objects = AttachmentQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        indexes = [models.Index(fields=["content_type", "object_id"], name="attachment_parent_idx")]
        constraints = [
            models.CheckConstraint(condition=~Q(title_kk="", title_ru="", title_en=""), name="attachment_has_a_title"),
            models.UniqueConstraint(fields=["file"], name="attachment_file_unique"),
        ]

    def __str__(self) -> str:
        return str(self.title)

    def get_absolute_url(self) -> str:
        return reverse("documents:download", kwargs={"pk": self.pk})

    @property
    def title(self) -> LocalizedText:
        return localized_text(self, "title")

    @property
    def file_type_label(self) -> str:
        return next((t.label for t in TYPES.values() if t.media_type == self.media_type), self.media_type)
