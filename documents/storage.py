"""Where attachments are kept: the storage named "documents" in STORAGES (settings: a directory under var/ by
default, S3-compatible object storage when DOCUMENTS_S3_BUCKET is set).

FileField resolves its storage once, when the model is loaded; this proxy looks the alias up on every call,
so that a test (or a deployment) that changes STORAGES is followed at once.
"""

from __future__ import annotations

from django.core.files.storage import Storage, storages
from django.utils.deconstruct import deconstructible

ALIAS = "documents"


def backend() -> Storage:
    return storages[ALIAS]


@deconstructible
class DocumentStorage(Storage):
    def _open(self, name, mode="rb"):
        return backend().open(name, mode)

    def _save(self, name, content):
        return backend().save(name, content)

    def get_available_name(self, name, max_length=None):
        return backend().get_available_name(name, max_length=max_length)

    def get_valid_name(self, name):
        return backend().get_valid_name(name)

    def generate_filename(self, filename):
        return backend().generate_filename(filename)

    def delete(self, name):
        return backend().delete(name)

    def exists(self, name):
        return backend().exists(name)

    def listdir(self, path):
        return backend().listdir(path)

    def size(self, name):
        return backend().size(name)

    def url(self, name):
        return backend().url(name)

    def path(self, name):
        return backend().path(name)

    def get_modified_time(self, name):
        return backend().get_modified_time(name)


def attachment_storage() -> Storage:
    return DocumentStorage()


def local_path(name: str) -> str | None:
    """The file's path on this machine when the storage is a local directory, else None."""
    try:
        return backend().path(name)
    except NotImplementedError:
        return None
