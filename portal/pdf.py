"""PDF documents (certificates, letters) with fpdf2 and the DejaVu Sans fonts committed in portal/fonts/.

Why fpdf2: pure Python (its dependencies fontTools, Pillow and defusedxml install from wheels), so `make run`
needs no system package (WeasyPrint needs Pango and cairo); it embeds TrueType fonts as Unicode subsets, so
the Kazakh letters Ә Ғ Қ Ң Ө Ұ Ү Һ І print and are found again by text extraction; and it draws vector
shapes, so a QR code is drawn from segno's matrix as rectangles, sharp at any size, without an image.

Parsing the whole 750 KB font costs ~55 ms per document; the first document of a process writes a copy cut
down to the scripts the portal prints (Latin, Cyrillic with Kazakh, punctuation) under var/cache/fonts, and
every document reads that (~30 ms for a certificate in all). Characters outside it print as the font's
missing-glyph box: names in other scripts should fall back to the full font (``needs_full_font``).
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
from pathlib import Path

import segno
from django.conf import settings
from fpdf import FPDF
from fpdf.enums import TextMode

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONTS = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}
FAMILY = "DejaVu"
# Latin with Latin-1 and Extended-A (Kazakh's Latin alphabet of 2021 included), Cyrillic (Ә Ғ Қ Ң Ө Ұ Ү Һ І
# are in U+04xx), the common punctuation, the euro, the tenge and the numero signs. Fewer glyphs make each
# document cheaper to read and to subset: anything else switches that document to the whole font.
SUBSET_CODEPOINTS = frozenset(
    [
        *range(0x20, 0x7F),
        *range(0xA0, 0x180),
        *range(0x400, 0x500),
        *range(0x2010, 0x2028),
        *range(0x2030, 0x203B),
        *(0x20AC, 0x20B8, 0x2116),
    ]
)

_subset_lock = threading.Lock()
# fontTools logs each table it subsets (here and in fpdf2's output) at INFO, and warns of a table it drops that
# fpdf2 never reads: noise in the worker's log for every certificate.
logging.getLogger("fontTools.subset").setLevel(logging.ERROR)


def _subset_path(file_name: str) -> Path:
    source = FONT_DIR / file_name
    digest = hashlib.sha256(f"{source.stat().st_size}:{source.stat().st_mtime_ns}:v2".encode()).hexdigest()[:12]
    return Path(settings.VAR_DIR) / "cache" / "fonts" / f"{source.stem}-{digest}.ttf"


def font_file(file_name: str) -> Path:
    """The subset of a committed font, written once per machine (atomically, so concurrent workers agree)."""
    target = _subset_path(file_name)
    if target.exists():
        return target
    from fontTools import subset
    from fontTools.ttLib import TTFont

    with _subset_lock:
        if target.exists():
            return target
        target.parent.mkdir(parents=True, exist_ok=True)
        options = subset.Options()
        options.layout_features = []  # fpdf2 without text shaping never reads GSUB/GPOS
        options.hinting = False
        options.name_IDs = ["*"]
        options.notdef_outline = True
        font = TTFont(FONT_DIR / file_name)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=SUBSET_CODEPOINTS)
        subsetter.subset(font)
        temporary = target.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")
        font.save(temporary)
        os.replace(temporary, target)
    return target


def needs_full_font(*texts: str) -> bool:
    return any(ord(ch) not in SUBSET_CODEPOINTS for text in texts for ch in text if ch not in "\n\t")


class Document(FPDF):
    """An A4 document in DejaVu Sans, regular and bold, with its metadata set."""

    def __init__(
        self,
        *,
        title: str,
        language: str,
        orientation: str = "P",
        full_font: bool = False,
        created=None,
        stroked_bold: bool = False,
    ) -> None:
        """``stroked_bold``: embed the regular font only and draw bold text with an outline (PDF text render
        mode 2). Every embedded font costs ~15 ms to read and subset per document: the certificates, made by
        the hundred, take the saving; letters and reports embed the real bold."""
        super().__init__(orientation=orientation, unit="mm", format="A4")
        self.stroked_bold = stroked_bold
        for style, file_name in FONTS.items():
            if style and stroked_bold:
                continue
            path = FONT_DIR / file_name if full_font else font_file(file_name)
            self.add_font(FAMILY, style, str(path))
        self.set_font(FAMILY, "", 11)
        self.set_title(title)
        self.set_lang(language)
        self.set_creator("Mura")
        self.set_author("Mura")
        self.set_auto_page_break(auto=True, margin=20)
        if created is not None:  # the document's own date (issue, letter), not the moment it was rendered
            self.set_creation_date(created)

    def text_block(self, text: str, *, size: float = 11, bold: bool = False, align: str = "L", height=None) -> None:
        stroke = bold and self.stroked_bold
        self.set_font(FAMILY, "B" if bold and not stroke else "", size)
        if not stroke:
            self.multi_cell(0, height or size * 0.5, text, align=align, new_x="LMARGIN", new_y="NEXT")
            return
        # In a saved graphics state (q ... Q): fpdf2 does not switch the text render mode back by itself. fpdf2
        # writes this width as it is, in points: a 30th of the type size is close to DejaVu Sans Bold's weight.
        with self.local_context():
            self.text_mode, self.line_width = TextMode.FILL_STROKE, size / 30
            self.multi_cell(0, height or size * 0.5, text, align=align, new_x="LMARGIN", new_y="NEXT")

    def qr_code(self, url: str, *, x: float, y: float, size: float) -> None:
        """``url`` as a QR code ``size`` mm wide at (x, y), drawn as rectangles, and a link on it."""
        matrix = qr_matrix(url)
        module = size / len(matrix)
        self.set_fill_color(0, 0, 0)
        for row_index, row in enumerate(matrix):
            column = 0
            while column < len(row):
                if not row[column]:
                    column += 1
                    continue
                start = column
                while column < len(row) and row[column]:
                    column += 1
                self.rect(x + start * module, y + row_index * module, (column - start) * module, module, style="F")
        self.link(x, y, size, size, url)

    def as_bytes(self) -> bytes:
        return bytes(self.output())


def qr_matrix(url: str) -> list[list[bool]]:
    """The dark (True) and light modules of ``url``'s QR code, with the four-module quiet zone."""
    code = segno.make(url, error="m")
    return [[bool(cell) for cell in row] for row in code.matrix_iter(border=4)]
