"""Attendance certificates: issuing, revoking, the PDF in the participant's language, and a seminar's ZIP.

A certificate is issued the first time it is downloaded, for a registration marked attended, and printed in
the language given with that registration. Its code (12 characters from an alphabet without look-alikes,
about 59 bits) is printed with a QR code of /verify/<code>/, the public page that confirms it. Revoking ends
it; the next download of a participant still marked attended issues a new one with a new code.
"""

from __future__ import annotations

import io
import logging
import secrets
import zipfile

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import formats, timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from portal.i18n import localized
from portal.pdf import Document, needs_full_font
from seminars.models import Certificate, CertificateBatch, Registration, Seminar

log = logging.getLogger(__name__)

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 12
PROGRESS_EVERY = 10  # certificates between two progress updates of a batch


class NotAttended(Exception):
    """Only a registration marked attended gets a certificate."""


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(text: str) -> str:
    return "".join(ch for ch in text.upper() if ch.isalnum())


def issue(registration: Registration, user=None) -> Certificate:
    """The registration's valid certificate, issued now if it has none."""
    if registration.status != Registration.Status.ATTENDED:
        raise NotAttended
    existing = Certificate.objects.valid().filter(registration=registration).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return Certificate.objects.create(
                registration=registration,
                code=new_code(),
                full_name=registration.full_name,
                language=registration.language,
                issued_by=user if user is not None and user.is_authenticated else None,
            )
    except IntegrityError:  # issued at the same moment by another request or the ZIP
        return Certificate.objects.valid().get(registration=registration)


def revoke(certificate: Certificate, user) -> bool:
    """Revoke ``certificate``; False if it was revoked already."""
    return bool(
        Certificate.objects.filter(pk=certificate.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now(), revoked_by=user
        )
    )


def verify_url(certificate: Certificate) -> str:
    return f"{settings.PORTAL_BASE_URL}{certificate.get_absolute_url()}"


def date_range(start, end) -> str:
    """The seminar's days in the active language: one date, or the first and the last."""
    first, last = timezone.localdate(start), timezone.localdate(end)
    if first == last:
        return formats.date_format(first, "DATE_FORMAT")
    return f"{formats.date_format(first, 'DATE_FORMAT')} – {formats.date_format(last, 'DATE_FORMAT')}"


def organizer_names(seminar: Seminar, language: str) -> list[str]:
    return [localized(org, "name", language) for org in seminar.organizers.all()]


def render(certificate: Certificate) -> bytes:
    """The certificate as a one-page landscape A4 PDF in its language."""
    registration = certificate.registration
    seminar = registration.seminar
    language = certificate.language
    with translation.override(language):
        title = localized(seminar, "title", language)
        title_kk = seminar.title_kk
        city = localized(seminar, "city", language) or seminar.city
        organizers = ", ".join(organizer_names(seminar, language))
        texts = [certificate.full_name, title, title_kk, organizers, city]
        pdf = Document(
            title=_("Certificate of attendance"),
            language=language,
            orientation="L",
            full_font=needs_full_font(*texts),
            created=certificate.issued_at,
            stroked_bold=True,
        )
        pdf.add_page()
        pdf.set_margins(25, 20, 25)
        pdf.set_y(18)
        pdf.set_draw_color(20, 90, 110)
        pdf.set_line_width(1.2)
        pdf.rect(10, 10, pdf.w - 20, pdf.h - 20)
        pdf.set_draw_color(0, 0, 0)  # bold text is outlined in the drawing colour
        pdf.set_text_color(20, 90, 110)
        pdf.text_block(_("Mura: the portal of Kazakhstan's UNESCO sites"), size=10, align="C")
        pdf.set_text_color(0, 0, 0)
        pdf.ln(10)
        pdf.text_block(_("CERTIFICATE"), size=30, bold=True, align="C", height=14)
        pdf.text_block(_("of attendance"), size=14, align="C", height=8)
        pdf.ln(8)
        pdf.text_block(certificate.full_name, size=24, bold=True, align="C", height=12)
        pdf.ln(3)
        pdf.text_block(_("took part in the event"), size=12, align="C", height=7)
        pdf.ln(2)
        pdf.text_block(f"«{title}»", size=16, bold=True, align="C", height=8)
        if title_kk and title_kk != title:  # the title in the state language too, as Kazakhstan's documents do
            pdf.text_block(f"«{title_kk}»", size=11, align="C", height=6)
        pdf.ln(3)
        place = ", ".join(
            part for part in (str(seminar.get_kind_display()), date_range(seminar.start, seminar.end), city) if part
        )
        pdf.text_block(place, size=12, align="C", height=7)
        if organizers:
            pdf.text_block(_("Organized by: %(organizers)s") % {"organizers": organizers}, size=12, align="C", height=7)

        url = verify_url(certificate)
        size = 32
        x, y = 25, pdf.h - 20 - size - 4
        pdf.qr_code(url, x=x, y=y, size=size)
        pdf.set_xy(x + size + 5, y + 6)
        pdf.set_font("DejaVu", "", 9)
        lines = [
            _("Certificate No. %(code)s, issued %(date)s")
            % {
                "code": certificate.display_code,
                "date": formats.date_format(timezone.localdate(certificate.issued_at), "DATE_FORMAT"),
            },
            _("Check it at:"),
            url,
        ]
        for line in lines:
            pdf.set_x(x + size + 5)
            pdf.cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
        return pdf.as_bytes()


