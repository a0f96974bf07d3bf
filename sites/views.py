"""The site catalogue: list, map, exports, the site page and the site manager's edit page."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponseBadRequest, HttpResponseRedirect, StreamingHttpResponse
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView, TemplateView, UpdateView, View

from documents import display
from portal import pagecache
from portal.exports import Table, describe_filters, export_response
from portal.listing import PageSizeMixin, filters_chosen
from portal.pagination import DeferredJoinPaginator
from portal.permissions import PermissionRequiredMixin
from portal.sorting import sort_field
from sites import exports, services
from sites.filters import SiteFilter
from sites.forms import SiteManagementForm
from sites.models import Designation, Site, SiteDesignation
from sites.signals import CATALOGUE

EXPORT_CHUNK = 500


class SiteFilterMixin:
    """Builds the FilterSet from the query string once per request."""

    def get_filterset(self) -> SiteFilter:
        if not hasattr(self, "_filterset"):
            # Always bound (an empty query string is valid), so that the default sort applies too.
            self._filterset = SiteFilter(self.request.GET, queryset=Site.objects.for_listing(), request=self.request)
            if not self._filterset.is_valid():
                # An unknown region (or any refused value) is shown with an error, never kept in the page cache.
                self.request.page_cache_refused = True
        return self._filterset

    def filter_query_string(self) -> str:
        """The current filters without the page number, for links to the map, the exports and other pages."""
        params = self.request.GET.copy()
        params.pop("page", None)
        return params.urlencode()

    def filter_context(self) -> dict:
        filterset = self.get_filterset()
        return {
            "filterset": filterset,
            "filter_errors": filterset.error_messages(),
            "filter_query": self.filter_query_string(),
            "is_filtered": filters_chosen(self.request.GET),
        }

    def map_context(self) -> dict:
        return {"map_tile_url": settings.MAP_TILE_URL, "map_attribution": settings.MAP_TILE_ATTRIBUTION}


class SiteListView(SiteFilterMixin, PageSizeMixin, ListView):
    template_name = "sites/site_list.html"
    context_object_name = "sites"
    paginate_by = 25
    paginator_class = DeferredJoinPaginator  # deep pages sort ids, not whole rows

    def get_queryset(self):
        return self.get_filterset().qs

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | self.filter_context()


class SiteMapView(SiteFilterMixin, TemplateView):
    """Every site matching the filters on a Leaflet map, with the same sites in a table for when it cannot load."""

    template_name = "sites/site_map.html"

    def get_context_data(self, **kwargs):
        sites = list(self.get_filterset().qs)
        located = [site for site in sites if site.has_coordinates]
        return (
            super().get_context_data(**kwargs)
            | self.filter_context()
            | self.map_context()
            | {
                "sites": sites,
                "unlocated": [site for site in sites if not site.has_coordinates],
                "geojson": exports.feature_collection(located, self.request.build_absolute_uri),
            }
        )


class SiteExportView(SiteFilterMixin, View):
    """The filtered site list as XLSX (for people) or CSV (for machines and Excel); ``fmt`` comes from the URL."""

    fmt = "xlsx"

    def get(self, request, *args, **kwargs):
        filterset = self.get_filterset()
        if errors := filterset.error_messages():
            return HttpResponseBadRequest(exports.filter_error_text(errors), content_type="text/plain; charset=utf-8")
        table = Table(
            title=_("UNESCO-designated sites"),
            columns=exports.table_columns(),
            rows=exports.table_rows(filterset.qs.iterator(chunk_size=EXPORT_CHUNK), request.build_absolute_uri),
            filters=describe_filters(filterset),
        )
        return export_response(request, table, basename="mura-sites", fmt=self.fmt)


class DesignationExportView(View):
    """Every designation (World Heritage property, biosphere reserve) with its figures and sites."""

    fmt = "xlsx"

    def get(self, request, *args, **kwargs):
        designations = Designation.objects.prefetch_related("sites").order_by("kind", sort_field(), "pk")
        table = Table(
            title=_("UNESCO designations"),
            columns=exports.designation_columns(),
            rows=exports.designation_rows(designations),
        )
        return export_response(request, table, basename="mura-designations", fmt=self.fmt)


class SiteExportGeoJSONView(SiteFilterMixin, View):
    def get(self, request, *args, **kwargs):
        filterset = self.get_filterset()
        if errors := filterset.error_messages():
            return HttpResponseBadRequest(exports.filter_error_text(errors), content_type="text/plain; charset=utf-8")
        sites = filterset.qs.iterator(chunk_size=EXPORT_CHUNK)
        response = StreamingHttpResponse(
            exports.stream_feature_collection(sites, request.build_absolute_uri),
            content_type=exports.GEOJSON_CONTENT_TYPE,
        )
        response["Content-Disposition"] = 'attachment; filename="mura-sites.geojson"'
        return response


class SiteDetailView(pagecache.PrivatePageCacheMixin, DetailView):
    """Anonymous visitors get the cached public page (sites.urls); a signed-in reader (a manager sees the edit
    links, follow-up and documents of their sites) gets their own copy, kept until the catalogue or their roles
    change (portal.pagecache.private_page)."""

    template_name = "sites/site_detail.html"
    private_cache_namespaces = (CATALOGUE,)
    context_object_name = "site"

    def get_queryset(self):
        return Site.objects.for_detail()

    def designation_links(self, site: Site) -> list[SiteDesignation]:
        """This site's designations, each with its obligations and the other components of its property.

        One query for every link of every designation this site carries (its own and the other sites'),
        one for the obligations, one for the periodic reviews.
        """
        links = list(
            SiteDesignation.objects.filter(designation__site_links__site=site)
            .select_related("designation", "site")
            .prefetch_related("designation__obligations", "designation__periodic_reviews")
            .order_by("designation__kind", f"designation__{sort_field()}", f"site__{sort_field()}")
        )
        own = [link for link in links if link.site_id == site.pk]
        for link in own:
            link.other_components = [
                other for other in links if other.designation_id == link.designation_id and other.site_id != site.pk
            ]
            link.designation.mura_site_ids = frozenset(
                other.site_id for other in links if other.designation_id == link.designation_id
            )
        return own

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        site, user = self.object, self.request.user
        show_recommendations = user.has_perm("recommendations.view_recommendations")
        links = self.designation_links(site)
        # The documents of the site and of its designations: one query for all (documents.display).
        display.prepare([site, *(link.designation for link in links)], user)
        context |= {
            "links": links,
            "seminars": list(site.seminars.published().order_by("-start")),
            "show_recommendations": show_recommendations,
            # Signed-in readers see the open ones; anyone else the published ones (the public register).
            "recommendations": list(
                (site.recommendations.open() if show_recommendations else site.recommendations.published())
                .select_related("lead_organization")
                .order_by("due_date", "pk")
            ),
            "show_contacts": user.has_perm("sites.view_contacts"),
            "map_tile_url": settings.MAP_TILE_URL,
            "map_attribution": settings.MAP_TILE_ATTRIBUTION,
        }
        if site.has_coordinates:
            context["geojson"] = {"type": "FeatureCollection", "features": [self.point_feature(site)]}
        return context

    def point_feature(self, site: Site) -> dict:
        # The page's own map needs no designations or regions: just the point and the name.
        return {
            "type": "Feature",
            "id": site.slug,
            "geometry": {
                "type": "Point",
                "coordinates": [round(float(site.longitude), 6), round(float(site.latitude), 6)],
            },
            "properties": {"slug": site.slug, "name": site.name, "url": site.get_absolute_url()},
        }


class SiteEditView(PermissionRequiredMixin, UpdateView):
    """A site manager edits the management fields of their own sites; admins edit any. Others get 403."""

    permission_required = "sites.change_site"
    form_class = SiteManagementForm
    template_name = "sites/site_form.html"
    context_object_name = "site"

    def get_queryset(self):
        return Site.objects.prefetch_related("managers")

    def form_valid(self, form):
        changed = services.update_management(self.object, form.cleaned_data)
        if changed:
            messages.success(self.request, _("The management details were saved."))
        else:
            messages.info(self.request, _("Nothing was changed."))
        return HttpResponseRedirect(self.get_success_url())

    def get_success_url(self) -> str:
        return self.object.get_absolute_url()
