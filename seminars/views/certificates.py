"""Attendance certificates: the organizer's page, one PDF, revoking, the seminar's ZIP; the public check."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Prefetch
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.generic import ListView, TemplateView, View

from portal.listing import PageSizeMixin
from portal.tasks import enqueue
from seminars import certificates
from seminars.models import Certificate, CertificateBatch, Registration, Seminar
from seminars.permissions import SeminarPermissionMixin
from seminars.tasks import make_certificate_zip
from seminars.views.base import NoStoreMixin


def certificates_url(seminar) -> str:
    return reverse("seminars:certificates", kwargs={"slug": seminar.slug})


def pdf_response(content: bytes, name: str, *, attachment: bool) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(attachment, name)
    return response


class CertificateListView(NoStoreMixin, SeminarPermissionMixin, PageSizeMixin, ListView):
    """The seminar's attended participants with their certificates, the ZIP of all of them and its progress
    (the page reloads itself every few seconds while the worker makes it)."""

    permission_required = "seminars.issue_certificates"
    template_name = "seminars/certificates.html"
    paginate_by = 100
    page_sizes = (50, 100, 200)

    def get_queryset(self):
        return certificates.attended(self.seminar).prefetch_related(
            Prefetch("certificates", queryset=Certificate.objects.order_by("-issued_at", "-pk"))
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for registration in context["object_list"]:
            history = list(registration.certificates.all())
            registration.valid_certificate = next((c for c in history if not c.is_revoked), None)
            registration.revoked_count = sum(1 for c in history if c.is_revoked)
        context.update(
            seminar=self.seminar,
            counts=certificates.seminar_counts(self.seminar),
            batch=CertificateBatch.objects.filter(seminar=self.seminar).defer("zip_file").first(),
        )
        return context

    def post(self, request, *args, **kwargs):
        """Ask the worker for the ZIP of every attended participant's certificate."""
        running = CertificateBatch.objects.filter(
            seminar=self.seminar, status__in=[CertificateBatch.Status.QUEUED, CertificateBatch.Status.RUNNING]
        ).exists()
        if not running:
            batch = CertificateBatch.objects.create(
                seminar=self.seminar,
                requested_by=request.user,
                total=certificates.attended(self.seminar).count(),
            )
            enqueue(make_certificate_zip, batch_id=batch.pk)
            messages.info(request, _("The certificates are being made. This page shows how far it has got."))
        return HttpResponseRedirect(certificates_url(self.seminar))


class CertificateZipView(SeminarPermissionMixin, View):
    permission_required = "seminars.issue_certificates"

    def get(self, request, *args, **kwargs):
        batch = get_object_or_404(
            CertificateBatch, seminar=self.seminar, pk=kwargs["pk"], status=CertificateBatch.Status.DONE
        )
        if batch.zip_file is None:
            raise Http404
        response = HttpResponse(bytes(batch.zip_file), content_type="application/zip")
        response["Content-Disposition"] = content_disposition_header(True, f"{self.seminar.slug}-certificates.zip")
        response["Cache-Control"] = "private, no-store"
        return response


class RegistrationCertificateMixin(SeminarPermissionMixin):
    permission_required = "seminars.issue_certificates"

    def get_registration(self) -> Registration:
        return get_object_or_404(
            Registration.objects.select_related("seminar"), seminar=self.seminar, pk=self.kwargs["pk"]
        )


class CertificatePdfView(RegistrationCertificateMixin, View):
    """One participant's certificate, issued now if they have none; 404 unless they are marked attended."""

    def get(self, request, *args, **kwargs):
        registration = self.get_registration()
        try:
            certificate = certificates.issue(registration, request.user)
        except certificates.NotAttended:
            raise Http404 from None
        registration.seminar = self.seminar  # organizers prefetched by the permission check
        certificate.registration = registration
        response = pdf_response(certificates.render(certificate), certificates.file_name(certificate), attachment=False)
        response["Cache-Control"] = "private, no-store"
        return response


class CertificateRevokeView(RegistrationCertificateMixin, View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        registration = self.get_registration()
        certificate = Certificate.objects.valid().filter(registration=registration).first()
        if certificate is None or not certificates.revoke(certificate, request.user):
            messages.warning(request, _("This participant has no valid certificate."))
        else:
            messages.success(
                request,
                _("Certificate %(code)s of %(name)s is revoked.")
                % {"code": certificate.display_code, "name": certificate.full_name},
            )
        return HttpResponseRedirect(certificates_url(self.seminar))


class VerifyCertificateView(NoStoreMixin, TemplateView):
    """Public: whether a certificate is genuine, with the name, the seminar, its dates and organizers only."""

    template_name = "seminars/verify_certificate.html"
    # No-store: a revocation shows at once, and a name is not kept by shared caches.

    def get_context_data(self, **kwargs):
        code = certificates.normalise_code(kwargs["code"])
        certificate = (
            Certificate.objects.select_related("registration__seminar")
            .prefetch_related("registration__seminar__organizers")
            .filter(code=code)
            .first()
        )
        if certificate is None:
            raise Http404
        seminar: Seminar = certificate.registration.seminar
        return {
            **super().get_context_data(**kwargs),
            "certificate": certificate,
            "seminar": seminar,
            "organizers": list(seminar.organizers.all()),
        }
