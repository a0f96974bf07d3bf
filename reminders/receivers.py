"""What the reminders keep about a person who is anonymised (seminars.privacy.person_anonymised): the news digests
sent to them (reminders.news) carry their name and address; both are erased, the rows stay for the counts and
for the once-a-week guarantee of the cycles already sent."""

from __future__ import annotations

from django.db.models import CharField, F, Value
from django.db.models.functions import Concat
from django.dispatch import receiver

from reminders.models import Delivery
from seminars.privacy import person_anonymised


@receiver(person_anonymised, dispatch_uid="reminders.erase_news_recipient")
def erase_news_recipient(sender, emails, **kwargs) -> None:
    if not emails:
        return
    # A placeholder address per row keeps the (address, kind, cycle, sequence) constraint satisfied.
    Delivery.objects.filter(kind=Delivery.Kind.NEWS, recipient_email__in=emails).update(
        recipient_name="",
        recipient_email=Concat(Value("anonymised-"), F("pk"), Value("@invalid.example"), output_field=CharField()),
    )
