"""The seminars app: published seminars and their registration form are public. Everything that shows or
changes a participant's personal data is for the seminar's organizers and admins only: an organizer of
another organization is refused like any other signed-in user.
"""

from tests.access.expect import FORBIDDEN, LOGIN, NOT_ALLOWED, NOT_FOUND, OK, Case, Redirect, answers, everyone

MISSING_SLUG = {"slug": "no-such-seminar"}
MISSING_PARTICIPANT = {"slug": "no-such-seminar", "pk": 999_999}


def _seminar(whose: str, *, participant: bool = False, person: bool = False):
    """A published seminar organized by `whose` (a fixture name), with one registration if asked."""

    def kwargs(request):
        from tests.factories import RegistrationFactory, SeminarFactory

        seminar = SeminarFactory(organizers=[request.getfixturevalue(whose)])
        if not (participant or person):
            return {"slug": seminar.slug}
        registration = RegistrationFactory(seminar=seminar)
        if person:
            return {"pk": registration.person_id}
        return {"slug": seminar.slug, "pk": registration.pk}

    return kwargs


OWN, OTHERS = "organization", "other_organization"


def _import_run(whose: str):
    """A recorded import into a seminar of `whose`, its rows-not-imported file still kept."""

    def kwargs(request):
        from tests.factories import ImportRunFactory, SeminarFactory

        seminar = SeminarFactory(organizers=[request.getfixturevalue(whose)])
        run = ImportRunFactory(seminar=seminar, problems_file=b"PK\x03\x04 rows not imported")
        return {"slug": seminar.slug, "pk": run.pk}

    return kwargs


def _import_run_page(ok=OK):
    """A run's pages: like the import itself, for the seminar's organizers and admins."""
    return [
        Case(managers_only(ok), label="own", kwargs=_import_run(OWN)),
        Case(admins_only(ok), label="others", kwargs=_import_run(OTHERS)),
        Case(missing(), label="missing", kwargs=MISSING_PARTICIPANT),
    ]


def _with_token(seminar_kwargs):
    return lambda request: {**seminar_kwargs(request), "token": "no-such-token"}


def _attended(whose: str):
    """A participant marked attended at a seminar of `whose`: the one who can get a certificate."""

    def kwargs(request):
        from tests.factories import RegistrationFactory, SeminarFactory

        seminar = SeminarFactory(organizers=[request.getfixturevalue(whose)])
        registration = RegistrationFactory(seminar=seminar, status="attended")
        return {"slug": seminar.slug, "pk": registration.pk}

    return kwargs


def _certificate_zip(whose: str):
    """A finished ZIP of the certificates of a seminar of `whose`."""

    def kwargs(request):
        from seminars.models import CertificateBatch
        from tests.factories import SeminarFactory

        seminar = SeminarFactory(organizers=[request.getfixturevalue(whose)])
        batch = CertificateBatch.objects.create(seminar=seminar, status="done", zip_file=b"PK\x05\x06" + bytes(18))
        return {"slug": seminar.slug, "pk": batch.pk}

    return kwargs


def _certificate(revoked: bool):
    """The code of an issued certificate (of another organization's seminar: the check is public)."""

    def kwargs(request):
        from django.utils import timezone

        from seminars import certificates
        from tests.factories import RegistrationFactory, SeminarFactory

        seminar = SeminarFactory(organizers=[request.getfixturevalue(OTHERS)])
        certificate = certificates.issue(RegistrationFactory(seminar=seminar, status="attended"))
        if revoked:
            certificate.revoked_at = timezone.now()
            certificate.save()
        return {"code": certificate.display_code}

    return kwargs


def _per_owner(kwargs_for, ok=OK, missing_kwargs=MISSING_PARTICIPANT):
    return [
        Case(managers_only(ok), label="own", kwargs=kwargs_for(OWN)),
        Case(admins_only(ok), label="others", kwargs=kwargs_for(OTHERS)),
        Case(missing(), label="missing", kwargs=missing_kwargs),
    ]


def _my_registration(request):
    """A registration of another organization's seminar, and the token its e-mails carry."""
    from seminars import self_service
    from tests.factories import RegistrationFactory, SeminarFactory

    registration = RegistrationFactory(seminar=SeminarFactory(organizers=[request.getfixturevalue(OTHERS)]))
    return {"slug": registration.seminar.slug, "token": self_service.token_for(registration)}


