"""Attaching and removing files: the only writes of the documents app.

    from documents import services
    services.attach(site, uploaded_file, title_en="Management plan 2024-2033", kind=Attachment.Kind.MANAGEMENT_PLAN,
                    language=Attachment.Language.RUSSIAN, visibility=Attachment.Visibility.PUBLIC, uploaded_by=user)

The content decides the type (documents.sniff); images are stored without their metadata (documents.images);
the stored name is random, the uploader's name is kept only for the download. An upload that fails writes
nothing: the checks come before the file is stored, and a row that cannot be written removes the stored file.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import secrets
import unicodedata
from pathlib import PurePath
from typing import IO

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.db import models, transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _

from documents import registry
from documents.images import strip_metadata
from documents.models import Attachment
from documents.sniff import EXTENSIONS, JPEG, PNG, FileType, UnsupportedFile, sniff
from documents.storage import DocumentStorage

logger = logging.getLogger(__name__)


def max_upload_bytes() -> int:
    return settings.DOCUMENTS_MAX_UPLOAD_BYTES


def size_message(size: int | None = None) -> str:
    if size is None:
        return _("The file is too large: at most %(limit)s.") % {"limit": filesizeformat(max_upload_bytes())}
    return _("The file is too large: %(size)s, at most %(limit)s.") % {
        "size": filesizeformat(size),
        "limit": filesizeformat(max_upload_bytes()),
    }


def check_size(size: int | None) -> None:
    if size is not None and size > max_upload_bytes():
        raise ValidationError(size_message(size), code="too_large")


def inspect(stream: IO[bytes]) -> FileType:
    """The file's type, or ValidationError for the uploader (too large, not an accepted type)."""
    stream.seek(0, io.SEEK_END)
    check_size(stream.tell())
    stream.seek(0)
    try:
        return sniff(stream)
    except UnsupportedFile as exc:
        raise ValidationError(str(exc), code="unsupported") from exc


def clean_original_name(name: str, file_type: FileType) -> str:
    """The uploader's file name, for the download only: no directories, no control characters, at most 200
    characters, and an extension that says what the file really is."""
    base = PurePath(str(name).replace("\\", "/")).name
    base = "".join(ch for ch in unicodedata.normalize("NFC", base) if unicodedata.category(ch)[0] != "C").strip()
    base = base.strip(". ") or "document"
    stem, dot, suffix = base.rpartition(".")
    if not dot:
        stem, suffix = base, ""
    if f".{suffix.lower()}" not in EXTENSIONS[file_type.code]:
        stem, suffix = base, file_type.extension.lstrip(".")
    return f"{stem[: 200 - len(suffix) - 1]}.{suffix}"


def random_name(file_type: FileType, now: dt.datetime | None = None) -> str:
    now = now or timezone.now()
    return f"attachments/{now:%Y/%m}/{secrets.token_urlsafe(24)}{file_type.extension}"


def attach(
    obj: models.Model,
    file: IO[bytes] | File,
    *,
    kind: str = Attachment.Kind.OTHER,
    language: str = Attachment.Language.NONE,
    visibility: str = Attachment.Visibility.OWNERS,
    title_en: str = "",
    title_ru: str = "",
    title_kk: str = "",
    date: dt.date | None = None,
    uploaded_by=None,
    original_name: str | None = None,
) -> Attachment:
    """Store ``file`` as an attachment of ``obj``. Raises ValidationError (nothing written) when the file is too
    large or not of an accepted type. The caller checks the rights (`documents.attach_to` on ``obj``)."""
    registry.for_object(obj)  # a model nobody registered takes no attachments
    if not (title_en or title_ru or title_kk):
        raise ValidationError(_("Give the document a title in at least one language."), code="no_title")
    name = original_name or getattr(file, "name", None) or "document"
    file_type = inspect(file)
    if file_type in (JPEG, PNG):
        content = strip_metadata(file, file_type)
        check_size(len(content))
        payload: File = ContentFile(content)
    else:
        file.seek(0)
        payload = file if isinstance(file, File) else File(file)
    payload.seek(0, io.SEEK_END)
    size = payload.tell()
    payload.seek(0)

    attachment = Attachment(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        title_en=title_en.strip(),
        title_ru=title_ru.strip(),
        title_kk=title_kk.strip(),
        kind=kind,
        language=language,
        date=date,
        visibility=visibility,
        original_name=clean_original_name(name, file_type),
        media_type=file_type.media_type,
        size=size,
        uploaded_by=uploaded_by,
    )
    attachment.full_clean(exclude=["file", "content_type", "object_id"])
    stored = DocumentStorage().save(random_name(file_type), payload)
    try:
        attachment.file.name = stored
        with transaction.atomic():
            attachment.save()
    except BaseException:
        delete_file(stored)
        raise
    return attachment


def delete_file(name: str) -> None:
    try:
        DocumentStorage().delete(name)
    except Exception:  # the row is the record; a file that cannot be removed now is logged, not fatal
        logger.exception("Could not delete the stored file %s", name)


def remove(attachment: Attachment) -> None:
    """Delete the row; the stored file follows once the deletion is committed (documents.signals, which also
    covers the admin and a parent's deletion, whose GenericRelation takes its attachments along)."""
    attachment.delete()
