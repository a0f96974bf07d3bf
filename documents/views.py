"""Downloading (permission-checked, every visibility), uploading and removing attachments."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseRedirect, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.utils.decorators import method_decorator
from django.utils.http import content_disposition_header, url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.generic import FormView, TemplateView, View

from documents import registry, services
from documents.forms import AttachmentForm
from documents.models import Attachment
from documents.storage import DocumentStorage
from documents.uploads import limit_uploads
from portal.permissions import PermissionRequiredMixin

CHUNK_BYTES = 256 * 1024


def _chunks(storage, name: str):
    # The file is opened when the response is sent, and closed however the sending ends.
    with storage.open(name, "rb") as stream:
        while chunk := stream.read(CHUNK_BYTES):
            yield chunk


class AttachmentObjectMixin(PermissionRequiredMixin):
    def get_permission_object(self) -> Attachment:
        if not hasattr(self, "attachment"):
            self.attachment = get_object_or_404(Attachment.objects.select_related("content_type"), pk=self.kwargs["pk"])
        return self.attachment


class DownloadView(AttachmentObjectMixin, View):
    """The file, for those who may see it: anonymous visitors are sent to log in for a non-public one, others
    get 403. Behind nginx (`DOCUMENTS_X_ACCEL_REDIRECT_PREFIX`) only the headers come from here."""

    permission_required = "documents.download_attachment"
    login_required = False

    def get(self, request, *args, **kwargs):
        attachment = self.attachment
        disposition = content_disposition_header(as_attachment=True, filename=attachment.original_name)
        prefix = settings.DOCUMENTS_X_ACCEL_REDIRECT_PREFIX
        if prefix:
            response = HttpResponse(content_type=attachment.media_type)
            response["X-Accel-Redirect"] = prefix.rstrip("/") + "/" + attachment.file.name
        else:
            storage = DocumentStorage()
            if not storage.exists(attachment.file.name):
                raise Http404
            response = StreamingHttpResponse(_chunks(storage, attachment.file.name), content_type=attachment.media_type)
            response["Content-Length"] = str(attachment.size)
        response["Content-Disposition"] = disposition
        # Never rendered as a page of ours, whatever it holds.
        response["Content-Security-Policy"] = "sandbox; default-src 'none'"
        if attachment.visibility == Attachment.Visibility.PUBLIC:
            response["Cache-Control"] = "public, max-age=300"
        else:
            response["Cache-Control"] = "private, no-store"
        return response


@method_decorator(csrf_exempt, name="dispatch")  # checked in post(), after the upload handlers are set
class AttachView(PermissionRequiredMixin, FormView):
    """Upload a file to a site, designation, seminar, recommendation or progress report."""

    permission_required = "documents.attach_to"
    template_name = "documents/attachment_form.html"
    form_class = AttachmentForm

    def get_permission_object(self):
        if not hasattr(self, "parent"):
            entry = registry.for_key(self.kwargs["parent"])
            if entry is None:
                raise Http404
            self.entry = entry
            self.parent = get_object_or_404(entry.model, pk=self.kwargs["pk"])
        return self.parent

    def get_initial(self):
        kind = Attachment.Kind.EVIDENCE if self.entry.key == "progress-report" else Attachment.Kind.OTHER
        return {"kind": kind, "visibility": Attachment.Visibility.OWNERS}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            parent=self.parent,
            parent_label=self.entry.label(self.parent),
            back_url=self.back_url(),
            max_bytes=services.max_upload_bytes(),
            **kwargs,
        )

    def back_url(self) -> str:
        return safe_next(self.request, self.entry.page_url(self.parent))

    def post(self, request, *args, **kwargs):
        # The size limit must be in place before anything reads the body, so CSRF (which reads it) is checked
        # after it, here, rather than by the middleware.
        self.size_limit = limit_uploads(request)
        return csrf_protect(self._post)(request, *args, **kwargs)

    def _post(self, request, *args, **kwargs):
        form = self.get_form()
        if self.size_limit.too_large:
            form.is_valid()
            form.errors.pop("file", None)
            form.add_error("file", ValidationError(services.size_message(), code="too_large"))
            return self.form_invalid(form)
        return self.form_valid(form) if form.is_valid() else self.form_invalid(form)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.attach(
                self.parent,
                data["file"],
                kind=data["kind"],
                language=data["language"],
                visibility=data["visibility"],
                title_en=data["title_en"],
                title_ru=data["title_ru"],
                title_kk=data["title_kk"],
                date=data["date"],
                uploaded_by=self.request.user,
                original_name=data["file"].name,
            )
        except ValidationError as exc:
            form.add_error("file", exc)
            return self.form_invalid(form)
        messages.success(self.request, _("The document was added."))
        return HttpResponseRedirect(self.back_url().split("#")[0] + "#documents")


class RemoveView(AttachmentObjectMixin, TemplateView):
    permission_required = "documents.remove_attachment"
    template_name = "documents/attachment_confirm_delete.html"

    def back_url(self) -> str:
        parent = self.attachment.parent
        default = registry.for_object(parent).page_url(parent) if parent is not None else "/"
        return safe_next(self.request, default).split("#")[0] + "#documents"

    def get_context_data(self, **kwargs):
        return super().get_context_data(attachment=self.attachment, back_url=self.back_url(), **kwargs)

    def post(self, request, *args, **kwargs):
        back = self.back_url()
        services.remove(self.attachment)
        messages.success(request, _("The document was removed."))
        return HttpResponseRedirect(back)


def safe_next(request, default: str) -> str:
    """The page the upload or removal started from (?next=), if it is one of ours; else ``default``."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default
