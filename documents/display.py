"""What a page shows of its objects' attachments, loaded for all of them at once (no query per object)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models

from documents import registry
from documents.models import Attachment, parent_key


def prepare(objs: Iterable[models.Model], user) -> None:
    """Set ``obj.visible_attachments`` (what ``user`` may see) and ``obj.can_attach_documents`` on each object:
    one query for the attachments of all of them, plus whatever the parents' edit rules ask."""
    objs = [obj for obj in objs if obj is not None and obj.pk is not None]
    if not objs:
        return
    found: dict[tuple[str, str, int], list[Attachment]] = {}
    for attachment in Attachment.objects.for_objects(objs).visible_to(user).select_related("content_type"):
        content_type = attachment.content_type
        found.setdefault((content_type.app_label, content_type.model, attachment.object_id), []).append(attachment)
    for obj in objs:
        obj.visible_attachments = found.get((*parent_key(type(obj)), obj.pk), [])
        obj.can_attach_documents = bool(user.is_authenticated and registry.for_object(obj).can_manage(user, obj))


def attachments_of(obj: models.Model, user) -> list[Attachment]:
    if not hasattr(obj, "visible_attachments"):
        prepare([obj], user)
    return obj.visible_attachments
