"""Stored files that no attachment names: left by a process killed between storing a file and committing its
row, or by a caller's transaction that rolled back after documents.services.attach(). Lists them; --delete
removes those older than --min-age-hours (so an upload in flight is never touched)."""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand
from django.utils import timezone

from documents.models import Attachment
from documents.storage import DocumentStorage

ROOT = "attachments"


def stored_names(storage, path: str = ROOT):
    directories, files = storage.listdir(path)
    for name in files:
        yield f"{path}/{name}"
    for directory in directories:
        yield from stored_names(storage, f"{path}/{directory}")


class Command(BaseCommand):
    help = "List (or --delete) stored attachment files that no attachment row names."

    def add_arguments(self, parser):
        parser.add_argument("--delete", action="store_true", help="Delete them.")
        parser.add_argument("--min-age-hours", type=int, default=24, help="Leave younger files alone (default 24).")

    def handle(self, *args, delete=False, min_age_hours=24, **options):
        storage = DocumentStorage()
        known = set(Attachment.objects.values_list("file", flat=True))
        cutoff = timezone.now() - dt.timedelta(hours=min_age_hours)
        found = 0
        try:
            names = list(stored_names(storage))
        except FileNotFoundError:  # nothing was ever stored on this machine
            names = []
        for name in names:
            if name in known:
                continue
            if storage.get_modified_time(name) > cutoff:
                continue
            found += 1
            self.stdout.write(name)
            if delete:
                storage.delete(name)
        self.stderr.write(f"{found} orphaned file(s){' deleted' if delete else ''}.")