def _invitation(request):
    """An invitation to another organization's seminar, and the token of its personal link."""
    from seminars import invitation_links
    from seminars.models import Invitation
    from tests.factories import SeminarFactory

    seminar = SeminarFactory(organizers=[request.getfixturevalue(OTHERS)])
    invitation = Invitation.objects.create(seminar=seminar, email="invitee@example.org", full_name="Invitee Example")
    return {"slug": seminar.slug, "token": invitation_links.token_for(invitation)}


def _feedback_link(request):
    """An attendee of another organization's seminar, and the token of their feedback form."""
    from seminars import feedback
    from tests.factories import RegistrationFactory, SeminarFactory

    seminar = SeminarFactory(organizers=[request.getfixturevalue(OTHERS)], past=True)
    registration = RegistrationFactory(seminar=seminar, status="attended")
    return {"slug": seminar.slug, "token": feedback.token_for(registration)}


def _record_link(request):
    """A person who attended another organization's seminar, and the token of their training record."""
    from seminars import person_records
    from tests.factories import RegistrationFactory, SeminarFactory

    seminar = SeminarFactory(organizers=[request.getfixturevalue(OTHERS)], past=True)
    registration = RegistrationFactory(seminar=seminar, status="attended")
    return {"token": person_records.token_for(registration.person)}


def _counts_only() -> dict:
    """Counts without personal data: any organizer, officials and admins (the seminar statistics' rule)."""
    return answers(FORBIDDEN, anonymous=LOGIN, organizer=OK, official=OK, admin_user=OK)


def managers_only(ok=OK, *, admin=None) -> dict:
    """The seminar's organizer and admins get `ok`; signed-in others 403; anonymous the login."""
    return answers(FORBIDDEN, anonymous=LOGIN, organizer=ok, admin_user=admin or ok)


def admins_only(ok=OK) -> dict:
    return answers(FORBIDDEN, anonymous=LOGIN, admin_user=ok)


def missing(default=NOT_FOUND) -> dict:
    return answers(default, anonymous=LOGIN)


def _seminar_page(ok=OK, *, participant=False, own_ok=None):
    """Cases for a manager-only page: the organizer's own seminar, another organization's, a missing one."""
    return [
        Case(managers_only(own_ok or ok), label="own", kwargs=_seminar(OWN, participant=participant)),
        Case(admins_only(ok), label="others", kwargs=_seminar(OTHERS, participant=participant)),
        Case(missing(), label="missing", kwargs=MISSING_PARTICIPANT if participant else MISSING_SLUG),
    ]


