from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("", views.ReportIndexView.as_view(), name="index"),
    path("seminars/<slug:slug>.docx", views.SeminarReportView.as_view(), name="seminar"),
    path("regions/<slug:slug>/<int:year>.docx", views.RegionReportView.as_view(), name="region"),
    path("biosphere-reserves/<slug:slug>/review-annex.docx", views.ReviewAnnexView.as_view(), name="review_annex"),
]
