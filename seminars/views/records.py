"""A person's training record, opened from the link in the thank-you e-mail (issue 20, item 4)."""

from __future__ import annotations

from django.http import Http404
from django.views.generic import TemplateView

from seminars import person_records
from seminars.views.base import NoStoreMixin


class TrainingRecordView(NoStoreMixin, TemplateView):
    template_name = "seminars/training_record.html"

    def get_context_data(self, **kwargs):
        person = person_records.person_for_token(self.kwargs["token"])
        if person is None:
            raise Http404
        return super().get_context_data(person=person, registrations=person_records.attended(person), **kwargs)
