"""`{% reminder_history recommendation %}`: the reminder digests that included a recommendation.

Two queries at most, whatever the number of deliveries: the items joined to their deliveries, and the
viewer's groups (to decide whether e-mail addresses may be shown; portal.roles caches them on the user).
"""

from __future__ import annotations

from django import template

from reminders.models import ReminderItem

register = template.Library()

HISTORY_LIMIT = 20


@register.inclusion_tag("reminders/_recommendation_history.html", takes_context=True)
def reminder_history(context, recommendation) -> dict:
    items = list(
        ReminderItem.objects.filter(recommendation=recommendation)
        .select_related("delivery")
        .order_by("-delivery__created_at", "-delivery__pk")[: HISTORY_LIMIT + 1]
    )
    user = context.get("user")
    return {
        "recommendation": recommendation,
        "entries": items[:HISTORY_LIMIT],
        "more": len(items) > HISTORY_LIMIT,
        # Organization contact addresses and site managers' addresses are for organizers and admins only.
        "show_emails": bool(user is not None and user.has_perm("reminders.view_recipient_addresses")),
    }
