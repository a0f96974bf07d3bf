from django.urls import path

from recommendations import views

app_name = "recommendations"

urlpatterns = [
    path("", views.RecommendationListView.as_view(), name="list"),
    path("dashboard/", views.DashboardView.as_view(), name="dashboard"),
    path("new/", views.RecommendationCreateView.as_view(), name="create"),
    path("<int:pk>/", views.RecommendationDetailView.as_view(), name="detail"),
    path("<int:pk>/report/", views.ProgressReportCreateView.as_view(), name="report"),
]
