"""`{% reminder_history recommendation %}`: the reminder digests that included a recommendation.

Two queries, whatever the number of deliveries: the items joined to their deliveries, and the viewer's groups (to
decide whether e-mail addresses may be shown; portal.roles caches them on the user). When an item was escalated,
two more at most: the letters it went out with, and the organizations the viewer is a focal point for.
"""

from __future__ import annotations

from django import template

from reminders.models import Delivery, Letter, ReminderItem

register = template.Library()

HISTORY_LIMIT = 20


@register.inclusion_tag("reminders/_recommendation_history.html", takes_context=True)
def reminder_history(context, recommendation) -> dict:
    items = list(
        ReminderItem.objects.filter(recommendation=recommendation)
        # News digests go to the seminar's participants: their names and addresses are not for this page.
        .exclude(delivery__kind=Delivery.Kind.NEWS)
        .select_related("delivery")
        .order_by("-delivery__created_at", "-delivery__pk")[: HISTORY_LIMIT + 1]
    )
    user = context.get("user")
    # The official letter an escalated item went out with (reminders.letters), for those who may read it: one
    # query more, only when something was escalated.
    escalated = {item.delivery_id for item in items[:HISTORY_LIMIT] if item.escalated}
    letters = {}
    if escalated:
        links = Letter.deliveries.through.objects.filter(delivery_id__in=escalated).select_related("letter")
        letters = {link.delivery_id: link.letter for link in links.defer("letter__pdf")}
    for item in items:
        item.letter = letters.get(item.delivery_id) if item.escalated else None
        if item.letter is not None and not (user is not None and user.has_perm("reminders.read_letter", item.letter)):
            item.letter = None
    return {
        "recommendation": recommendation,
        "entries": items[:HISTORY_LIMIT],
        "more": len(items) > HISTORY_LIMIT,
        # Organization contact addresses and site managers' addresses are for organizers and admins only.
        "show_emails": bool(user is not None and user.has_perm("reminders.view_recipient_addresses")),
    }
