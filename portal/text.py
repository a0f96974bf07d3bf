"""Text for every app: normalising, search text and the query against it, e-mail addresses.

Search: SQLite's LIKE folds case for ASCII only, so ``icontains`` misses "ТАҢБАЛЫ" for "Таңбалы". Instead a
model keeps a denormalised ``search_text`` built by ``build_search_text`` and the query is folded the same way
before plain ``contains`` lookups (a trigram index serves them on PostgreSQL). The text holds, one per line:

- each part case-folded (``normalise``), which the whole query is looked for in;
- the Russian-keyboard variant of the lines with Kazakh letters ("Тамғалы" is typed "Тамгалы"), and
- a ``search_key`` per line: Latin letters and digits only, Cyrillic transliterated, spaces, hyphens and
  apostrophes dropped, so that "Алтын Эмель" finds "Altyn-Emel" and "Aksu Zhabagly" finds "Аксу-Жабаглы".
  Every word of the query must occur among these keys (``search_filter``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from django.db.models import Q

# Kazakh letters (and ё) to the letter a Russian keyboard gives instead.
KAZAKH_TO_RUSSIAN = str.maketrans(
    {"ә": "а", "ғ": "г", "қ": "к", "ң": "н", "ө": "о", "ұ": "у", "ү": "у", "һ": "х", "і": "и", "ё": "е"}
)
# Russian letters to the Latin spelling Kazakh names usually take in English (BGN/PCGN-like).
_CYRILLIC_TO_LATIN = str.maketrans(
    {
        "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ж": "zh", "з": "z", "и": "i", "й": "y",
        "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
        "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e",
        "ю": "yu", "я": "ya", "ı": "y",  # ı: ы in the Kazakh Latin alphabet
    }
)  # fmt: skip
# Latin spellings that differ for the same sound, reduced to one: Khoja/Hoja, Dzhungar/Jungar, Yasawi/Yasavi,
# Qazaq/Kazak. Applied in this order, to transliterated and typed Latin alike.
_LATIN_EQUIVALENTS = (("kh", "h"), ("dzh", "zh"), ("dj", "zh"), ("j", "zh"), ("w", "v"), ("q", "k"))
_SPACES = re.compile(r"\s+")
_NOT_ALPHANUMERIC = re.compile(r"[\W_]+")
_PUNCTUATION = re.compile(r"[\s_\-.,:;/\\()*№#\"'«»]+")


def normalise(text: str | None) -> str:
    """Case-folded, NFKC-normalised text with runs of white space collapsed to one space."""
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", text or "").casefold()).strip()


def comparison_key(text: str | None) -> str:
    """``normalise``, with ё as е and punctuation as spaces: how headers, codes and names are compared."""
    return _PUNCTUATION.sub(" ", normalise(text).replace("ё", "е")).strip()


def keyboard_variant(text: str) -> str:
    """The text as typed on a Russian keyboard: Kazakh letters as their look-alikes, ё as е."""
    return text.translate(KAZAKH_TO_RUSSIAN)


def search_key(text: str | None) -> str:
    """Latin letters and digits only, the same for every spelling of a name: "Алтын-Эмель" -> "altynemel"."""
    latin = keyboard_variant(normalise(text)).translate(_CYRILLIC_TO_LATIN)
    latin = "".join(c for c in unicodedata.normalize("NFKD", latin) if not unicodedata.combining(c))
    latin = _NOT_ALPHANUMERIC.sub("", latin)
    for spelling, common in _LATIN_EQUIVALENTS:
        latin = latin.replace(spelling, common)
    return latin


def slug_text(text: str | None, max_length: int = 80) -> str:
    """A URL identifier from any title: Kazakh and Russian letters transliterated as in ``search_key`` (but
    keeping every spelling as written), then Django's slugify: "Таңбалы семинары" -> "tanbaly-seminary"."""
    from django.utils.text import slugify

    latin = keyboard_variant(normalise(text)).translate(_CYRILLIC_TO_LATIN)
    latin = "".join(c for c in unicodedata.normalize("NFKD", latin) if not unicodedata.combining(c))
    return slugify(latin)[:max_length].strip("-")


def build_search_text(parts: Iterable[str | None]) -> str:
    """The lines described above: each distinct part, then keyboard variants, then search keys, each once."""
    lines: list[str] = []
    for part in parts:
        line = normalise(str(part)) if part is not None else ""
        if line and line not in lines:
            lines.append(line)
    extra: list[str] = []
    for make in (keyboard_variant, search_key):
        for line in lines:
            variant = make(line)
            if variant and variant not in lines and variant not in extra:
                extra.append(variant)
    return "\n".join(lines + extra)


def search_filter(query: str | None, field: str = "search_text") -> Q | None:
    """The condition on ``field`` (built by ``build_search_text``) for a visitor's query; None for a blank one.

    The query as typed (folded) anywhere in the text, or else every word of it among the search keys.
    """
    phrase = normalise(query)
    if not phrase:
        return None
    condition = Q(**{f"{field}__contains": phrase})
    keys = [key for key in (search_key(word) for word in phrase.split()) if key]
    if keys:
        every_word = Q()
        for key in dict.fromkeys(keys):
            every_word &= Q(**{f"{field}__contains": key})
        condition |= every_word
    return condition


def normalise_email(address: str | None) -> str:
    """How every e-mail address is stored and compared: trimmed and lower-cased (see portal.validators)."""
    return (address or "").strip().lower()
