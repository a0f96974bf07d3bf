from django.urls import path

from seminars import views

app_name = "seminars"

urlpatterns = [
    path("", views.SeminarListView.as_view(), name="list"),
    path("<slug:slug>/", views.SeminarDetailView.as_view(), name="detail"),
]
