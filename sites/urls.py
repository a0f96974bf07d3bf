from django.urls import path

from portal.pagecache import cache_anonymous_page
from portal.streaming import conditional_export
from sites import followup, views
from sites.filters import SEARCH, catalogue_query
from sites.signals import CATALOGUE

app_name = "sites"

# The fixed paths come before <slug>, so that no site can shadow them (see sites.models.RESERVED_SLUGS).
# The public catalogue pages are cached for anonymous visitors (portal.pagecache); the CSV export streams.
# Each page is stored once per normalised set of the filters it uses (M2 of issue 13: no made-up parameter fills
# the cache); the site page uses none.
catalogue_page = cache_anonymous_page(CATALOGUE, query=catalogue_query, free_text=frozenset({SEARCH}))
site_page = cache_anonymous_page(CATALOGUE)
# The downloads stream in batches, gzipped when accepted, and answer 304 while the catalogue is unchanged.
download = conditional_export(CATALOGUE)

urlpatterns = [
    path("", catalogue_page(views.SiteListView.as_view()), name="list"),
    path("map/", catalogue_page(views.SiteMapView.as_view()), name="map"),
    path("export.xlsx", download(views.SiteExportView.as_view(fmt="xlsx")), name="export_xlsx"),
    path("export.csv", download(views.SiteExportView.as_view(fmt="csv")), name="export_csv"),
    path("designations.xlsx", download(views.DesignationExportView.as_view(fmt="xlsx")), name="designations_xlsx"),
    path("designations.csv", download(views.DesignationExportView.as_view(fmt="csv")), name="designations_csv"),
    path("export.geojson", download(catalogue_page(views.SiteExportGeoJSONView.as_view())), name="export_geojson"),
    path("<slug:slug>/", site_page(views.SiteDetailView.as_view()), name="detail"),
    path("<slug:slug>/edit/", views.SiteEditView.as_view(), name="edit"),
    path("<slug:slug>/obligations/new/", followup.ObligationCreateView.as_view(), name="obligation_create"),
    path("<slug:slug>/obligations/<int:pk>/", followup.ObligationUpdateView.as_view(), name="obligation_edit"),
    path("<slug:slug>/reviews/new/", followup.PeriodicReviewCreateView.as_view(), name="review_create"),
    path("<slug:slug>/reviews/<int:pk>/", followup.PeriodicReviewUpdateView.as_view(), name="review_edit"),
]
