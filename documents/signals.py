"""A deleted attachment's file is removed from the storage once the deletion is committed, however the row
went (documents.services.remove, the admin, or its parent's deletion through the parent's GenericRelation)."""

from __future__ import annotations

from functools import partial

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from documents.models import Attachment


@receiver(post_delete, sender=Attachment)
def _attachment_deleted(sender, instance: Attachment, **kwargs) -> None:
    from documents.services import delete_file

    if instance.file.name:
        transaction.on_commit(partial(delete_file, instance.file.name))
