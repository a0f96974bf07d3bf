"""Text normalisation for the site search.

SQLite's LIKE folds case for ASCII only, so `icontains` misses "ТАҢБАЛЫ" for "Таңбалы". Instead every site
keeps a denormalised, case-folded `search_text`, and the query is folded the same way before a plain
`contains` lookup (a trigram index serves it on PostgreSQL). Each text is stored twice when the Kazakh
letters differ from their Russian look-alikes, so a visitor typing "Тамгалы" on a Russian keyboard also
finds "Тамғалы".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# Kazakh letters (and ё) to the letter a Russian keyboard gives instead.
KAZAKH_TO_RUSSIAN = str.maketrans(
    {"ә": "а", "ғ": "г", "қ": "к", "ң": "н", "ө": "о", "ұ": "у", "ү": "у", "һ": "х", "і": "и", "ё": "е"}
)
_SPACES = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Case-folded, NFKC-normalised text with runs of white space collapsed to one space."""
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", text or "").casefold()).strip()


def build_search_text(parts: Iterable[str]) -> str:
    """One line per distinct text part, then the Russian-keyboard variants of the lines that contain Kazakh letters."""
    lines: list[str] = []
    for part in parts:
        line = normalise(str(part)) if part is not None else ""
        if line and line not in lines:
            lines.append(line)
    variants = [v for v in (line.translate(KAZAKH_TO_RUSSIAN) for line in lines) if v not in lines]
    return "\n".join(lines + variants)
