"""Done-when of issue 20, as the people involved see it: an organizer invites five people and two organizations,
two register through their links, the reminder to those who have not answered reaches the other three, the
seminar takes place, feedback comes back and is summarised; the retention task turns a six-year-old person into
counts that the seminar statistics still show; /privacy/ is linked from the registration and import forms.

E-mails are read as their recipients get them (subject, plain text, links), from the outbox, after running each
task the requests queued."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, TestCase
from django.urls import reverse
from django.utils import timezone

from seminars import feedback, tasks
from seminars.models import FeedbackQuestion, Invitation, Person, Registration, Seminar
from tests.factories import OrganizationFactory, PersonFactory, RegistrationFactory, SeminarFactory
from tests.seminars.queued import run_queued

pytestmark = pytest.mark.django_db


def post_and_run(client, url, data=None):
    with TestCase.captureOnCommitCallbacks() as callbacks:
        response = client.post(url, data or {})
    run_queued(callbacks)
    return response


def link(message, pattern: str) -> str:
    """The path of the first link in the message's plain text that contains ``pattern``."""
    url = re.search(rf"https?://\S*{pattern}\S*", message.body).group(0)
    return re.sub(r"^https?://[^/]+", "", url)


def inbox(address: str):
    return [m for m in mail.outbox if address in m.to]


