"""The seminars app's views, one module per screen group."""

from seminars.views.certificates import (
    CertificateListView,
    CertificatePdfView,
    CertificateRevokeView,
    CertificateZipView,
    VerifyCertificateView,
)
from seminars.views.door import DoorCheckinView, DoorScanView, DoorView
from seminars.views.exports import ExportCsvView, ExportXlsxView, ImportTemplateView, SigninSheetView
from seminars.views.feedback import (
    FeedbackFormView,
    FeedbackManageView,
    FeedbackQuestionDeleteView,
    FeedbackResultsView,
)
from seminars.views.imports import (
    ImportMappingView,
    ImportPreviewView,
    ImportProblemsView,
    ImportRunView,
    ImportUploadView,
)
from seminars.views.invitations import (
    InvitationDeclineView,
    InvitationListView,
    InvitationRemindView,
    InvitationView,
)
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
from seminars.views.privacy import PrivacyView
from seminars.views.records import TrainingRecordView
from seminars.views.registration import ConfirmRegistrationView, SelfRegistrationView
from seminars.views.self_service import MyRegistrationView
from seminars.views.seminars import (
    SeminarCalendarView,
    SeminarCreateView,
    SeminarDetailView,
    SeminarListView,
    SeminarUpdateView,
)

__all__ = [
    "BulkCheckinView",
    "CertificateListView",
    "CertificatePdfView",
    "CertificateRevokeView",
    "CertificateZipView",
    "CheckinView",
    "ConfirmRegistrationView",
    "DoorCheckinView",
    "DoorScanView",
    "DoorView",
    "ExportCsvView",
    "ExportXlsxView",
    "FeedbackFormView",
    "FeedbackManageView",
    "FeedbackQuestionDeleteView",
    "FeedbackResultsView",
    "ImportMappingView",
    "ImportPreviewView",
    "ImportProblemsView",
    "ImportRunView",
    "ImportTemplateView",
    "ImportUploadView",
    "InvitationDeclineView",
    "InvitationListView",
    "InvitationRemindView",
    "InvitationView",
    "MyRegistrationView",
    "ParticipantAddView",
    "ParticipantCancelView",
    "ParticipantEditView",
    "ParticipantListView",
    "PersonDetailView",
    "PrivacyView",
    "PromoteView",
    "SelfRegistrationView",
    "SeminarCalendarView",
    "SeminarCreateView",
    "SeminarDetailView",
    "SeminarListView",
    "SeminarUpdateView",
    "SigninSheetView",
    "TrainingRecordView",
    "VerifyCertificateView",
]
