"""E-mails to participants, sent by the worker: thin tasks taking the registration's id.

Each task claims its work in the database first (``UPDATE ... WHERE <sent_at> IS NULL``): zero rows means
the e-mail went already (a retried or duplicated message) or the registration changed, and nothing is sent.
A failed send releases the claim; transient errors are retried with backoff (portal.mail), permanent ones
(a 5xx reply, a refused recipient) never.
"""

from __future__ import annotations

import logging

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse
from django.utils import timezone

from portal import mail
from portal.i18n import language_link
from seminars.models import Registration, SelfRegistrationRequest
from seminars.self_service import manage_url

log = logging.getLogger(__name__)


def render_message(template: str, registration: Registration) -> EmailMultiAlternatives:
    """The e-mail ``emails/seminars/<template>*`` for this registration, to the address and in the language
    given for it (not its person's: another organization's edits never redirect this seminar's mail)."""
    seminar = registration.seminar
    context = {
        "person": registration,
        "seminar": seminar,
        "registration": registration,
        "seminar_url": language_link(f"{settings.PORTAL_BASE_URL}{seminar.get_absolute_url()}", registration.language),
        "waitlisted": registration.status == Registration.Status.WAITLISTED,
        "with_qr": registration.status == Registration.Status.REGISTERED,
        "manage_url": manage_url(registration) if registration.email else "",
    }
    message = mail.render(f"emails/seminars/{template}", context, language=registration.language, to=registration.email)
    if context["with_qr"]:
        from seminars.calendar import ics
        from seminars.door import attach_qr

        attach_qr(message, registration)  # shown at the door and scanned by the organizers (issue 15)
        message.attach(f"{seminar.slug}.ics", ics(seminar), "text/calendar")
    return message


def _claim_and_send(task, registration_id: int, *, stamp: str, template: str, statuses) -> bool:
    claimed = (
        Registration.objects.filter(pk=registration_id, status__in=statuses, **{f"{stamp}__isnull": True})
        .exclude(email__isnull=True)
        .update(**{stamp: timezone.now()})
    )
    if not claimed:
        log.info("%s: registration %s needs no e-mail (sent, changed or gone)", template, registration_id)
        return False
    registration = Registration.objects.select_related("seminar").get(pk=registration_id)
    try:
        render_message(template, registration).send()
    except Exception as exc:
        Registration.objects.filter(pk=registration_id).update(**{stamp: None})  # release: a retry may send it
        mail.retry_if_transient(task, exc)  # a permanent failure (5xx) is raised, never retried
    return True


@shared_task(name="seminars.send_registration_confirmation", **mail.MAIL_TASK_OPTIONS)
def send_registration_confirmation(self, *, registration_id: int) -> bool:
    """Confirm a self-registration: a seat, or a place on the waiting list."""
    return _claim_and_send(
        self,
        registration_id,
        stamp="confirmation_sent_at",
        template="registration_confirmation",
        statuses=[Registration.Status.REGISTERED, Registration.Status.WAITLISTED],
    )


@shared_task(name="seminars.send_promotion_notice", **mail.MAIL_TASK_OPTIONS)
def send_promotion_notice(self, *, registration_id: int) -> bool:
    """Tell someone promoted from the waiting list that they have a seat (unless they cancelled since)."""
    return _claim_and_send(
        self,
        registration_id,
        stamp="promotion_notified_at",
        template="promotion",
        statuses=[Registration.Status.REGISTERED],
    )


@shared_task(name="seminars.send_registration_link", **mail.MAIL_TASK_OPTIONS)
def send_registration_link(self, *, request_id: int, token: str) -> bool:
    """Mail the link that confirms a self-registration; to an address already registered for the seminar,
    say so instead (the form answers the same either way). Nothing the visitor typed goes into the mail."""

    request = SelfRegistrationRequest.objects.select_related("seminar").filter(pk=request_id).first()
    if request is None:  # confirmed or expired meanwhile
        log.info("send_registration_link: request %s is gone", request_id)
        return False
    seminar = request.seminar
    registered = Registration.objects.filter(seminar=seminar, email=request.email).not_cancelled().first()
    path = reverse("seminars:register_confirm", kwargs={"slug": seminar.slug, "token": token})
    context = {
        "seminar": seminar,
        "seminar_url": f"{settings.PORTAL_BASE_URL}{seminar.get_absolute_url()}",
        "confirm_url": f"{settings.PORTAL_BASE_URL}{path}",
        "registration": registered,
        "manage_url": manage_url(registered) if registered is not None else "",
        "hours": int(confirmation_hours()),
    }
    template = "registration_already" if registered is not None else "registration_link"
    language = request.details.get("language") or settings.LANGUAGE_CODE
    try:
        mail.send(f"emails/seminars/{template}", context, language=language, to=request.email)
    except Exception as exc:
        mail.retry_if_transient(self, exc)
    return True


