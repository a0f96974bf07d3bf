"""Content kept in three languages: a field per language and a fallback when one is empty."""

from __future__ import annotations

from django.utils.translation import get_language

CONTENT_LANGUAGES = ("kk", "ru", "en")
# When the active language has no text, try these in order.
FALLBACKS = {"kk": ("kk", "ru", "en"), "ru": ("ru", "en", "kk"), "en": ("en", "ru", "kk")}


def active_language() -> str:
    code = (get_language() or "en").split("-")[0]
    return code if code in FALLBACKS else "en"


def localized(obj, field: str, language: str | None = None) -> str:
    """``obj.<field>_<lang>`` in the given or active language, falling back to the others."""
    for code in FALLBACKS[language or active_language()]:
        value = getattr(obj, f"{field}_{code}", "") or ""
        if value:
            return value
    return ""
