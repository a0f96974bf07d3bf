"""Alphabetical order of the current language, the same on SQLite and PostgreSQL.

Neither database sorts Kazakh by itself: SQLite compares code points (Ә, Қ, Ө... come after Я) and folds case for
ASCII only, and PostgreSQL's order depends on the server's collation. So every model listed by name keeps one
sort key per language (``sort_kk``, ``sort_ru``, ``sort_en``), computed on save from the name in that language
(with the fallbacks of portal.i18n) by ``sort_key``: two base-36 characters per letter, in the rank the
letter has in the Kazakh alphabet

    А Ә Б В Г Ғ Д Е Ё Ж З И Й К Қ Л М Н Ң О Ө П Р С Т У Ұ Ү Ф Х Һ Ц Ч Ш Щ Ъ Ы І Ь Э Ю Я

(the Russian alphabet is the same order without the Kazakh letters), after the digits and the Latin letters.
The keys hold only [0-9a-z], which every collation orders the same way, so the database sorts them as Python
does. Quotes and punctuation are skipped ("«Ақсу-Жабағылы»" files under А); spaces and hyphens come before
any letter, as in a dictionary.
"""

from __future__ import annotations

import string
import unicodedata

from django.db import models

from portal.i18n import FALLBACKS, active_language, localized

KAZAKH_ALPHABET = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"
SORT_KEY_LENGTH = 200  # characters of key: the first hundred letters decide
LANGUAGES = tuple(FALLBACKS)

SORT_FIELDS = tuple(f"sort_{code}" for code in LANGUAGES)

_BASE36 = string.digits + string.ascii_lowercase
_SEPARATORS = set(" -‐‑‒–—/_\t\n")
_RANKS = {ch: rank for rank, ch in enumerate(string.digits + string.ascii_lowercase + KAZAKH_ALPHABET, start=2)}
_UNKNOWN = len(_BASE36) ** 2 - 1  # a letter of another alphabet: after every letter we know


def _code(rank: int) -> str:
    return _BASE36[rank // 36] + _BASE36[rank % 36]


def sort_key(text: str | None) -> str:
    """The key that orders ``text`` alphabetically in Kazakh, Russian or English (see the module's account)."""
    codes: list[str] = []
    for ch in unicodedata.normalize("NFC", (text or "").casefold()):
        if ch in _SEPARATORS:
            if codes and codes[-1] != _code(1):
                codes.append(_code(1))
            continue
        rank = _RANKS.get(ch)
        if rank is None:
            if not ch.isalnum():
                continue  # quotes, brackets, full stops, apostrophes
            base = unicodedata.normalize("NFKD", ch)[0]  # é -> e, ї -> і
            rank = _RANKS.get(base, _UNKNOWN)
        codes.append(_code(rank))
    while codes and codes[-1] == _code(1):
        codes.pop()
    return "".join(codes)[:SORT_KEY_LENGTH]


def sort_field(language: str | None = None) -> str:
    """The sort-key column of ``language`` (the active one by default)."""
    return f"sort_{language or active_language()}"


def by_name(queryset: models.QuerySet, language: str | None = None) -> models.QuerySet:
    """``queryset`` in the alphabetical order of names in ``language`` (the active one by default)."""
    return queryset.order_by(sort_field(language), "pk")


class SortedByName(models.Model):
    """Sort keys per language of ``SORT_SOURCE`` (``<source>_kk`` etc.), kept in step on every save."""

    SORT_SOURCE = "name"

    sort_kk = models.CharField(max_length=SORT_KEY_LENGTH, default="", editable=False)
    sort_ru = models.CharField(max_length=SORT_KEY_LENGTH, default="", editable=False)
    sort_en = models.CharField(max_length=SORT_KEY_LENGTH, default="", editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        sources = {f"{self.SORT_SOURCE}_{code}" for code in LANGUAGES}
        if update_fields is None or sources & set(update_fields):  # a save that leaves the names alone skips this
            for name, value in self.compute_sort_keys().items():
                setattr(self, name, value)
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, *SORT_FIELDS}
        super().save(*args, **kwargs)

    def compute_sort_keys(self) -> dict[str, str]:
        return {sort_field(code): sort_key(localized(self, self.SORT_SOURCE, code)) for code in LANGUAGES}


def backfill(model, source: str = "name") -> None:
    """For data migrations: fill the sort keys of every row of a historical ``model``."""
    rows = []
    for row in model.objects.all():
        for code in LANGUAGES:
            setattr(row, f"sort_{code}", sort_key(localized(row, source, code)))
        rows.append(row)
    model.objects.bulk_update(rows, list(SORT_FIELDS), batch_size=500)
