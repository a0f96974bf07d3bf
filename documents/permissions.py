"""The documents app's rules (see `portal.permissions` for the convention).

"The owners" of an attachment are those who may edit its parent, by the parent's own rule (documents.registry:
a site's managers, a seminar's organizers, whoever may edit a recommendation or report progress on it...).
They add and remove attachments and see all of them. Others see an attachment when they may see its parent
and it is public, or signed-in only and they are signed in.
"""

from __future__ import annotations

import rules

from documents import registry
from documents.models import Attachment
from portal.roles import has_object, is_active_user, is_admin


def _parent_entry(obj):
    return registry.for_model(type(obj)) if obj is not None else None


@rules.predicate
def can_manage_parent(user, obj) -> bool:
    """``obj`` is a registered parent object (a site, a seminar...) that ``user`` may edit."""
    entry = _parent_entry(obj)
    return bool(entry and user.is_authenticated and entry.can_manage(user, obj))


@rules.predicate
def owns_attachment(user, attachment: Attachment) -> bool:
    parent = attachment.parent
    return parent is not None and bool(can_manage_parent(user, parent))


@rules.predicate
def may_see_attachment(user, attachment: Attachment) -> bool:
    parent = attachment.parent
    entry = _parent_entry(parent)
    if entry is None or not entry.can_view(user, parent):
        return False
    if attachment.visibility == Attachment.Visibility.PUBLIC:
        return True
    if attachment.visibility == Attachment.Visibility.SIGNED_IN and is_active_user(user):
        return True
    return bool(can_manage_parent(user, parent))


can_attach = has_object & can_manage_parent
can_download = has_object & (is_admin | may_see_attachment)
can_remove = has_object & (is_admin | owns_attachment)

# Asked about the parent object: add attachments to it (and see its attachments of every visibility).
rules.add_perm("documents.attach_to", can_attach)
# Asked about an attachment.
rules.add_perm("documents.download_attachment", can_download)
rules.add_perm("documents.remove_attachment", can_remove)
