"""What a file is, from its content: the name and the browser's Content-Type are never trusted.

Accepted: PDF, DOCX, XLSX, ODT, JPEG, PNG and a zipped Shapefile (a .zip holding a .shp, .shx and .dbf of the
same name). Everything else (an .exe renamed .pdf, a ZIP of anything else, HTML...) is refused.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import IO

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class FileType:
    code: str
    media_type: str
    extension: str
    label: str


PDF = FileType("pdf", "application/pdf", ".pdf", "PDF")
DOCX = FileType(
    "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx", "Word (DOCX)"
)
XLSX = FileType("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx", "Excel (XLSX)")
ODT = FileType("odt", "application/vnd.oasis.opendocument.text", ".odt", "OpenDocument (ODT)")
JPEG = FileType("jpeg", "image/jpeg", ".jpg", "JPEG")
PNG = FileType("png", "image/png", ".png", "PNG")
SHAPEFILE = FileType("shapefile", "application/zip", ".zip", "Shapefile (ZIP)")
TYPES = {t.code: t for t in (PDF, DOCX, XLSX, ODT, JPEG, PNG, SHAPEFILE)}
# Extensions a download name may keep for each type (anything else gets the type's own).
EXTENSIONS = {
    "pdf": {".pdf"},
    "docx": {".docx"},
    "xlsx": {".xlsx"},
    "odt": {".odt"},
    "jpeg": {".jpg", ".jpeg"},
    "png": {".png"},
    "shapefile": {".zip"},
}

# A ZIP is only looked into, never unpacked: these bound what reading its directory may cost.
MAX_ZIP_ENTRIES = 10_000


class UnsupportedFile(ValueError):
    """The content is not one of the accepted types (the message is for the uploader)."""


def _zip_type(stream: IO[bytes]) -> FileType:
    try:
        with zipfile.ZipFile(stream) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_ZIP_ENTRIES:
                raise UnsupportedFile(_("The archive holds too many files."))
            names = {info.filename for info in infos}
            if any(info.flag_bits & 0x1 for info in infos):
                raise UnsupportedFile(_("Encrypted archives are not accepted."))
            if "mimetype" in names:
                mimetype = archive.read("mimetype")[:100].strip()
                if mimetype == ODT.media_type.encode():
                    return ODT
            if "[Content_Types].xml" in names:
                if "word/document.xml" in names:
                    return DOCX
                if "xl/workbook.xml" in names:
                    return XLSX
            stems: dict[str, set[str]] = {}
            for name in names:
                path = PurePosixPath(name.lower())
                stems.setdefault(str(path.with_suffix("")), set()).add(path.suffix)
            for stem, suffixes in stems.items():
                if {".shp", ".shx", ".dbf"} <= suffixes:
                    original = next(n for n in names if n.lower() == f"{stem}.shp")
                    # The main file starts with the Shapefile's file code, 9994 big-endian.
                    with archive.open(original) as shp:
                        if shp.read(4) == b"\x00\x00\x27\x0a":
                            return SHAPEFILE
    except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, OSError, EOFError, NotImplementedError) as exc:
        raise UnsupportedFile(_("The archive cannot be read.")) from exc
    raise UnsupportedFile(
        _("This ZIP file is neither a Word, Excel or OpenDocument file nor a zipped Shapefile (.shp, .shx, .dbf).")
    )


def sniff(stream: IO[bytes]) -> FileType:
    """The type of the file in ``stream`` (a seekable binary file), read from its content."""
    stream.seek(0)
    head = stream.read(16)
    stream.seek(0)
    try:
        if head.startswith(b"%PDF-"):
            return PDF
        if head.startswith(b"\x89PNG\r\n\x1a\n"):
            return PNG
        if head.startswith(b"\xff\xd8\xff"):
            return JPEG
        if head.startswith(b"PK\x03\x04"):
            return _zip_type(stream)
    finally:
        stream.seek(0)
    raise UnsupportedFile(
        _(
            "This type of file is not accepted. Upload a PDF, Word (DOCX), Excel (XLSX), OpenDocument (ODT), "
            "JPEG or PNG file, or a zipped Shapefile."
        )
    )
