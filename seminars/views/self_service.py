"""A participant's own registration, opened from the link in their e-mails, without an account (issue 15)."""

from __future__ import annotations

from django.http import Http404, HttpResponseRedirect
from django.views.generic import TemplateView

from seminars import self_service, services
from seminars.models import Seminar
from seminars.views.base import NoStoreMixin


class MyRegistrationView(NoStoreMixin, TemplateView):
    """The registration the link names: its seminar, status and place on the waiting list, and a button that
    cancels it. A bad or outdated link is a 404, like a page that does not exist; a second cancellation
    changes nothing and shows the cancelled registration again."""

    template_name = "seminars/my_registration.html"

    def dispatch(self, request, *args, **kwargs):
        self.registration = self_service.registration_for_token(kwargs["slug"], kwargs["token"])
        if self.registration is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        registration = self.registration
        seminar = registration.seminar
        return super().get_context_data(
            registration=registration,
            seminar=seminar,
            seminar_is_public=seminar.status != Seminar.Status.DRAFT,
            position=self_service.waiting_position(registration),
            can_cancel=self_service.can_cancel(registration),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        error = None
        if self_service.can_cancel(self.registration):
            try:
                services.cancel_registration(self.registration)
            except services.RegistrationError as exc:  # checked in meanwhile
                error = str(exc)
        if error:
            return self.render_to_response(self.get_context_data(error=error))
        # Back to the page (a reload does not post again); it now says the registration is cancelled.
        return HttpResponseRedirect(request.path, status=303)
