"""Planned works: the list, recording one (drawn or uploaded), its screening page and exports, and the map's
combined GeoJSON of zones, corridors and works."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.db.models import Prefetch
from django.http import HttpResponseRedirect, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _
from django.views.generic import CreateView, DetailView, ListView, UpdateView, View

from portal.exports import NUMBER, Column, Table, export_response
from portal.permissions import PermissionRequiredMixin
from works import services
from works.forms import PlannedWorkForm
from works.models import PlannedWork, Screening, ScreeningHit
from works.permissions import WorksPermissionMixin
from zones import exports as zone_exports
from zones.models import SCHEMATIC_NOTE, Accuracy, Corridor, Zone
from zones.views import map_settings


class WorkListView(WorksPermissionMixin, ListView):
    template_name = "works/work_list.html"
    context_object_name = "works"
    paginate_by = 50

    def get_queryset(self):
        return PlannedWork.objects.defer("geojson").prefetch_related(
            Prefetch("screenings", queryset=Screening.objects.order_by("-screened_at", "-pk"))
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"can_record": self.request.user.has_perm("works.record_works")}


class WorkCreateView(WorksPermissionMixin, CreateView):
    permission_required = "works.record_works"
    template_name = "works/work_form.html"
    form_class = PlannedWorkForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | map_settings() | {"kinds": Zone.Kind.choices}

    def form_valid(self, form):
        work = form.save(commit=False)
        screening = services.record_work(work, form.geometry_upload.geometry, user=self.request.user)
        for warning in form.geometry_upload.warnings:
            messages.warning(self.request, warning)
        if screening.hits.exists():
            messages.warning(self.request, _("The work concerns UNESCO sites: see the screening below."))
        else:
            messages.success(self.request, _("The work was recorded; nothing lies within the screening distance."))
        return HttpResponseRedirect(work.get_absolute_url())


class WorkUpdateView(PermissionRequiredMixin, UpdateView):
    """Edit a work's facts or its geometry; a new geometry or distance screens it again (new notices if it hits)."""

    permission_required = "works.change_plannedwork"
    template_name = "works/work_form.html"
    form_class = PlannedWorkForm
    context_object_name = "work"

    def get_queryset(self):
        return PlannedWork.objects.all()

    def get_context_data(self, **kwargs):
        collection = {"type": "FeatureCollection", "features": [work_feature(self.object)]}
        return super().get_context_data(**kwargs) | map_settings() | {"kinds": Zone.Kind.choices, "geojson": collection}

    def form_valid(self, form):
        upload = form.geometry_upload
        screening = services.update_work(form.save(commit=False), upload.geometry if upload else None)
        for warning in upload.warnings if upload else []:
            messages.warning(self.request, warning)
        if screening is None:
            messages.success(self.request, _("The work was saved; its geometry and distance did not change."))
        elif screening.hits.exists():
            messages.warning(self.request, _("Screened again: the work concerns UNESCO sites, see the screening."))
        else:
            messages.success(self.request, _("Screened again: nothing lies within the screening distance."))
        return HttpResponseRedirect(self.object.get_absolute_url())


def screening_hits(screening: Screening | None) -> list[ScreeningHit]:
    if screening is None:
        return []
    return list(
        screening.hits.select_related("site", "designation", "corridor").order_by("-inside", "distance_m", "pk")
    )


class WorkDetailView(WorksPermissionMixin, DetailView):
    """The screening page: printable; exports as GeoJSON and CSV."""

    template_name = "works/work_detail.html"
    context_object_name = "work"

    def get_queryset(self):
        return PlannedWork.objects.select_related("created_by")

    def get_context_data(self, **kwargs):
        work = self.object
        screening = work.screenings.order_by("-screened_at", "-pk").prefetch_related("obligations__designation").first()
        hits = screening_hits(screening)
        zones = Zone.objects.filter(pk__in={h.zone_id for h in hits if h.zone_id}).select_related("designation", "site")
        corridors = Corridor.objects.filter(pk__in={h.corridor_id for h in hits if h.corridor_id})
        features = [work_feature(work)]
        features += [zone_exports.zone_feature(z) for z in zones]
        features += [zone_exports.corridor_feature(c) for c in corridors]
        user = self.request.user
        return (
            super().get_context_data(**kwargs)
            | map_settings()
            | {
                "screening": screening,
                "hits": hits,
                "obligations": list(screening.obligations.all()) if screening else [],
                "geojson": {"type": "FeatureCollection", "features": features},
                "kinds": Zone.Kind.choices,
                "schematic_note": SCHEMATIC_NOTE,
                "can_edit": user.has_perm("works.change_plannedwork", work),
                "recommendation_url": recommendation_url(work, hits)
                if user.has_perm("recommendations.record_recommendation")
                else "",
            }
        )


def recommendation_url(work: PlannedWork, hits: list[ScreeningHit]) -> str:
    """The recommendation form, prefilled from the screening (the form reads these parameters)."""
    if not hits:
        return ""
    sites = sorted({h.site.slug for h in hits if h.site_id})
    title = _("Take the zones into account in planning: %(work)s") % {"work": work.title}
    text = _("The planned work “%(work)s” (%(body)s) was screened on the portal: %(url)s") % {
        "work": work.title,
        "body": work.responsible_body,
        "url": f"{settings.PORTAL_BASE_URL}{work.get_absolute_url()}",
    }
    query = [("title_en", title[:255]), ("text", text), ("source_kind", "other")] + [("site", s) for s in sites]
    return f"{reverse('recommendations:create')}?{urlencode(query)}"