def confirmation_hours() -> float:
    return SelfRegistrationRequest.LINK_VALID.total_seconds() / 3600


@shared_task(name="seminars.purge_stale_imports", time_limit=300, soft_time_limit=280)
def purge_stale_imports() -> int:
    """Hourly (beat): delete abandoned pending imports and empty the rows-not-imported files of runs older than
    a week; both hold participants' personal data. Returns how many of either went."""
    from seminars import import_runs, import_store

    removed = import_store.purge_stale()
    if removed:
        log.info("seminars: removed %d abandoned pending import(s)", removed)
    emptied = import_runs.purge_expired_problem_files()
    if emptied:
        log.info("seminars: deleted the rows not imported of %d import run(s) older than a week", emptied)
    return removed + emptied


@shared_task(name="seminars.make_certificate_zip", time_limit=900, soft_time_limit=870)
def make_certificate_zip(*, batch_id: int) -> int:
    """Make a seminar's certificates as one ZIP (seminars.certificates.build_zip); returns how many."""
    from seminars import certificates

    batch = certificates.build_zip(batch_id)
    return batch.total if batch is not None else 0


@shared_task(name="seminars.anonymise_inactive_people", time_limit=1800, soft_time_limit=1750)
def anonymise_inactive_people() -> int:
    """Daily (beat): anonymise the people without a registration for PERSONAL_DATA_RETENTION_YEARS; the
    seminars' statistics keep counting them (seminars.privacy)."""
    from seminars.privacy import anonymise_inactive

    count = anonymise_inactive()
    if count:
        log.info("seminars: anonymised %d person(s) past the retention period", count)
    return count


def render_invitation(invitation, *, reminder: bool = False) -> EmailMultiAlternatives:
    """The invitation (or its reminder) as the invitee reads it, in the language it was sent in."""
    from django.utils import translation

    from seminars import invitation_links

    seminar = invitation.seminar
    with translation.override(invitation.language):  # the organizations' names in the invitee's language
        organizer_names = ", ".join(str(o.name) for o in seminar.organizers.all())
    context = {
        "invitation": invitation,
        "seminar": seminar,
        "reminder": reminder,
        "organizers": organizer_names,
        "seminar_url": language_link(f"{settings.PORTAL_BASE_URL}{seminar.get_absolute_url()}", invitation.language),
        "invitation_url": invitation_links.link(invitation),
        "decline_url": invitation_links.decline_link(invitation),
    }
    return mail.render("emails/seminars/invitation", context, language=invitation.language, to=invitation.email)


@shared_task(name="seminars.send_invitation", **mail.MAIL_TASK_OPTIONS)
def send_invitation(self, *, invitation_id: int) -> bool:
    """Mail an invitation once (claimed by ``sent_at``)."""
    from seminars.models import Invitation

    claimed = Invitation.objects.filter(pk=invitation_id, sent_at__isnull=True).update(sent_at=timezone.now())
    if not claimed:
        log.info("send_invitation: invitation %s needs no e-mail (sent or gone)", invitation_id)
        return False
    invitation = Invitation.objects.select_related("seminar", "organization").get(pk=invitation_id)
    try:
        render_invitation(invitation).send()
    except Exception as exc:
        Invitation.objects.filter(pk=invitation_id).update(sent_at=None)
        mail.retry_if_transient(self, exc)
    return True


@shared_task(name="seminars.send_invitation_reminder", **mail.MAIL_TASK_OPTIONS)
def send_invitation_reminder(self, *, invitation_id: int, number: int) -> bool:
    """Reminder ``number`` to an invitee who has not answered: claimed by moving ``reminders_sent`` from
    number - 1 to number, so it goes once, and not at all to someone who registered or declined meanwhile."""
    from seminars.models import Invitation

    previous = Invitation.objects.filter(pk=invitation_id).values_list("reminded_at", flat=True).first()
    claimed = (
        Invitation.objects.filter(pk=invitation_id, reminders_sent=number - 1)
        .unanswered()
        .update(reminders_sent=number, reminded_at=timezone.now())
    )
    if not claimed:
        log.info("send_invitation_reminder: invitation %s needs no reminder %s", invitation_id, number)
        return False
    invitation = Invitation.objects.select_related("seminar", "organization").get(pk=invitation_id)
    try:
        render_invitation(invitation, reminder=True).send()
    except Exception as exc:
        Invitation.objects.filter(pk=invitation_id, reminders_sent=number).update(
            reminders_sent=number - 1, reminded_at=previous
        )
        mail.retry_if_transient(self, exc)
    return True


