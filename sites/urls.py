from django.urls import path

from sites import views

app_name = "sites"

# The fixed paths come before <slug>, so that no site can shadow them (see sites.models.RESERVED_SLUGS).
urlpatterns = [
    path("", views.SiteListView.as_view(), name="list"),
    path("map/", views.SiteMapView.as_view(), name="map"),
    path("export.csv", views.SiteExportCSVView.as_view(), name="export_csv"),
    path("export.geojson", views.SiteExportGeoJSONView.as_view(), name="export_geojson"),
    path("<slug:slug>/", views.SiteDetailView.as_view(), name="detail"),
    path("<slug:slug>/edit/", views.SiteEditView.as_view(), name="edit"),
]
