from django.urls import path

from zones import views

app_name = "zones"

urlpatterns = [
    path("", views.ZoneMapView.as_view(), name="map"),
    path("upload/", views.ZoneUploadView.as_view(), name="upload"),
    path("<int:pk>/", views.ZoneDetailView.as_view(), name="detail"),
    path("corridors/upload/", views.CorridorUploadView.as_view(), name="corridor_upload"),
    path("corridors/<int:pk>/", views.CorridorDetailView.as_view(), name="corridor"),
]
