"""Forms people can use (issue 15): required fields marked, and the errors summed up at the top."""

from __future__ import annotations

from django import template
from django.utils.html import format_html

register = template.Library()


@register.filter
def marked_label(field) -> str:
    """The field's <label>, with a visible "*" after the suffix when the field is required (the input itself says
    ``required`` to assistive technology, so the mark is hidden from it)."""
    if not field.label:
        return ""
    if not field.field.required:
        return field.label_tag()
    suffix = field.field.label_suffix if field.field.label_suffix is not None else field.form.label_suffix
    label = field.label
    if suffix and label[-1] not in ":?.!":
        label = f"{label}{suffix}"
    contents = format_html('{} <span class="required-mark" aria-hidden="true">*</span>', label)
    return field.label_tag(contents=contents, label_suffix="")


@register.filter
def has_required_fields(form) -> bool:
    return any(field.field.required for field in form.visible_fields()) if form is not None else False


@register.filter
def error_count(form) -> int:
    return sum(len(errors) for errors in form.errors.values()) if form is not None else 0


@register.filter
def short_label(field) -> str:
    """The label without its closing punctuation, to be followed by ": <error>" in the summary."""
    return str(field.label or field.name).rstrip(" .:;!?")


@register.filter
def anchor(field) -> str:
    """The id an error links to: the input, or the group's container for radios and check-boxes."""
    return field.id_for_label or field.auto_id or ""
