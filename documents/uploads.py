"""An upload handler that stops reading a file as soon as it is larger than DOCUMENTS_MAX_UPLOAD_BYTES, so that an
oversized upload never reaches memory or a temporary file (the rest of the request body is read and dropped)."""

from __future__ import annotations

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, StopUpload


class SizeLimitHandler(FileUploadHandler):
    def __init__(self, request=None):
        super().__init__(request)
        self.limit = settings.DOCUMENTS_MAX_UPLOAD_BYTES
        self.too_large = False

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > self.limit:
            self.too_large = True
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size):
        return None


def limit_uploads(request) -> SizeLimitHandler:
    """Put the limit in front of the request's upload handlers (before anything reads request.POST/FILES)."""
    handler = SizeLimitHandler(request)
    request.upload_handlers.insert(0, handler)
    return handler
