from django.urls import path

from works import views

app_name = "works"

urlpatterns = [
    path("", views.WorkListView.as_view(), name="list"),
    path("new/", views.WorkCreateView.as_view(), name="create"),
    path("map.geojson", views.MapGeoJSONView.as_view(), name="map_geojson"),
    path("<int:pk>/", views.WorkDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.WorkUpdateView.as_view(), name="edit"),
    path("<int:pk>/screening.csv", views.WorkScreeningCSVView.as_view(), name="screening_csv"),
    path("<int:pk>/screening.geojson", views.WorkScreeningGeoJSONView.as_view(), name="screening_geojson"),
]
