from __future__ import annotations

from django import template

from documents import registry
from documents.display import attachments_of

register = template.Library()


@register.inclusion_tag("documents/_attachments.html", takes_context=True)
def attachment_list(context, obj, heading: str = "", level: int = 2, anchor: str = "documents"):
    """The attachments of ``obj`` that the reader may see, with "Add a document" and "Remove" for its owners.
    Call documents.display.prepare() on a page's objects first to load them all with one query."""
    user = context["request"].user
    items = attachments_of(obj, user)
    return {
        "obj": obj,
        "items": items,
        "can_attach": getattr(obj, "can_attach_documents", False),
        "parent_key": registry.for_object(obj).key,
        "heading": heading,
        "level": level,
        "anchor": anchor,
        "next": context["request"].get_full_path(),
    }
