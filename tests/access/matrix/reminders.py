"""The reminders app's pages outside the admin: the unsubscribe link every digest sent to a person carries, and
an escalated reminder's official letter (issue 17), for officials, organizers, admins and the focal points of
the organization it is addressed to.

The unsubscribe link:

Whoever holds the link, signed in or not: the signed token is the proof, and a one-click POST (RFC 8058) needs
no session. Any other token is a page that does not exist.
"""

from tests.access.expect import FORBIDDEN, LOGIN, NOT_FOUND, OK, Case, answers, everyone

READERS = {"official": OK, "organizer": OK, "admin_user": OK}


def _news_token(request):
    """The link of a participant's news digest (reminders.unsubscribe), the participant having opted in."""
    from django.utils import timezone

    from reminders import unsubscribe
    from tests.factories import RegistrationFactory

    registration = RegistrationFactory(news_opt_in_at=timezone.now())
    person = registration.person
    return {"token": unsubscribe.token_for(unsubscribe.NEWS, person.pk, person.email)}


def _user_token(request):
    """The link of a person's reminder digest."""
    from reminders import unsubscribe
    from tests.factories import UserFactory

    user = UserFactory()
    return {"token": unsubscribe.token_for(unsubscribe.USER, user.pk, user.email)}


def _letter(addressee: str):
    """A letter addressed to the fixture ``addressee`` (the focal point persona's organization, or another)."""

    def kwargs(request):
        import datetime as dt

        from reminders.models import Letter

        letter = Letter.objects.create(
            organization=request.getfixturevalue(addressee),
            cycle=dt.date(2025, 11, 17),
            year=2025,
            number=Letter.objects.count() + 1,
            date=dt.date(2025, 11, 20),
            language="ru",
            pdf=b"%PDF-1.4 test",
        )
        return {"pk": letter.pk}

    return kwargs


EXPECTED = {
    "reminders:letter": [
        Case(
            answers(FORBIDDEN, anonymous=LOGIN, focal_point=OK, **READERS),
            label="focal-point's",
            kwargs=_letter("organization"),
        ),
        Case(answers(FORBIDDEN, anonymous=LOGIN, **READERS), label="others", kwargs=_letter("other_organization")),
        Case(answers(NOT_FOUND, anonymous=LOGIN), label="missing", kwargs={"pk": 999_999}),
    ],
    "reminders:unsubscribe": [
        Case(everyone(OK), label="news", kwargs=_news_token),
        Case(everyone(OK), label="news-post", kwargs=_news_token, method="post"),
        Case(everyone(OK), label="reminders", kwargs=_user_token),
        Case(everyone(OK), label="reminders-post", kwargs=_user_token, method="post"),
        Case(everyone(NOT_FOUND), label="bad-token", kwargs={"token": "no-such-token"}),
    ],
}
