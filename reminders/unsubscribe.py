"""One-click unsubscribe from the digests, without an account (issue 19, items 4 and 5).

Every digest sent to a person carries a link holding a token signed with the portal's secret key
(django.core.signing, its own salt), like a participant's registration link (seminars.self_service): it names
who stops hearing and carries a keyed digest of the address the digest went to, so it stops working when that
address changes. It does not expire: a digest may be read weeks later. Two kinds:

- "n": a participant's news of their seminars' recommendations (seminars.Person): every opt-in of theirs ends.
- "u": a user's reminder digests (portal.User): their frequency becomes "never, except escalations".

The link opens a page with a button (a mail scanner fetching it changes nothing); the button, or a mail client's
RFC 8058 one-click POST (List-Unsubscribe-Post), does it. An organization's shared mailbox has no such link:
its recipients are the organization's setting, changed by the portal's administrators.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.crypto import constant_time_compare, salted_hmac

from portal.i18n import language_link
from portal.models import User
from seminars.models import Person, Registration

SALT = "reminders.unsubscribe"
NEWS, USER = "n", "u"


def _address_digest(email: str | None) -> str:
    return salted_hmac(SALT, (email or "").lower(), algorithm="sha256").hexdigest()[:20]


def token_for(kind: str, pk: int, email: str) -> str:
    return signing.dumps([kind, pk, _address_digest(email)], salt=SALT)


def url_for(kind: str, pk: int, email: str, language: str) -> str:
    """The full link for a digest, opening in the recipient's language."""
    path = reverse("reminders:unsubscribe", kwargs={"token": token_for(kind, pk, email)})
    return language_link(f"{settings.PORTAL_BASE_URL.rstrip('/')}{path}", language)


def news_url(email: str, language: str) -> str | None:
    """The news digest's link: names the person behind the address (None if nobody is on record with it)."""
    person_id = Person.objects.filter(email=email).values_list("pk", flat=True).first()
    return url_for(NEWS, person_id, email, language) if person_id else None


@dataclass
class Subscription:
    kind: str
    subject: Person | User

    @property
    def active(self) -> bool:
        if self.kind == NEWS:
            return _news_registrations(self.subject).filter(news_opt_in_at__isnull=False).exists()
        return self.subject.reminder_frequency != User.ReminderFrequency.NEVER

    def stop(self) -> int:
        """Unsubscribe; returns how many settings changed (0 when already done: a second click is harmless)."""
        if self.kind == USER:
            updated = User.objects.filter(pk=self.subject.pk).exclude(reminder_frequency=User.ReminderFrequency.NEVER)
            count = updated.update(reminder_frequency=User.ReminderFrequency.NEVER)
            self.subject.reminder_frequency = User.ReminderFrequency.NEVER
            return count
        from seminars.services import set_news_opt_in

        with transaction.atomic():
            registrations = list(_news_registrations(self.subject).filter(news_opt_in_at__isnull=False))
            for registration in registrations:  # one by one: each registration's history says it was stopped
                set_news_opt_in(registration, False)
        return len(registrations)


def _news_registrations(person: Person):
    return Registration.objects.filter(Q(person=person) | Q(email=person.email))


def subscription_for(token: str) -> Subscription | None:
    """Who the link unsubscribes, or None for anything else (forged, for another purpose, address changed)."""
    try:
        kind, pk, digest = signing.loads(token, salt=SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if kind not in (NEWS, USER) or not isinstance(pk, int) or not isinstance(digest, str):
        return None
    if kind == NEWS:
        subject = Person.objects.filter(pk=pk, email__isnull=False).first()
    else:
        subject = User.objects.filter(pk=pk, is_active=True).first()
    if subject is None or not constant_time_compare(digest, _address_digest(subject.email)):
        return None
    return Subscription(kind, subject)
