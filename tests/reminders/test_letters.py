"""Official letters of escalated reminders (issue 17 item 3): numbered per year without gaps, in the
organization's language, attached to the digest, kept, and shown on the recommendation's page to those who may
read them; the reminders' own guarantees unchanged."""

from __future__ import annotations

import io

import pypdf
import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from portal.models import Organization
from reminders import letters, planning, sending
from reminders.models import Delivery, Letter, ReminderItem
from tests.factories import OrganizationFactory, UserFactory
from tests.reminders import dataset

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(bytes(content))).pages)


@pytest.fixture
def planned():
    data = dataset.build()
    planning.plan(dataset.TODAY)
    return data


def _send_all():
    return sending.send_batch(list(Delivery.objects.order_by("pk").values_list("pk", flat=True)))


def test_the_escalated_digest_carries_a_numbered_letter_in_the_organizations_language(planned):
    _send_all()
    [letter] = Letter.objects.all()
    region = letter.organization
    assert region.slug == "akimat-region" and letter.language == "ru" == region.preferred_language
    assert (letter.year, letter.number, letter.date) == (timezone.localdate().year, 1, timezone.localdate())
    [message] = [m for m in mail.outbox if m.to == ["region@example.org"]]
    [(name, content, mimetype)] = message.attachments
    assert (name, mimetype) == (f"mura-letter-{letter.year}-0001.pdf", "application/pdf")
    text = pdf_text(content)
    assert f"{letter.year}/0001" in text
    assert "О просроченных рекомендациях" in text
    escalated = ReminderItem.objects.filter(delivery__recipient_email="region@example.org", escalated=True)
    assert escalated.exists()
    for item in escalated.select_related("recommendation"):
        assert item.recommendation.title_ru[:20] in text.replace("\n", " ")
    assert set(letter.deliveries.values_list("recipient_email", flat=True)) == {"region@example.org"}
    # No other digest carries a letter: nothing else escalates.
    assert [m.to for m in mail.outbox if m.attachments] == [["region@example.org"]]


def test_a_kazakh_organization_gets_its_letter_in_kazakh(planned):
    Organization.objects.filter(slug="akimat-region").update(preferred_language="kk")
    _send_all()
    letter = Letter.objects.get()
    assert letter.language == "kk"
    text = pdf_text(letter.pdf)
    assert "Мерзімі өткен ұсынымдар туралы" in text
    assert "Шығыс №" in text


def test_sending_again_reuses_the_letter_and_its_number(planned, admin_user):
    from reminders import services

    _send_all()
    original = Delivery.objects.get(recipient_email="region@example.org")
    copy = services.send_again(original, reason="Lost in the Akimat's spam folder", requested_by=admin_user)
    sending.send_batch([copy.pk])
    assert Letter.objects.count() == 1
    assert set(Letter.objects.get().deliveries.all()) == {original, copy}
    assert mail.outbox[-1].attachments[0][0] == f"mura-letter-{timezone.localdate().year}-0001.pdf"


def test_numbers_run_on_per_year_and_the_database_refuses_a_number_twice(planned):
    _send_all()
    first = Letter.objects.get()
    other = OrganizationFactory(slug="another-region", emails=["another@example.org"])
    delivery = Delivery.objects.get(recipient_email="region@example.org")
    delivery.pk = None
    delivery.recipient_email, delivery.organization, delivery.cycle = "another@example.org", other, delivery.cycle
    delivery.status = Delivery.Status.PENDING
    delivery.sent_at = None
    delivery.save()
    for item in ReminderItem.objects.filter(delivery__recipient_email="region@example.org", escalated=True):
        item.pk, item.delivery = None, delivery
        item.save()
    second = letters.letter_for(delivery)
    assert (second.year, second.number) == (first.year, 2)
    with pytest.raises(IntegrityError), transaction.atomic():
        Letter.objects.create(
            organization=other, cycle=dataset.TODAY, year=first.year, number=1, date=first.date, language="ru", pdf=b""
        )


def test_one_letter_per_organization_and_cycle_is_enforced_by_the_database(planned):
    _send_all()
    letter = Letter.objects.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        Letter.objects.create(
            organization=letter.organization,
            cycle=letter.cycle,
            year=letter.year,
            number=99,
            date=letter.date,
            language="ru",
            pdf=b"",
        )


def test_the_letter_is_downloadable_from_the_recommendations_page_by_those_who_may(planned, client, official):
    _send_all()
    letter = Letter.objects.get()
    item = ReminderItem.objects.filter(delivery__letters=letter, escalated=True).first()
    page = reverse("recommendations:detail", kwargs={"pk": item.recommendation_id})
    url = reverse("reminders:letter", kwargs={"pk": letter.pk})
    client.force_login(official)
    assert url in client.get(page).content.decode()
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content == bytes(letter.pdf)
    nobody = UserFactory(email="reader@example.org")  # signed in, no role: may read the register, not the letter
    client.force_login(nobody)
    assert url not in client.get(page).content.decode()
    assert client.get(url).status_code == 403


def test_a_focal_point_of_the_addressee_may_read_it(planned, client):
    _send_all()
    letter = Letter.objects.get()
    focal = UserFactory(email="focal-region@example.org")
    focal.focal_point_for.add(letter.organization)
    client.force_login(focal)
    assert client.get(reverse("reminders:letter", kwargs={"pk": letter.pk})).status_code == 200


def test_a_letter_whose_items_were_settled_is_not_made(planned):
    from recommendations.models import Recommendation

    escalated = ReminderItem.objects.filter(escalated=True).values("recommendation")
    Recommendation.objects.filter(pk__in=escalated).update(status=Recommendation.Status.IMPLEMENTED)
    _send_all()
    assert not Letter.objects.exists()
