from django.urls import path

from documents import views

app_name = "documents"

urlpatterns = [
    path("<int:pk>/download/", views.DownloadView.as_view(), name="download"),
    path("<int:pk>/remove/", views.RemoveView.as_view(), name="remove"),
    path("new/<slug:parent>/<int:pk>/", views.AttachView.as_view(), name="attach"),
]
