"""The seminars app's views, one module per screen group."""

from seminars.views.exports import ExportCsvView, ExportXlsxView, ImportTemplateView, SigninSheetView
from seminars.views.imports import ImportMappingView, ImportPreviewView, ImportUploadView
from seminars.views.participants import (
    BulkCheckinView,
    CheckinView,
    ParticipantAddView,
    ParticipantCancelView,
    ParticipantEditView,
    ParticipantListView,
    PersonDetailView,
    PromoteView,
)
from seminars.views.registration import ConfirmRegistrationView, SelfRegistrationView
from seminars.views.seminars import SeminarCreateView, SeminarDetailView, SeminarListView, SeminarUpdateView

__all__ = [
    "BulkCheckinView",
    "CheckinView",
    "ConfirmRegistrationView",
    "ExportCsvView",
    "ExportXlsxView",
    "ImportMappingView",
    "ImportPreviewView",
    "ImportTemplateView",
    "ImportUploadView",
    "ParticipantAddView",
    "ParticipantCancelView",
    "ParticipantEditView",
    "ParticipantListView",
    "PersonDetailView",
    "PromoteView",
    "SelfRegistrationView",
    "SeminarCreateView",
    "SeminarDetailView",
    "SeminarListView",
    "SeminarUpdateView",
    "SigninSheetView",
]