@shared_task(name="seminars.plan_seminar_reminders", time_limit=300, soft_time_limit=280)
def plan_seminar_reminders() -> int:
    """Hourly (beat): queue the reminders before the seminars that are due (seminars.reminders_before)."""
    from portal.tasks import enqueue_now
    from seminars import reminders_before

    queued = 0
    for registration_id, days in reminders_before.due():
        if not enqueue_now(send_seminar_reminder, registration_id=registration_id, days=days):
            break  # the broker refuses: the next hour catches up
        queued += 1
    return queued


@shared_task(name="seminars.send_seminar_reminder", **mail.MAIL_TASK_OPTIONS)
def send_seminar_reminder(self, *, registration_id: int, days: int) -> bool:
    """The reminder ``days`` before the seminar, once per registration (the SeminarReminder row's constraint)."""
    from seminars import reminders_before
    from seminars.calendar import ics
    from seminars.self_service import waiting_position

    registration = (
        Registration.objects.select_related("seminar")
        .filter(pk=registration_id, status__in=reminders_before.REMINDED, email__isnull=False)
        .first()
    )
    if registration is None or not registration.seminar.is_upcoming:
        log.info("send_seminar_reminder: registration %s needs no reminder", registration_id)
        return False
    claimed = reminders_before.claim(registration_id, days)
    if claimed is None:
        log.info("send_seminar_reminder: reminder %s of registration %s went already", days, registration_id)
        return False
    seminar = registration.seminar
    context = {
        "person": registration,
        "seminar": seminar,
        "days": days,
        "seminar_url": language_link(f"{settings.PORTAL_BASE_URL}{seminar.get_absolute_url()}", registration.language),
        "manage_url": manage_url(registration),
        "waitlisted": registration.status == Registration.Status.WAITLISTED,
        "position": waiting_position(registration),
        "organizers": reminders_before.organizer_contacts(seminar),
    }
    message = mail.render(
        "emails/seminars/seminar_reminder", context, language=registration.language, to=registration.email
    )
    message.attach(f"{seminar.slug}.ics", ics(seminar), "text/calendar")
    try:
        message.send()
    except Exception as exc:
        claimed.delete()  # release: a retry may send it
        mail.retry_if_transient(self, exc)
    return True


@shared_task(name="seminars.send_feedback_requests", time_limit=300, soft_time_limit=280)
def send_feedback_requests() -> int:
    """Hourly (beat): queue the thank-you with the feedback form for those who attended a seminar that ended."""
    from portal.tasks import enqueue_now
    from seminars import feedback

    queued = 0
    for registration_id in feedback.due().values_list("pk", flat=True):
        if not enqueue_now(send_feedback_request, registration_id=registration_id):
            break
        queued += 1
    return queued


def render_thank_you(registration) -> EmailMultiAlternatives:
    """The thank-you as the attendee reads it: the feedback form's link, the seminar's public materials, and
    the attendance certificate attached (seminars.certificates)."""
    from django.utils import translation

    from documents.models import Visibility
    from seminars import certificates, feedback, person_records

    seminar = registration.seminar
    with translation.override(registration.language):
        materials = [str(a) for a in seminar.attachments.filter(visibility=Visibility.PUBLIC).order_by("pk")]
    context = {
        "person": registration,
        "seminar": seminar,
        "seminar_url": language_link(f"{settings.PORTAL_BASE_URL}{seminar.get_absolute_url()}", registration.language),
        "feedback_url": feedback.form_url(registration),
        "record_url": person_records.record_url(registration.person, registration.language),
        "anonymous": seminar.feedback_anonymous,
        "materials": materials,
    }
    message = mail.render("emails/seminars/thank_you", context, language=registration.language, to=registration.email)
    certificate = certificates.issue(registration)
    message.attach(certificates.file_name(certificate), certificates.render(certificate), "application/pdf")
    return message


@shared_task(name="seminars.send_feedback_request", **mail.MAIL_TASK_OPTIONS)
def send_feedback_request(self, *, registration_id: int) -> bool:
    claimed = (
        Registration.objects.filter(
            pk=registration_id, status=Registration.Status.ATTENDED, feedback_requested_at__isnull=True
        )
        .exclude(email__isnull=True)
        .update(feedback_requested_at=timezone.now())
    )
    if not claimed:
        log.info("send_feedback_request: registration %s needs no e-mail", registration_id)
        return False
    registration = Registration.objects.select_related("seminar").get(pk=registration_id)
    try:
        render_thank_you(registration).send()
    except Exception as exc:
        Registration.objects.filter(pk=registration_id).update(feedback_requested_at=None)
        mail.retry_if_transient(self, exc)
    return True
