"""Mounted at the site root (portal/urls.py), so that /people/<id>/ shares the `seminars` namespace."""

from django.urls import include, path

from seminars import views

app_name = "seminars"

participant_patterns = [
    path("", views.ParticipantListView.as_view(), name="participants"),
    path("add/", views.ParticipantAddView.as_view(), name="participant_add"),
    path("import/", views.ImportUploadView.as_view(), name="import"),
    path("import/template.xlsx", views.ImportTemplateView.as_view(), name="import_template"),
    path("import/map/", views.ImportMappingView.as_view(), name="import_map"),
    path("import/preview/", views.ImportPreviewView.as_view(), name="import_preview"),
    path("import/runs/<int:pk>/", views.ImportRunView.as_view(), name="import_run"),
    path("import/runs/<int:pk>/rows-not-imported.xlsx", views.ImportProblemsView.as_view(), name="import_problems"),
    path("export.csv", views.ExportCsvView.as_view(), name="export_csv"),
    path("export.xlsx", views.ExportXlsxView.as_view(), name="export_xlsx"),
    path("sign-in-sheet/", views.SigninSheetView.as_view(), name="signin_sheet"),
    path("check-in/", views.BulkCheckinView.as_view(), name="checkin_bulk"),
    path("certificates/", views.CertificateListView.as_view(), name="certificates"),
    path("certificates/<int:pk>/certificates.zip", views.CertificateZipView.as_view(), name="certificate_zip"),
    path("<int:pk>/certificate.pdf", views.CertificatePdfView.as_view(), name="certificate"),
    path("<int:pk>/certificate/revoke/", views.CertificateRevokeView.as_view(), name="certificate_revoke"),
    path("<int:pk>/edit/", views.ParticipantEditView.as_view(), name="participant_edit"),
    path("<int:pk>/cancel/", views.ParticipantCancelView.as_view(), name="participant_cancel"),
    path("<int:pk>/check-in/", views.CheckinView.as_view(), name="checkin"),
    path("<int:pk>/promote/", views.PromoteView.as_view(), name="promote"),
]

seminar_patterns = [
    path("", views.SeminarListView.as_view(), name="list"),
    path("new/", views.SeminarCreateView.as_view(), name="create"),
    path("<slug:slug>/", views.SeminarDetailView.as_view(), name="detail"),
    path("<slug:slug>/edit/", views.SeminarUpdateView.as_view(), name="edit"),
    path("<slug:slug>/calendar.ics", views.SeminarCalendarView.as_view(), name="calendar"),
    path("<slug:slug>/register/", views.SelfRegistrationView.as_view(), name="register"),
    path(
        "<slug:slug>/register/confirm/<str:token>/",
        views.ConfirmRegistrationView.as_view(),
        name="register_confirm",
    ),
    # A participant's own registration, from the link in their e-mails (seminars/self_service.py).
    path("<slug:slug>/my-registration/<str:token>/", views.MyRegistrationView.as_view(), name="my_registration"),
    path("<slug:slug>/participants/", include(participant_patterns)),
    # Invitations (issue 20): the organizer's page, and the invitee's personal link and decline.
    # Feedback after the seminar (issue 20): the organizers' questions, the counts, the attendee's form.
    path("<slug:slug>/feedback/", views.FeedbackManageView.as_view(), name="feedback"),
    path("<slug:slug>/feedback/results/", views.FeedbackResultsView.as_view(), name="feedback_results"),
    path(
        "<slug:slug>/feedback/questions/<int:pk>/delete/",
        views.FeedbackQuestionDeleteView.as_view(),
        name="feedback_question_delete",
    ),
    path("<slug:slug>/feedback/answer/<str:token>/", views.FeedbackFormView.as_view(), name="feedback_form"),
    path("<slug:slug>/invitations/", views.InvitationListView.as_view(), name="invitations"),
    path("<slug:slug>/invitations/remind/", views.InvitationRemindView.as_view(), name="invitations_remind"),
    path("<slug:slug>/invitation/<str:token>/", views.InvitationView.as_view(), name="invitation"),
    path(
        "<slug:slug>/invitation/<str:token>/decline/", views.InvitationDeclineView.as_view(), name="invitation_decline"
    ),
    # The check-in at the door (seminars/views/door.py); the QR codes in the confirmations point here.
    path("<slug:slug>/door/", views.DoorView.as_view(), name="door"),
    path("<slug:slug>/door/scan/", views.DoorScanView.as_view(), name="door_scan"),
    path("<slug:slug>/door/<int:pk>/", views.DoorCheckinView.as_view(), name="door_checkin"),
]

urlpatterns = [
    path("seminars/", include(seminar_patterns)),
    path("people/<int:pk>/", views.PersonDetailView.as_view(), name="person"),
    # A person's own training record, from the link in the thank-you e-mail (seminars/person_records.py).
    path("people/record/<str:token>/", views.TrainingRecordView.as_view(), name="training_record"),
    # Public: the QR code on each attendance certificate points here.
    path("verify/<str:code>/", views.VerifyCertificateView.as_view(), name="verify_certificate"),
    path("privacy/", views.PrivacyView.as_view(), name="privacy"),
]