def work_feature(work: PlannedWork, *, raw: bool = False) -> dict:
    return {
        "type": "Feature",
        "id": f"work-{work.pk}",
        "geometry": zone_exports.geometry_of(work, raw),
        "properties": {
            "layer": "work",
            "name": work.title,
            "zone": work.get_kind_display(),
            "designation": "",
            "source": work.responsible_body,
            "stage": work.get_stage_display(),
            "length_km": round(work.length_km, 2) if work.length_km else None,
            "area_ha": round(work.area_ha, 1) if work.area_ha else None,
            "note": work.label,
            "url": work.get_absolute_url(),
        },
    }


def hit_rows(hits: list[ScreeningHit]):
    for hit in hits:
        yield [
            hit.site.name if hit.site_id else "",
            hit.designation.name if hit.designation_id else "",
            hit.get_zone_kind_display() if hit.zone_id or hit.zone_kind else _("Ecological corridor"),
            hit.corridor.name if hit.corridor_id else "",
            _("yes") if hit.inside else _("no"),
            round(hit.length_inside_m, 1),
            round(hit.area_inside_m2 / 10_000, 3),
            round(hit.distance_m, 1),
            str(SCHEMATIC_NOTE) if hit.zone_accuracy == Accuracy.SCHEMATIC else "",
        ]


class WorkScreeningCSVView(WorksPermissionMixin, View):
    def get(self, request, pk):
        work = get_object_or_404(PlannedWork, pk=pk)
        screening = work.screenings.order_by("-screened_at", "-pk").first()
        columns = [
            Column("site", _("Site")),
            Column("designation", _("Designation")),
            Column("zone", _("Zone")),
            Column("corridor", _("Corridor")),
            Column("intersects", _("Intersects")),
            Column("length_inside_m", _("Length inside (m)"), NUMBER),
            Column("area_inside_ha", _("Area inside (ha)"), NUMBER),
            Column("distance_m", _("Distance (m)"), NUMBER),
            Column("note", _("Note")),
        ]
        table = Table(
            title=_("Screening of %(work)s") % {"work": work}, columns=columns, rows=hit_rows(screening_hits(screening))
        )
        return export_response(request, table, basename=f"mura-screening-{work.pk}", fmt="csv", private=True)


class WorkScreeningGeoJSONView(WorksPermissionMixin, View):
    def get(self, request, pk):
        work = get_object_or_404(PlannedWork, pk=pk)
        screening = work.screenings.order_by("-screened_at", "-pk").first()
        hits = screening_hits(screening)
        feature = work_feature(work)
        feature["properties"]["screening"] = [
            {
                "site": h.site.name if h.site_id else None,
                "designation": h.designation.name if h.designation_id else None,
                "zone": h.zone_kind or "corridor",
                "corridor": h.corridor.name if h.corridor_id else None,
                "intersects": h.inside,
                "length_inside_m": round(h.length_inside_m, 1),
                "area_inside_ha": round(h.area_inside_m2 / 10_000, 3),
                "distance_m": round(h.distance_m, 1),
                "note": str(SCHEMATIC_NOTE) if h.zone_accuracy == Accuracy.SCHEMATIC else "",
            }
            for h in hits
        ]
        zones = Zone.objects.filter(pk__in={h.zone_id for h in hits if h.zone_id}).select_related("designation", "site")
        features = [feature] + [zone_exports.zone_feature(z, request.build_absolute_uri, raw=True) for z in zones]
        response = StreamingHttpResponse(
            zone_exports.stream_collection(features), content_type=zone_exports.GEOJSON_CONTENT_TYPE
        )
        response["Content-Disposition"] = f'attachment; filename="mura-screening-{work.pk}.geojson"'
        patch_cache_control(response, no_store=True, private=True)
        return response


class MapGeoJSONView(View):
    """Every zone and corridor, and the planned works for those who may see them, as one GeoJSON streamed and
    compressed with gzip (the map loads it; it is also the download)."""

    def get(self, request):
        absolute = request.build_absolute_uri
        show_works = request.user.has_perm("works.view_works")

        def features():
            for zone in zone_exports.zones_for_export().iterator(chunk_size=zone_exports.CHUNK):
                yield zone_exports.zone_feature(zone, absolute, raw=True)
            for corridor in Corridor.objects.order_by("pk").iterator(chunk_size=zone_exports.CHUNK):
                yield zone_exports.corridor_feature(corridor, absolute, raw=True)
            if show_works:
                for work in PlannedWork.objects.order_by("pk").iterator(chunk_size=zone_exports.CHUNK):
                    feature = work_feature(work, raw=True)
                    feature["properties"]["url"] = absolute(feature["properties"]["url"])
                    yield feature

        chunks = zone_exports.stream_collection(features())
        gzip = "gzip" in request.headers.get("Accept-Encoding", "")
        response = StreamingHttpResponse(
            zone_exports.gzip_stream(chunks) if gzip else chunks, content_type=zone_exports.GEOJSON_CONTENT_TYPE
        )
        if gzip:
            response["Content-Encoding"] = "gzip"
        patch_vary_headers(response, ["Accept-Encoding", "Cookie"])
        if show_works:
            patch_cache_control(response, no_store=True, private=True)
        response["Content-Disposition"] = 'inline; filename="mura-zones-and-works.geojson"'
        return response
