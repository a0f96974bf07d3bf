"""Atom feed of the public register: status changes and progress reports of published recommendations,
newest first, for journalists and partners. `?site=`, `?organization=` (lead or supporting) and `?theme=`
(any of a recommendation's themes) narrow it; an unknown value is a 404, not a silently wider feed. Nothing
about people: a status change without who made it or their comment, a report with its organization only."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.syndication.views import Feed
from django.db.models import Q
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from portal.models import Organization
from recommendations.models import ProgressReport, Recommendation, StatusChange
from sites.models import Site

LENGTH = 50
SiteLink = Recommendation.sites.through
SupportingLink = Recommendation.supporting_organizations.through


class RegisterFeed(Feed):
    feed_type = Atom1Feed
    author_name = "Mura"

    def get_object(self, request):
        params, found = request.GET, {}
        for name, model in (("site", Site), ("organization", Organization)):
            slug = params.get(name)
            if slug:
                found[name] = model.objects.filter(slug=slug).first()
                if found[name] is None:
                    raise Http404
        theme = params.get("theme")
        if theme:
            if theme not in Recommendation.Theme.values:
                raise Http404
            found["theme"] = theme
        return found

    def _query(self, obj: dict) -> str:
        query = {
            name: value if isinstance(value, str) else value.slug for name, value in obj.items() if value is not None
        }
        return f"?{urlencode(query)}" if query else ""

    def title(self, obj: dict) -> str:
        parts = []
        if obj.get("site"):
            parts.append(obj["site"].name)
        if obj.get("organization"):
            parts.append(obj["organization"].name)
        if obj.get("theme"):
            parts.append(str(Recommendation.Theme(obj["theme"]).label))
        title = _("Recommendations: status changes and progress reports")
        return f"{title} ({'; '.join(parts)})" if parts else title

    def subtitle(self, obj: dict) -> str:
        return _("The published recommendations of the Mura register, newest events first.")

    def link(self, obj: dict) -> str:
        return reverse("recommendations:list") + self._query(obj)

    def feed_url(self, obj: dict) -> str:
        return reverse("recommendations:feed") + self._query(obj)

    def recommendations(self, obj: dict):
        recs = Recommendation.objects.published()
        if obj.get("site"):
            recs = recs.filter(pk__in=SiteLink.objects.filter(site=obj["site"]).values("recommendation_id"))
        if obj.get("organization"):
            org = obj["organization"]
            supported = SupportingLink.objects.filter(organization=org).values("recommendation_id")
            recs = recs.filter(Q(lead_organization=org) | Q(pk__in=supported))
        if obj.get("theme"):
            recs = recs.with_theme(obj["theme"])  # any of its themes
        return recs

    def items(self, obj: dict) -> list:
        recs = self.recommendations(obj).values("pk")
        changes = (
            StatusChange.objects.filter(recommendation__in=recs)
            .select_related("recommendation")
            .order_by("-changed_at", "-pk")[:LENGTH]
        )
        reports = (
            ProgressReport.objects.filter(recommendation__in=recs)
            .select_related("recommendation", "organization")
            .order_by("-created_at", "-pk")[:LENGTH]
        )
        events = [*changes, *reports]
        events.sort(key=self.item_updateddate, reverse=True)
        return events[:LENGTH]

    def item_title(self, item) -> str:
        title = item.recommendation.title
        if isinstance(item, StatusChange):
            return _("%(title)s: now “%(status)s”") % {"title": title, "status": item.get_to_status_display()}
        return _("%(title)s: progress report") % {"title": title}

    def item_description(self, item) -> str:
        if isinstance(item, StatusChange):
            if item.from_status:
                return _("Status changed from “%(from)s” to “%(to)s”.") % {
                    "from": item.get_from_status_display(),
                    "to": item.get_to_status_display(),
                }
            return _("Status set to “%(to)s”.") % {"to": item.get_to_status_display()}
        if item.organization:
            return _("Progress report for %(organization)s: %(text)s") % {
                "organization": item.organization.name,
                "text": item.text,
            }
        return _("Progress report: %(text)s") % {"text": item.text}

    def item_link(self, item) -> str:
        anchor = "status" if isinstance(item, StatusChange) else "report"
        return f"{item.recommendation.get_absolute_url()}#{anchor}-{item.pk}"

    def item_updateddate(self, item):
        return item.changed_at if isinstance(item, StatusChange) else item.created_at

    item_pubdate = item_updateddate
