"""The privacy notice (issue 20), linked from every form that collects a participant's personal data."""

from __future__ import annotations

from django.conf import settings
from django.views.generic import TemplateView

from seminars.privacy import CONSENT_VERSION


class PrivacyView(TemplateView):
    template_name = "privacy.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            years=settings.PERSONAL_DATA_RETENTION_YEARS,
            contact=settings.PRIVACY_CONTACT_EMAIL,
            version=CONSENT_VERSION,
            **kwargs,
        )
