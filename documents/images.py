"""Photos lose their metadata (EXIF with GPS position, XMP, IPTC, comments) before they are stored: the image
is decoded and written again with nothing but its pixels (and its colour profile)."""

from __future__ import annotations

import io
import warnings
from typing import IO

from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

from documents.sniff import JPEG, PNG, FileType, UnsupportedFile

# Far above any photo or scan (a 100-megapixel camera), far below what would exhaust memory when decoded.
MAX_PIXELS = 120_000_000
_FORMATS = {JPEG.code: "JPEG", PNG.code: "PNG"}


def strip_metadata(stream: IO[bytes], file_type: FileType) -> bytes:
    """The image in ``stream`` re-encoded without metadata, upright (the EXIF orientation applied)."""
    fmt = _FORMATS[file_type.code]
    stream.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(stream, formats=[fmt]) as image:
                if image.width * image.height > MAX_PIXELS:
                    raise UnsupportedFile(_("The image is too large (more than 120 megapixels)."))
                image.load()
                icc_profile = image.info.get("icc_profile")
                transparency = image.info.get("transparency")
                upright = ImageOps.exif_transpose(image)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        if isinstance(exc, UnsupportedFile):
            raise
        raise UnsupportedFile(_("The image cannot be read.")) from exc
    except Image.DecompressionBombWarning as exc:
        raise UnsupportedFile(_("The image is too large (more than 120 megapixels).")) from exc
    # Nothing of the original's metadata goes on: Pillow writes back some of `info` (comments, EXIF) by default.
    upright.info = {}
    options: dict = {}
    if icc_profile:
        options["icc_profile"] = icc_profile
    if fmt == "JPEG":
        if upright.mode not in ("RGB", "L", "CMYK"):
            upright = upright.convert("RGB")
        options.update(quality=90, optimize=True)
    elif transparency is not None and upright.mode in ("P", "L", "RGB"):
        options["transparency"] = transparency
    out = io.BytesIO()
    upright.save(out, format=fmt, **options)
    return out.getvalue()
