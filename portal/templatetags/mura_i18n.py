"""Content in three languages on pages and in forms: the reader's version, or a marked fallback."""

from __future__ import annotations

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.translation import gettext as _

from portal.i18n import LocalizedText, field_for, localized_text, ordered_languages

register = template.Library()


@register.simple_tag
def localized_field(obj, field: str) -> LocalizedText:
    """``{% localized_field seminar "agenda" as agenda %}``: the text and the language it is in."""
    return localized_text(obj, field)


def fallback_message(language: str) -> str:
    # One sentence per fallback language, so that each is grammatical (Russian and Kazakh inflect the name).
    messages = {
        "kk": _("Not yet available in this language; shown in Kazakh."),
        "ru": _("Not yet available in this language; shown in Russian."),
        "en": _("Not yet available in this language; shown in English."),
    }
    return messages[language]


@register.inclusion_tag("includes/fallback_note.html")
def fallback_note(text: LocalizedText, compact: bool = False) -> dict:
    """The visible marker beside a text shown in another language than the page's (nothing when it is not)."""
    is_fallback = isinstance(text, LocalizedText) and text.is_fallback
    return {
        "show": is_fallback,
        "compact": compact,
        "language": text.language if is_fallback else "",
        "message": fallback_message(text.language) if is_fallback else "",
    }


@register.simple_tag
def translated_fields(form, field: str) -> list:
    """The bound fields of ``field``'s three versions, the reader's language first, each input marked with the
    language it holds (``lang``), so that screen readers and spell checkers read the English version as English."""
    versions = []
    for code in ordered_languages():
        bound = form[field_for(form.fields, field, code)]
        bound.field.widget.attrs.setdefault("lang", code)
        versions.append(bound)
    return versions


@register.filter
def with_language(text) -> str:
    """A short text (a title, a city) in running HTML: as is in the page's language; in another language wrapped in
    ``<span lang="…">`` with a compact marker naming that language, so that neither readers nor screen readers
    take it for the page's language."""
    if not (isinstance(text, LocalizedText) and text.is_fallback):
        return conditional_escape(text)
    return format_html(
        '<span lang="{}">{}</span> <abbr class="fallback-badge" title="{}">{}</abbr>',
        text.language,
        str(text),
        fallback_message(text.language),
        text.language.upper(),
    )
