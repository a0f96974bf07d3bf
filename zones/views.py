"""Zone and corridor pages: the map of boundaries, a zone's page with its versions, uploads, a site's zones."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponseNotModified, HttpResponseRedirect, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, TemplateView, View

from portal import pagecache
from portal.permissions import PermissionRequiredMixin
from sites.models import Site
from sites.signals import CATALOGUE
from zones import exports, services
from zones.forms import CorridorUploadForm, ZoneUploadForm
from zones.models import SCHEMATIC_NOTE, Corridor, Zone
from zones.permissions import designations_for_upload


def map_settings() -> dict:
    return {"map_tile_url": settings.MAP_TILE_URL, "map_attribution": settings.MAP_TILE_ATTRIBUTION}


class ZoneMapView(TemplateView):
    """Zones by kind, corridors, sites (clustered) and planned works on one map, with the zones in a table."""

    template_name = "zones/zone_map.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        return (
            super().get_context_data(**kwargs)
            | map_settings()
            | {
                "zones": list(Zone.objects.select_related("designation", "site").defer("geojson")),
                "corridors": list(Corridor.objects.defer("geojson")),
                "kinds": Zone.Kind.choices,
                "schematic_note": SCHEMATIC_NOTE,
                "can_upload_zones": user.has_perm("zones.upload_zones"),
                "can_upload_corridors": user.has_perm("zones.upload_corridors"),
            }
        )


class ZoneDetailView(DetailView):
    template_name = "zones/zone_detail.html"
    context_object_name = "zone"

    def get_queryset(self):
        return Zone.objects.select_related("designation", "site")

    def get_context_data(self, **kwargs):
        zone = self.object
        # Versions without their geometry: a list of who replaced the boundary when, from which source.
        versions = list(
            zone.history.order_by("-history_date").values(
                "history_id", "history_date", "source", "source_date", "accuracy", "area_ha", "history_type"
            )
        )
        accuracy = dict(Zone._meta.get_field("accuracy").choices)
        for version in versions:
            version["accuracy_label"] = accuracy.get(version["accuracy"], version["accuracy"])
        return (
            super().get_context_data(**kwargs)
            | map_settings()
            | {
                "versions": versions,
                "geojson": {"type": "FeatureCollection", "features": [exports.zone_feature(zone)]},
                "warnings": [w for w in zone.warnings.splitlines() if w],
                "schematic_note": SCHEMATIC_NOTE,
            }
        )


class CorridorDetailView(DetailView):
    template_name = "zones/corridor_detail.html"
    context_object_name = "corridor"
    model = Corridor

    def get_context_data(self, **kwargs):
        return (
            super().get_context_data(**kwargs)
            | map_settings()
            | {
                "geojson": {"type": "FeatureCollection", "features": [exports.corridor_feature(self.object)]},
                "warnings": [w for w in self.object.warnings.splitlines() if w],
            }
        )


class ZoneUploadView(PermissionRequiredMixin, FormView):
    permission_required = "zones.upload_zones"
    template_name = "zones/zone_upload.html"
    form_class = ZoneUploadForm

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"designations": designations_for_upload(self.request.user)}

    def get_initial(self):
        return {"designation": self.request.GET.get("designation"), "site": self.request.GET.get("site")}

    def form_valid(self, form):
        data = form.cleaned_data
        zone = services.save_zone(
            designation=data["designation"],
            site=data["site"],
            kind=data["kind"],
            upload=form.upload,
            source=data["source"],
            source_date=data["source_date"],
            accuracy=data["accuracy"],
            user=self.request.user,
        )
        messages.success(self.request, _("The zone was saved."))
        for warning in form.upload.warnings:
            messages.warning(self.request, warning)
        return HttpResponseRedirect(zone.get_absolute_url())


class CorridorUploadView(PermissionRequiredMixin, FormView):
    permission_required = "zones.upload_corridors"
    template_name = "zones/corridor_upload.html"
    form_class = CorridorUploadForm

    def form_valid(self, form):
        data = form.cleaned_data
        corridor = services.save_corridor(
            upload=form.upload,
            name=data["name"],
            species=data["species"],
            source=data["source"],
            source_date=data["source_date"],
            accuracy=data["accuracy"],
            user=self.request.user,
        )
        messages.success(self.request, _("The corridor was saved."))
        for warning in form.upload.warnings:
            messages.warning(self.request, warning)
        return HttpResponseRedirect(corridor.get_absolute_url())


class SiteZonesGeoJSONView(View):
    """/sites/<slug>/zones.geojson: the zones of the site's designations (its own components' and the whole
    designations'). Every site page loads it (site-zones.js), so it is cheap to ask again: the stored geometry
    is written as it is (never parsed), compressed when the browser accepts gzip, and tagged with the
    catalogue's version, which every change of a zone, site or designation bumps (304 while unchanged)."""

    def get(self, request, slug):
        site = get_object_or_404(Site, slug=slug)
        version = pagecache.current_version(CATALOGUE)
        etag = f'"zones-{site.pk}-{version}-{get_language()}"'
        if etag in request.headers.get("If-None-Match", ""):
            response = HttpResponseNotModified()
        else:
            features = (exports.zone_feature(z, request.build_absolute_uri, raw=True) for z in site_zones(site))
            chunks = exports.stream_collection(features)
            gzip = "gzip" in request.headers.get("Accept-Encoding", "")
            response = StreamingHttpResponse(
                exports.gzip_stream(chunks) if gzip else chunks, content_type=exports.GEOJSON_CONTENT_TYPE
            )
            if gzip:
                response["Content-Encoding"] = "gzip"
            response["Content-Disposition"] = f'inline; filename="{site.slug}-zones.geojson"'
        response["ETag"] = etag
        patch_vary_headers(response, ["Accept-Encoding", "Accept-Language", "Cookie"])
        return response


def site_zones(site: Site) -> list[Zone]:
    """Zones of this site, and of its designations as a whole (not those of the designation's other sites)."""
    from django.db.models import Q

    return list(
        Zone.objects.filter(Q(site=site) | Q(site__isnull=True, designation__site_links__site=site))
        .select_related("designation", "site")
        .distinct()
        .order_by("designation__name_en", "kind")
    )
