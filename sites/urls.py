from django.urls import path

from sites import views

app_name = "sites"

urlpatterns = [
    path("", views.SiteListView.as_view(), name="list"),
    path("<slug:slug>/", views.SiteDetailView.as_view(), name="detail"),
]