EXPECTED = {
    "seminars:list": Case(everyone(OK)),
    "seminars:create": Case(answers(FORBIDDEN, anonymous=LOGIN, organizer=OK, admin_user=OK)),
    "seminars:detail": [
        Case(everyone(OK), label="published", kwargs=_seminar(OTHERS)),
        Case(everyone(NOT_FOUND), label="missing", kwargs=MISSING_SLUG),
    ],
    "seminars:calendar": [
        Case(everyone(OK), label="published", kwargs=_seminar(OTHERS)),
        Case(everyone(NOT_FOUND), label="missing", kwargs=MISSING_SLUG),
    ],
    "seminars:register": [
        Case(everyone(OK), label="published", kwargs=_seminar(OTHERS)),
        Case(everyone(NOT_FOUND), label="missing", kwargs=MISSING_SLUG),
    ],
    # The link from a self-registration e-mail: an unknown token says so, for everyone (no seat, no data).
    "seminars:register_confirm": [
        Case(
            everyone(OK),
            label="unknown-token",
            kwargs=lambda request: {**_seminar(OTHERS)(request), "token": "no-such-token"},
        ),
        Case(everyone(NOT_FOUND), label="missing", kwargs={**MISSING_SLUG, "token": "0"}),
    ],
    # A participant's own registration, from the signed link in their e-mails: whoever holds the link, signed in
    # or not; any other token (or a real one under another seminar) is a page that does not exist.
    "seminars:my_registration": [
        Case(everyone(OK), label="valid-token", kwargs=_my_registration),
        Case(everyone(NOT_FOUND), label="bad-token", kwargs=_with_token(_seminar(OTHERS))),
        Case(everyone(NOT_FOUND), label="missing", kwargs={**MISSING_SLUG, "token": "0"}),
    ],
    "seminars:edit": _seminar_page(),
    "seminars:participants": _seminar_page(),
    "seminars:participant_add": _seminar_page(),
    "seminars:import": _seminar_page(),
    "seminars:import_template": _seminar_page(),
    # The mapping and preview steps need an upload in the session: without one, back to the upload step
    # (the dispatch checks run for every method, so a GET shows who is refused).
    "seminars:import_map": _seminar_page(Redirect("../")),
    "seminars:import_preview": _seminar_page(Redirect("../")),
    # A recorded import and the XLSX of the rows it did not take (personal data): the seminar's managers only.
    "seminars:import_run": _import_run_page(),
    "seminars:import_problems": _import_run_page(),
    "seminars:export_csv": _seminar_page(),
    "seminars:export_xlsx": _seminar_page(),
    "seminars:signin_sheet": _seminar_page(),
    "seminars:checkin_bulk": _seminar_page(NOT_ALLOWED),
    "seminars:participant_edit": _seminar_page(participant=True),
    "seminars:participant_cancel": _seminar_page(participant=True),
    "seminars:checkin": _seminar_page(NOT_ALLOWED, participant=True),
    "seminars:promote": _seminar_page(NOT_ALLOWED, participant=True),
    # The check-in at the door (issue 15): the screen, a scanned QR code, one person's tap (POST only).
    "seminars:door": _seminar_page(),
    "seminars:door_scan": _seminar_page(NOT_ALLOWED),
    "seminars:door_checkin": _seminar_page(NOT_ALLOWED, participant=True),
    # Attendance certificates (issue 17): the seminar's managers issue, download and revoke them; only a
    # participant marked attended has one (a registered participant's is 404 even for them).
    "seminars:certificates": _seminar_page(),
    "seminars:certificate_zip": _per_owner(_certificate_zip),
    "seminars:certificate": [
        *_per_owner(_attended),
        Case(managers_only(NOT_FOUND), label="own-not-attended", kwargs=_seminar(OWN, participant=True)),
    ],
    "seminars:certificate_revoke": _per_owner(_attended, NOT_ALLOWED),
    # The public check behind each certificate's QR code: name, seminar, dates, organizer; a revoked one says so.
    "seminars:verify_certificate": [
        Case(everyone(OK), label="valid", kwargs=_certificate(revoked=False)),
        Case(everyone(OK), label="revoked", kwargs=_certificate(revoked=True)),
        Case(everyone(NOT_FOUND), label="unknown", kwargs={"code": "AAAA-BBBB-CCCC"}),
    ],
    "seminars:person": [
        # A person links registrations of several organizations: even their own seminar's organizer is refused.
        Case(admins_only(), label="own-participant", kwargs=_seminar(OWN, person=True)),
        Case(admins_only(), label="others-participant", kwargs=_seminar(OTHERS, person=True)),
        Case(missing(), label="missing", kwargs={"pk": 999_999}),
    ],
    # Invitations (issue 20): the organizer's page and reminders; the invitee's personal link and decline page
    # (a made-up token is a 404 for everyone; tests/seminars/test_invitations.py opens real ones).
    "seminars:invitations": _seminar_page(),
    "seminars:invitations_remind": _seminar_page(NOT_ALLOWED),
    "seminars:invitation": [
        Case(everyone(NOT_FOUND), label="bad-token", kwargs=_with_token(_seminar(OTHERS))),
        Case(everyone(OK), label="own-link", kwargs=_invitation),
    ],
    "seminars:invitation_decline": [
        Case(everyone(NOT_FOUND), label="bad-token", kwargs=_with_token(_seminar(OTHERS))),
        Case(everyone(OK), label="own-link", kwargs=_invitation),
    ],
    # Feedback (issue 20): the organizers' questions and summary; the counts for whoever sees the statistics;
    # the attendee's form from the thank-you e-mail.
    "seminars:feedback": _seminar_page(),
    "seminars:feedback_results": [
        Case(_counts_only(), label="own", kwargs=_seminar(OWN)),
        Case(_counts_only(), label="others", kwargs=_seminar(OTHERS)),
        Case(missing(), label="missing", kwargs=MISSING_SLUG),
    ],
    "seminars:feedback_question_delete": _seminar_page(NOT_ALLOWED, participant=True),
    "seminars:feedback_form": [
        Case(everyone(NOT_FOUND), label="bad-token", kwargs=_with_token(_seminar(OTHERS))),
        Case(everyone(OK), label="own-link", kwargs=_feedback_link),
    ],
    # A person's own training record (issue 20), by the signed link in the thank-you e-mail.
    "seminars:training_record": [
        Case(everyone(NOT_FOUND), label="bad-token", kwargs={"token": "no-such-token"}),
        Case(everyone(OK), label="own-link", kwargs=_record_link),
    ],
    # The privacy notice (issue 20): public, linked from every form that collects personal data.
    "seminars:privacy": Case(everyone(OK)),
}
