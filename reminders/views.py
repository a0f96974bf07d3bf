"""The unsubscribe page a digest's signed link opens, without an account (reminders.unsubscribe), and an
escalation's official letter as its PDF (reminders.letters)."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.decorators import method_decorator
from django.utils.http import content_disposition_header
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import TemplateView, View

from portal.models import User
from portal.permissions import PermissionRequiredMixin
from reminders import letters, unsubscribe
from reminders.models import Letter
from seminars.views.base import NoStoreMixin


# The token is the proof, not a session: a mail client's RFC 8058 one-click POST carries no CSRF token, and a
# forged cross-site POST could only do what the link itself does, for the one person it names.
@method_decorator(csrf_exempt, name="dispatch")
class UnsubscribeView(NoStoreMixin, TemplateView):
    """GET shows what the link stops and a button (a mail scanner fetching it changes nothing); POST stops it.
    A bad, forged or outdated link is a 404, like a page that does not exist."""

    template_name = "reminders/unsubscribe.html"

    def dispatch(self, request, *args, **kwargs):
        self.subscription = unsubscribe.subscription_for(kwargs["token"])
        if self.subscription is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        subscription = self.subscription
        return super().get_context_data(
            kind="news" if subscription.kind == unsubscribe.NEWS else "reminders",
            active=subscription.active,
            frequency_never=User.ReminderFrequency.NEVER.label,
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        self.subscription.stop()
        return self.render_to_response(self.get_context_data(done=True))


class LetterView(PermissionRequiredMixin, View):
    permission_required = "reminders.read_letter"

    def get_permission_object(self) -> Letter:
        if not hasattr(self, "letter"):
            self.letter = get_object_or_404(Letter.objects.defer("pdf"), pk=self.kwargs["pk"])
        return self.letter

    def get(self, request, *args, **kwargs):
        content = Letter.objects.values_list("pdf", flat=True).get(pk=self.letter.pk)
        response = HttpResponse(bytes(content), content_type="application/pdf")
        response["Content-Disposition"] = content_disposition_header(False, letters.file_name(self.letter))
        response["Cache-Control"] = "private, no-store"
        return response
