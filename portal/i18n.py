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


def field_for(obj_or_form_fields, field: str, code: str) -> str:
    """The name of ``field``'s version in ``code``: ``<field>_<code>``, or the bare ``<field>`` for English where
    the English text kept the field's original name (``agenda``, ``text``, ``venue``…)."""
    name = f"{field}_{code}"
    if code == "en" and not _has(obj_or_form_fields, name):
        return field
    return name


def _has(holder, name: str) -> bool:
    return name in holder if isinstance(holder, dict | set | list | tuple) else hasattr(holder, name)


class LocalizedText(str):
    """A text in the reader's language if there is one, else in the first fallback; it knows which it is."""

    language: str
    requested: str

    def __new__(cls, text: str, language: str, requested: str):
        value = super().__new__(cls, text)
        value.language = language
        value.requested = requested
        return value

    @property
    def is_fallback(self) -> bool:
        return bool(self) and self.language != self.requested


def localized_text(obj, field: str, language: str | None = None) -> LocalizedText:
    """Like :func:`localized`, for fields whose English version may keep the bare field name, and saying which
    language the text is in, so that a page can mark a fallback instead of mixing languages silently."""
    requested = language or active_language()
    for code in FALLBACKS[requested]:
        value = getattr(obj, field_for(obj, field, code), "") or ""
        if value:
            return LocalizedText(value, code, requested)
    return LocalizedText("", requested, requested)


def ordered_languages(language: str | None = None) -> tuple[str, ...]:
    """The three content languages, the reader's first (forms edit the versions side by side in this order)."""
    first = language or active_language()
    return (first, *(code for code in CONTENT_LANGUAGES if code != first))


def language_link(url: str, language: str | None) -> str:
    """``url`` with ``?lang=<language>``, so that the page opens in that language (see LanguageFromLinkMiddleware)."""
    code = (language or "").split("-")[0]
    if code not in FALLBACKS:
        return url
    return f"{url}{'&' if '?' in url else '?'}lang={code}"
