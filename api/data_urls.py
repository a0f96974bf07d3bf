from django.urls import path

from api import data_views

app_name = "data"

urlpatterns = [
    path("", data_views.index, name="index"),
    path("<slug:dataset>.csv", data_views.download_csv, name="csv"),
    path("<slug:dataset>.json", data_views.download_json, name="json"),
]
