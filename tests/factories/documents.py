"""Attachments, made through documents.services (the only way one is written)."""

from __future__ import annotations

from django.core.files.base import ContentFile

from documents import services
from documents.models import Attachment


def make_attachment(parent, *, visibility: str = Attachment.Visibility.PUBLIC, content: bytes | None = None, **fields):
    from tests.documents.samples import pdf

    file = ContentFile(content if content is not None else pdf(), name=fields.pop("name", "plan.pdf"))
    fields.setdefault("title_en", "Management plan")
    fields.setdefault("kind", Attachment.Kind.MANAGEMENT_PLAN)
    fields.setdefault("language", Attachment.Language.RUSSIAN)
    return services.attach(parent, file, visibility=visibility, **fields)
