"""Seams for other apps' pages: `{% load recommendations %}` then

- `{% seminar_recommendations seminar %}` on a seminar's page: how many recommendations it made, a link to
  them and, for organizers and admins, "Record this seminar's recommendations";
- `{% site_recommendations site %}` on a site's page: its open and overdue recommendations, linked.

Both render nothing for anonymous visitors, who see no recommendations.
"""

from __future__ import annotations

from django import template
from django.db.models import Count, Q
from django.utils import timezone

from recommendations.models import Recommendation

register = template.Library()


def _counts(queryset) -> dict[str, int]:
    open_q = Q(status__in=Recommendation.OPEN_STATUSES)
    return queryset.aggregate(
        total=Count("pk"),
        open=Count("pk", filter=open_q),
        overdue=Count("pk", filter=open_q & Q(due_date__lt=timezone.localdate())),
    )


@register.inclusion_tag("recommendations/_seminar_box.html", takes_context=True)
def seminar_recommendations(context, seminar):
    user = context["request"].user
    if not user.has_perm("recommendations.view_recommendations"):
        return {"visible": False}
    return {
        "visible": True,
        "seminar": seminar,
        "counts": _counts(Recommendation.objects.filter(seminar=seminar)),
        "can_record": user.has_perm("recommendations.record_recommendation"),
    }


@register.inclusion_tag("recommendations/_site_box.html", takes_context=True)
def site_recommendations(context, site):
    user = context["request"].user
    if not user.has_perm("recommendations.view_recommendations"):
        return {"visible": False}
    return {"visible": True, "site": site, "counts": _counts(Recommendation.objects.filter(sites=site))}