def test_a_seminars_whole_life(client, organizer, organization, official, seminar):
    # ---- invitations: two earlier participants, two pasted, one in a file, and two organizations
    earlier = SeminarFactory(organizers=[organization], past=True)
    for email, language in (("aigerim@example.org", "kk"), ("dmitry@example.org", "ru")):
        RegistrationFactory(seminar=earlier, person=PersonFactory(email=email, language=language))
    museum = OrganizationFactory(name_en="Museum", name_ru="Музей", name_kk="Мұражай", emails=["museum@example.org"])
    akimat = OrganizationFactory(name_en="Akimat", name_ru="Акимат", name_kk="Әкімдік", emails=["akimat@example.org"])
    sheet = SimpleUploadedFile("list.csv", b"Full name,E-mail\nErlan Example,erlan@example.org\n", "text/csv")
    organizer_client = Client()
    organizer_client.force_login(organizer)
    invitations_url = reverse("seminars:invitations", kwargs={"slug": seminar.slug})
    post_and_run(
        organizer_client,
        invitations_url,
        {
            "past": ["aigerim@example.org", "dmitry@example.org"],
            "pasted": "Saule Example <saule@example.org>\nbolat@example.org, Bolat Example",
            "file": sheet,
            "organizations": [museum.pk, akimat.pk],
            "language": "en",
        },
    )
    people = [
        "aigerim@example.org",
        "dmitry@example.org",
        "saule@example.org",
        "bolat@example.org",
        "erlan@example.org",
    ]
    organizations = ["museum@example.org", "akimat@example.org"]
    assert sorted(m.to[0] for m in mail.outbox) == sorted(people + organizations)
    aigerim = inbox("aigerim@example.org")[0]
    assert aigerim.subject == f"Шақыру: {seminar.title_kk}"  # in the language she registered in before
    assert "Dear colleagues," in inbox("museum@example.org")[0].body

    # ---- two register through their personal links; the form is filled in
    for address in ("aigerim@example.org", "saule@example.org"):
        [message] = inbox(address)
        visitor = Client()
        form = visitor.get(link(message, "/invitation/")).context["form"]
        data = {**form.initial, "gender": "female", "consent": "on"}
        response = post_and_run(visitor, link(message, "/invitation/"), data)
        assert response.status_code == 200
    registered = Registration.objects.filter(seminar=seminar).order_by("email")
    assert [(r.email, r.source) for r in registered] == [
        ("aigerim@example.org", "invitation"),
        ("saule@example.org", "invitation"),
    ]
    assert "/my-registration/" in inbox("saule@example.org")[-1].body  # the confirmation
    counts = {row["status"]: row["count"] for row in organizer_client.get(invitations_url).context["counts"]}
    assert counts == {"invited": 5, "opened": 0, "registered": 2, "declined": 0}

    # ---- the organizer reminds the three people who have not answered (not the organizations), and when
    mail.outbox.clear()
    silent = Invitation.objects.filter(seminar=seminar, organization=None, status="invited")
    post_and_run(
        organizer_client,
        reverse("seminars:invitations_remind", kwargs={"slug": seminar.slug}),
        {"invitations": [i.pk for i in silent]},
    )
    assert sorted(m.to[0] for m in mail.outbox) == ["bolat@example.org", "dmitry@example.org", "erlan@example.org"]
    dmitry = inbox("dmitry@example.org")[0]
    assert dmitry.subject == f"Напоминание: вы приглашены на «{seminar.title_ru}»"
    assert "/decline/" in dmitry.body

    # ---- the seminar takes place: both come, the organizer checks them in
    start = timezone.now() - dt.timedelta(days=1)
    Seminar.objects.filter(pk=seminar.pk).update(start=start, end=start + dt.timedelta(hours=6))
    for registration in registered:
        organizer_client.post(
            reverse("seminars:checkin", kwargs={"slug": seminar.slug, "pk": registration.pk}), {"status": "attended"}
        )
    feedback_url = reverse("seminars:feedback", kwargs={"slug": seminar.slug})
    organizer_client.post(
        feedback_url,
        {
            "kind": "rating",
            "text": "How useful was it?",
            "text_ru": "Насколько полезно?",
            "text_kk": "Қаншалықты пайдалы болды?",
        },
    )
    organizer_client.post(
        feedback_url,
        {"kind": "text", "text": "What should change?", "text_ru": "Что изменить?", "text_kk": "Нені өзгерту керек?"},
    )

    # ---- feedback: the thank-you reaches those who attended; they answer; the summary counts
    mail.outbox.clear()
    for registration_id in feedback.due().values_list("pk", flat=True):
        tasks.send_feedback_request(registration_id=registration_id)
    assert sorted(m.to[0] for m in mail.outbox) == ["aigerim@example.org", "saule@example.org"]
    rating, text = FeedbackQuestion.objects.filter(seminar=seminar)
    for address, stars in (("aigerim@example.org", "5"), ("saule@example.org", "4")):
        [thanks] = inbox(address)
        assert [a[2] for a in thanks.attachments] == ["application/pdf"]  # the certificate
        Client().post(link(thanks, "/feedback/answer/"), {f"q{rating.pk}": stars, f"q{text.pk}": "More field visits"})
    official_client = Client()
    official_client.force_login(official)
    summary = official_client.get(reverse("seminars:feedback_results", kwargs={"slug": seminar.slug})).context[
        "summary"
    ]
    assert summary["responses"] == 2
    assert (summary["questions"][0]["mean"], summary["questions"][1]["answers"]) == (4.5, 2)

    # ---- retention: a person last seen six years ago becomes counts the old seminar still shows
    six_years_ago = timezone.now() - dt.timedelta(days=6 * 366)
    old = SeminarFactory(
        organizers=[organization], past=True, start=six_years_ago, end=six_years_ago + dt.timedelta(hours=5)
    )
    veteran = RegistrationFactory(
        seminar=old, status="attended", person=PersonFactory(full_name="Veteran Example", gender="male")
    )
    Person.objects.filter(pk=veteran.person_id).update(created_at=six_years_ago)
    Registration.objects.filter(pk=veteran.pk).update(created_at=six_years_ago)
    assert tasks.anonymise_inactive_people() == 1
    assert not Person.objects.filter(full_name="Veteran Example").exists()
    stats = official_client.get(old.get_absolute_url()).context["stats"]
    assert stats["seated"] == 1
    assert {row["label"]: row["attended"] for row in stats["by_gender"]}["Male"] == 1
    assert [(row["label"], row["count"]) for row in stats["by_kind"]] == [("Museum", 1)]

    # ---- /privacy/ from the registration and the import forms
    for url, reader in (
        (reverse("seminars:register", kwargs={"slug": seminar.slug}), client),
        (reverse("seminars:import", kwargs={"slug": seminar.slug}), organizer_client),
    ):
        assert 'href="/privacy/"' in reader.get(url).content.decode()
