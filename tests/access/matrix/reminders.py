"""The reminders app's one page outside the admin: the unsubscribe link every digest sent to a person carries.

Whoever holds the link, signed in or not: the signed token is the proof, and a one-click POST (RFC 8058) needs
no session. Any other token is a page that does not exist.
"""

from tests.access.expect import NOT_FOUND, OK, Case, everyone


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


EXPECTED = {
    "reminders:unsubscribe": [
        Case(everyone(OK), label="news", kwargs=_news_token),
        Case(everyone(OK), label="news-post", kwargs=_news_token, method="post"),
        Case(everyone(OK), label="reminders", kwargs=_user_token),
        Case(everyone(OK), label="reminders-post", kwargs=_user_token, method="post"),
        Case(everyone(NOT_FOUND), label="bad-token", kwargs={"token": "no-such-token"}),
    ],
}
