"""A site's zones, at a path beside the site's own pages (/sites/<slug>/zones.geojson); included by portal/urls.py
by name, so that the project package imports no app."""

from django.urls import path

from zones import views

urlpatterns = [
    path("<slug:slug>/zones.geojson", views.SiteZonesGeoJSONView.as_view(), name="site_zones_geojson"),
]
