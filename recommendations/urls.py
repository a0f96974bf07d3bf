from django.urls import path

from recommendations import views

app_name = "recommendations"

urlpatterns = [
    path("", views.RecommendationListView.as_view(), name="list"),
    path("dashboard/", views.DashboardView.as_view(), name="dashboard"),
    path("new/", views.RecommendationCreateView.as_view(), name="create"),
    path("export.csv", views.ExportView.as_view(format="csv"), name="export_csv"),
    path("export.xlsx", views.ExportView.as_view(format="xlsx"), name="export_xlsx"),
    path("<int:pk>/", views.RecommendationDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.RecommendationUpdateView.as_view(), name="edit"),
    # The reminder e-mails link here: keep the name and the path.
    path("<int:pk>/report/", views.ProgressReportCreateView.as_view(), name="report"),
    path("<int:pk>/status/", views.StatusChangeView.as_view(), name="status"),
]
