"""Small real files of every accepted type (and some that must be refused), made in memory."""

from __future__ import annotations

import io
import zipfile

import shapefile
from openpyxl import Workbook
from PIL import Image


def pdf(padding: int = 0) -> bytes:
    body = (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
        b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
    )
    if padding:
        body += b"%" + b"x" * padding + b"\n"
    return body + b"trailer<</Root 1 0 R>>\n%%EOF\n"


def exe() -> bytes:
    """The start of a Windows executable (the "MZ" header and its DOS stub)."""
    return (
        b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"This program cannot be run in DOS mode." * 4
    )


def _zip(files: dict[str, bytes], first: str | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        if first:
            archive.writestr(zipfile.ZipInfo(first), files.pop(first))
        for name, data in files.items():
            archive.writestr(name, data, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def docx() -> bytes:
    return _zip(
        {
            "[Content_Types].xml": b'<?xml version="1.0"?><Types/>',
            "_rels/.rels": b'<?xml version="1.0"?><Relationships/>',
            "word/document.xml": b'<?xml version="1.0"?><w:document/>',
        }
    )


def xlsx() -> bytes:
    book = Workbook()
    book.active["A1"] = "Mura"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def odt() -> bytes:
    return _zip(
        {
            "mimetype": b"application/vnd.oasis.opendocument.text",
            "content.xml": b'<?xml version="1.0"?><office:document-content/>',
            "META-INF/manifest.xml": b'<?xml version="1.0"?><manifest:manifest/>',
        },
        first="mimetype",
    )


def shapefile_zip(folder: str = "") -> bytes:
    shp, shx, dbf = io.BytesIO(), io.BytesIO(), io.BytesIO()
    with shapefile.Writer(shp=shp, shx=shx, dbf=dbf, shapeType=shapefile.POINT) as writer:
        writer.field("name", "C")
        writer.point(76.95, 43.25)
        writer.record("Almaty")
    return _zip(
        {f"{folder}zone.shp": shp.getvalue(), f"{folder}zone.shx": shx.getvalue(), f"{folder}zone.dbf": dbf.getvalue()}
    )


def other_zip() -> bytes:
    return _zip({"readme.txt": b"not a document", "run.exe": exe()})


def png(size=(20, 10)) -> bytes:
    out = io.BytesIO()
    image = Image.new("RGBA", size, (0, 128, 0, 200))
    info = __import__("PIL.PngImagePlugin", fromlist=["PngInfo"]).PngInfo()
    info.add_text("Comment", "made at the reserve's office")
    exif = Image.Exif()
    exif[0x8825] = GPS
    image.save(out, "PNG", pnginfo=info, exif=exif)
    return out.getvalue()


# Aksu-Zhabagly, roughly: a place a photo must not give away.
GPS = {1: "N", 2: (42.0, 25.0, 30.0), 3: "E", 4: (70.0, 35.0, 10.0)}


def jpeg_with_gps(size=(40, 30)) -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "CameraMaker"
    exif[0x0112] = 6  # rotated: the stored image must be upright
    exif[0x8825] = GPS
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, "JPEG", exif=exif, comment=b"near the ranger station")
    return out.getvalue()
