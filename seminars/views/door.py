"""The door: an organizer on a phone finds a participant by name or by the QR code of their confirmation and
checks them in with one tap, without a page reload (htmx for the search, static/js/door.js for the taps).

A check-in is idempotent: the request says the status wanted ("attended", or "registered" to undo), not
"toggle", so a request the phone sends again after a dropped connection changes nothing the second time.
"""

from __future__ import annotations

from django.http import HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.generic import TemplateView, View

from seminars import door, services
from seminars.models import Registration
from seminars.permissions import SeminarPermissionMixin
from seminars.views.base import NoStoreMixin
from seminars.views.participants import RegistrationMixin

Status = Registration.Status
WANTED = {Status.ATTENDED, Status.REGISTERED}
CHECKABLE = {Status.REGISTERED, Status.NO_SHOW, Status.ATTENDED}


class DoorView(NoStoreMixin, SeminarPermissionMixin, TemplateView):
    permission_required = "seminars.change_participants"
    template_name = "seminars/door.html"

    def get_template_names(self):
        if self.request.htmx and self.request.htmx.target == "door-results":
            return ["seminars/_door_results.html"]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        query = self.request.GET.get("q", "").strip()[:100]
        results = list(door.search(self.seminar, query)[: door.SEARCH_LIMIT + 1])
        scanned = None
        token = self.request.GET.get("scan", "")
        if token:
            scanned = door.registration_for_token(self.seminar, token)
        return super().get_context_data(
            seminar=self.seminar,
            query=query,
            results=results[: door.SEARCH_LIMIT],
            more=len(results) > door.SEARCH_LIMIT,
            token=token,
            scanned=scanned,
            **_counts(self.seminar),
            **kwargs,
        )


def _counts(seminar) -> dict[str, int]:
    counts = Registration.objects.filter(seminar=seminar).status_counts()
    return {
        "attended": counts.get(Status.ATTENDED, 0),
        "expected": counts.get(Status.REGISTERED, 0) + counts.get(Status.ATTENDED, 0),
    }


def _row(request, seminar, registration):
    """The person's row as it now stands, and the new count (static/js/door.js puts both in place)."""
    context = {"seminar": seminar, "registration": registration, **_counts(seminar)}
    return render(request, "seminars/_door_answer.html", context)


def _set(seminar, registration, wanted, user) -> None:
    if registration.status != wanted and registration.status in CHECKABLE:
        services.set_attendance(seminar, [registration.pk], wanted, by=user)
        registration.refresh_from_db(fields=["status", "checked_in_at"])


class DoorCheckinView(NoStoreMixin, RegistrationMixin, View):
    """POST status=attended|registered: the row as it now stands (htmx/fetch) or back to the door (no script)."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        wanted = request.POST.get("status", "")
        if wanted not in WANTED:
            return HttpResponseBadRequest("status must be attended or registered")
        registration = self.get_registration()
        _set(self.seminar, registration, wanted, request.user)
        if request.htmx:
            return _row(request, self.seminar, registration)
        url = reverse("seminars:door", kwargs={"slug": self.seminar.slug})
        query = request.POST.get("q", "")
        return HttpResponseRedirect(f"{url}?{urlencode({'q': query})}" if query else url)


class DoorScanView(NoStoreMixin, SeminarPermissionMixin, View):
    """POST token=<from the QR code>: checks the person in and answers their row; 404 for a foreign code."""

    permission_required = "seminars.change_participants"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        registration = door.registration_for_token(self.seminar, request.POST.get("token", ""))
        if registration is None:
            return render(request, "seminars/_door_unknown.html", {"seminar": self.seminar}, status=404)
        _set(self.seminar, registration, Status.ATTENDED, request.user)
        if request.htmx:
            return _row(request, self.seminar, registration)
        return HttpResponseRedirect(reverse("seminars:door", kwargs={"slug": self.seminar.slug}))