def file_name(certificate: Certificate) -> str:
    """A download name made of the code and a slug of the name (never a path)."""
    name = slugify(certificate.full_name, allow_unicode=True)[:60] or "certificate"
    return f"{name}-{certificate.code}.pdf"


def attended(seminar: Seminar):
    return (
        Registration.objects.filter(seminar=seminar, status=Registration.Status.ATTENDED)
        .select_related("seminar")
        .order_by("full_name", "pk")
    )


def seminar_counts(seminar: Seminar) -> dict[str, int]:
    """Attended, with a valid certificate, and revoked certificates, for the certificates page (one query)."""
    valid = Certificate.objects.filter(registration=OuterRef("pk"), revoked_at__isnull=True)
    return Registration.objects.filter(seminar=seminar).aggregate(
        attended=Count("pk", filter=Q(status=Registration.Status.ATTENDED)),
        issued=Count("pk", filter=Q(status=Registration.Status.ATTENDED) & Q(Exists(valid))),
    )


def build_zip(batch_id: int) -> CertificateBatch | None:
    """Make the batch's ZIP: issue what is missing, render every certificate, write progress as it goes.

    Claimed first (QUEUED -> RUNNING), so a duplicated message makes it once.
    """
    claimed = CertificateBatch.objects.filter(pk=batch_id, status=CertificateBatch.Status.QUEUED).update(
        status=CertificateBatch.Status.RUNNING
    )
    if not claimed:
        log.info("certificate batch %s: already taken or gone", batch_id)
        return None
    batch = CertificateBatch.objects.select_related("seminar").get(pk=batch_id)
    seminar = Seminar.objects.prefetch_related("organizers").get(pk=batch.seminar_id)
    registrations = list(attended(seminar))
    buffer = io.BytesIO()
    try:
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
            for index, registration in enumerate(registrations, start=1):
                registration.seminar = seminar  # the organizers are prefetched once for all
                certificate = issue(registration, batch.requested_by)
                certificate.registration = registration
                archive.writestr(file_name(certificate), render(certificate))
                if index % PROGRESS_EVERY == 0:
                    CertificateBatch.objects.filter(pk=batch.pk).update(done=index, total=max(batch.total, index))
    except Exception:
        log.exception("certificate batch %s failed", batch_id)
        CertificateBatch.objects.filter(pk=batch.pk).update(
            status=CertificateBatch.Status.FAILED, finished_at=timezone.now()
        )
        raise
    # One ZIP per seminar is kept: the earlier ones are emptied.
    CertificateBatch.objects.filter(seminar=seminar, zip_file__isnull=False).exclude(pk=batch.pk).update(zip_file=None)
    CertificateBatch.objects.filter(pk=batch.pk).update(
        status=CertificateBatch.Status.DONE,
        done=len(registrations),
        total=len(registrations),
        zip_file=buffer.getvalue(),
        finished_at=timezone.now(),
    )
    batch.refresh_from_db()
    return batch


def to_send_filter() -> Q:
    """Registrations marked attended that have no valid certificate yet (the start page's "certificates to
    send" and the certificates page)."""
    return Q(status=Registration.Status.ATTENDED) & ~Q(
        Exists(Certificate.objects.filter(registration=OuterRef("pk"), revoked_at__isnull=True))
    )
