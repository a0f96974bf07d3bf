"""Closing the loop (issue 19, item 4): participants who asked hear what became of their seminar's
recommendations, at most once a week, through the reminders outbox, and can stop it with one click."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from recommendations import services as rec_services
from recommendations.models import Recommendation
from reminders import news, sending, unsubscribe
from reminders.models import Delivery, ReminderItem
from seminars.models import Registration
from tests.factories import (
    OrganizationFactory,
    PersonFactory,
    RecommendationFactory,
    RegistrationFactory,
    SeminarFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

S = Recommendation.Status
# A Wednesday: its week starts on Monday 17 November 2025.
NOW = dt.datetime(2025, 11, 19, 10, 0, tzinfo=dt.UTC)


@pytest.fixture
def loop(settings):
    """A past seminar, a participant who asked for news (in Kazakh) and one who did not, and a published
    recommendation of the seminar accepted a day before the opt-in."""
    settings.PORTAL_BASE_URL = "https://mura.example.org"
    seminar = SeminarFactory(past=True, title_en="Heritage seminar", title_kk="Мұра семинары")
    editor = UserFactory(full_name="Editor Secret Name")
    lead = OrganizationFactory(name_en="Akimat of Demo region", name_kk="Демо облысының әкімдігі")
    rec = RecommendationFactory(
        seminar=seminar,
        lead_organization=lead,
        published=True,
        title_kk="Жұмыс тобын құру",
        created_at=NOW - dt.timedelta(days=20),
    )
    subscriber = RegistrationFactory(
        seminar=seminar,
        person=PersonFactory(email="asel@example.org", full_name="Asel Participant", language="kk"),
        status=Registration.Status.ATTENDED,
        news_opt_in_at=NOW - dt.timedelta(days=3),
    )
    RegistrationFactory(seminar=seminar, person=PersonFactory(email="quiet@example.org"))
    return {"seminar": seminar, "rec": rec, "editor": editor, "lead": lead, "subscriber": subscriber}


def _change(rec, to_status, *, editor, at, comment="A private comment of the editors"):
    return rec_services.change_status(rec, to_status, user=editor, comment=comment, at=at)


def _report(rec, *, editor, at, text="The working group met twice."):
    return rec_services.add_progress_report(rec, author=editor, text=text, organization=rec.lead_organization, at=at)


def _send_all() -> None:
    sending.send_batch(list(Delivery.objects.filter(kind=Delivery.Kind.NEWS).values_list("pk", flat=True)))


def test_an_opted_in_participant_gets_one_digest_in_their_language_with_public_facts_only(loop):
    rec, editor = loop["rec"], loop["editor"]
    _change(rec, S.IN_PROGRESS, editor=editor, at=NOW - dt.timedelta(hours=5))
    _report(rec, editor=editor, at=NOW - dt.timedelta(hours=4))

    result = news.plan_news(NOW)

    assert (result.week, result.subscribers, result.recipients, result.created) == (dt.date(2025, 11, 17), 1, 1, 1)
    delivery = Delivery.objects.get(kind=Delivery.Kind.NEWS)
    assert (delivery.recipient_email, delivery.language, delivery.cycle) == ("asel@example.org", "kk", result.week)
    assert list(delivery.items.values_list("kind", "recommendation_id")) == [(ReminderItem.Kind.NEWS, rec.pk)]

    _send_all()

    (message,) = mail.outbox
    assert message.to == ["asel@example.org"]
    assert message.extra_headers["Content-Language"] == "kk"
    html = message.alternatives[0][0]
    for body in (message.body, html):
        assert "Жұмыс тобын құру" in body  # the recommendation's Kazakh title
        assert "Мұра семинары" in body  # the seminar's
        assert "Демо облысының әкімдігі" in body  # the report's organization, by name
        assert "The working group met twice." in body
        assert "A private comment of the editors" not in body  # a status change's comment is not public
        assert "Editor Secret Name" not in body  # nor who made it or wrote the report
        assert "quiet@example.org" not in body
        assert "Hello" not in body  # Kazakh throughout
    links = re.findall(r"https?://[^\s\"<>]+", message.body)
    assert links and all(link.startswith("https://mura.example.org/") for link in links)
    assert f"https://mura.example.org/recommendations/{rec.pk}/?lang=kk" in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe_url = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert unsubscribe_url.startswith("https://mura.example.org/reminders/unsubscribe/")
    assert unsubscribe_url in message.body
    assert Delivery.objects.get(pk=delivery.pk).status == Delivery.Status.SENT


def test_at_most_one_digest_a_week_later_news_waits_for_the_next_week(loop):
    rec, editor = loop["rec"], loop["editor"]
    _change(rec, S.IN_PROGRESS, editor=editor, at=NOW - dt.timedelta(hours=5))
    news.plan_news(NOW)
    _report(rec, editor=editor, at=NOW + dt.timedelta(hours=1))

    # The same week, however often planning runs: nothing more.
    assert news.plan_news(NOW + dt.timedelta(hours=2)).created == 0
    assert news.plan_news(NOW + dt.timedelta(days=4)).created == 0
    assert Delivery.objects.filter(kind=Delivery.Kind.NEWS).count() == 1

    # Next week: the report, and only it.
    next_week = NOW + dt.timedelta(days=6)
    assert news.plan_news(next_week).created == 1
    first, second = Delivery.objects.filter(kind=Delivery.Kind.NEWS).order_by("cycle")
    assert second.cycle == first.cycle + dt.timedelta(days=7)
    assert second.window_start == first.window_end
    _send_all()
    assert len(mail.outbox) == 2
    latest = mail.outbox[-1].body if "met twice" in mail.outbox[-1].body else mail.outbox[0].body
    assert "The working group met twice." in latest


def test_the_database_refuses_a_second_news_digest_for_the_same_person_and_week(loop):
    week = dt.date(2025, 11, 17)
    fields = {"kind": Delivery.Kind.NEWS, "cycle": week, "planned_on": week, "window_end": NOW}
    Delivery.objects.create(recipient_email="asel@example.org", **fields)
    with pytest.raises(IntegrityError), transaction.atomic():
        Delivery.objects.create(recipient_email="ASEL@example.org", **fields)
    first = Delivery.objects.get()
    with pytest.raises(IntegrityError), transaction.atomic():  # nor a "send again" copy of one
        Delivery.objects.create(recipient_email="asel@example.org", sequence=1, resend_of=first, **fields)
    # A reminder digest to the same address in the same cycle is another kind of message: allowed.
    Delivery.objects.create(recipient_email="asel@example.org", cycle=week, planned_on=week)


@pytest.mark.parametrize(
    "case",
    ["not_opted_in", "cancelled", "unpublished", "before_opt_in", "other_source", "draft_report_elsewhere"],
)
def test_no_digest_without_news_for_the_participant(loop, case):
    rec, editor, subscriber = loop["rec"], loop["editor"], loop["subscriber"]
    at = NOW - dt.timedelta(hours=5)
    if case == "not_opted_in":
        Registration.objects.filter(pk=subscriber.pk).update(news_opt_in_at=None)
    elif case == "cancelled":
        Registration.objects.filter(pk=subscriber.pk).update(status=Registration.Status.CANCELLED)
    elif case == "unpublished":
        Recommendation.objects.filter(pk=rec.pk).update(published=False)
    elif case == "before_opt_in":
        at = subscriber.news_opt_in_at - dt.timedelta(hours=1)
    elif case == "other_source":
        Recommendation.objects.filter(pk=rec.pk).update(source_kind=Recommendation.SourceKind.MISSION_REPORT)
    elif case == "draft_report_elsewhere":
        rec = RecommendationFactory(published=True)  # another seminar's
    _change(rec, S.IN_PROGRESS, editor=editor, at=at)
    assert news.plan_news(NOW).created == 0


def test_a_recommendation_unpublished_after_planning_is_not_told(loop):
    rec = loop["rec"]
    _change(rec, S.IN_PROGRESS, editor=loop["editor"], at=NOW - dt.timedelta(hours=5))
    news.plan_news(NOW)
    Recommendation.objects.filter(pk=rec.pk).update(published=False)
    _send_all()
    assert mail.outbox == []
    assert Delivery.objects.get(kind=Delivery.Kind.NEWS).status == Delivery.Status.CANCELLED


def test_the_unsubscribe_link_works_without_logging_in(loop):
    rec = loop["rec"]
    _change(rec, S.IN_PROGRESS, editor=loop["editor"], at=NOW - dt.timedelta(hours=5))
    news.plan_news(NOW)
    _send_all()
    url = mail.outbox[0].extra_headers["List-Unsubscribe"].strip("<>")
    path = url.removeprefix("https://mura.example.org")
    client = Client(enforce_csrf_checks=True)

    page = client.get(path)  # a mail scanner following the link changes nothing
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]
    assert Registration.objects.get(pk=loop["subscriber"].pk).news_opt_in_at is not None
    assert "asel@example.org" not in page.content.decode()

    # RFC 8058: the mail client POSTs "List-Unsubscribe=One-Click", without a session or a CSRF token.
    done = client.post(path, {"List-Unsubscribe": "One-Click"})
    assert done.status_code == 200
    assert Registration.objects.get(pk=loop["subscriber"].pk).news_opt_in_at is None
    assert client.post(path).status_code == 200  # a second click is harmless

    _report(rec, editor=loop["editor"], at=NOW + dt.timedelta(days=7))
    assert news.plan_news(NOW + dt.timedelta(days=8)).created == 0


def test_unsubscribing_between_planning_and_sending_cancels_the_digest(loop):
    _change(loop["rec"], S.IN_PROGRESS, editor=loop["editor"], at=NOW - dt.timedelta(hours=5))
    news.plan_news(NOW)
    subscription = unsubscribe.subscription_for(
        unsubscribe.token_for("n", loop["subscriber"].person_id, "asel@example.org")
    )
    subscription.stop()
    _send_all()
    assert mail.outbox == []
    assert Delivery.objects.get(kind=Delivery.Kind.NEWS).status == Delivery.Status.CANCELLED


@pytest.mark.parametrize("token", ["forged", "other_salt", "address_changed", "other_kind"])
def test_a_bad_unsubscribe_link_is_a_404(loop, client, token):
    person = loop["subscriber"].person
    from django.core import signing

    value = {
        "forged": "x" + unsubscribe.token_for("n", person.pk, person.email)[1:],
        "other_salt": signing.dumps(["n", person.pk, "0" * 20], salt="seminars.self_service"),
        "address_changed": unsubscribe.token_for("n", person.pk, "old@example.org"),
        "other_kind": signing.dumps(["x", person.pk, "0" * 20], salt=unsubscribe.SALT),
    }[token]
    response = client.get(reverse("reminders:unsubscribe", kwargs={"token": value}))
    assert response.status_code == 404


@pytest.mark.parametrize("ticked", [True, False])
def test_self_registration_records_the_opt_in_with_its_time(client, ticked):
    from tests.seminars.selfreg import register

    seminar = SeminarFactory()
    data = {
        "full_name": "Dana Self",
        "email": "dana@example.org",
        "gender": "female",
        "language": "ru",
        "consent": "on",
    }
    if ticked:
        data["recommendation_news"] = "on"
    before = timezone.now()
    register(client, seminar, data)
    registration = Registration.objects.get(seminar=seminar, email="dana@example.org")
    if ticked:
        assert registration.news_opt_in_at is not None and registration.news_opt_in_at >= before
    else:
        assert registration.news_opt_in_at is None


def test_self_registration_without_the_box_asks_for_nothing():
    from seminars import services as seminar_services

    seminar = SeminarFactory()
    outcome = seminar_services.self_register(seminar, {"full_name": "No News", "email": "nonews@example.org"})
    assert outcome.registration.news_opt_in_at is None


def test_an_import_column_records_who_asked_for_news():
    from seminars import importing, imports

    seminar = SeminarFactory()
    organizer = UserFactory()
    table = imports.Table(
        kind="csv",
        headers=["ФИО", "Эл. почта", "Новости рекомендаций"],
        rows=[(2, ["Один Участник", "one@example.org", "да"]), (3, ["Два Участника", "two@example.org", "жоқ"])],
    )
    mapping = imports.guess_mapping(table.headers)
    assert mapping == ["full_name", "email", "news"]
    validation = imports.validate(table, mapping)
    assert validation.is_valid
    importing.import_participants(seminar, validation.rows, by=organizer)
    opted = dict(Registration.objects.filter(seminar=seminar).values_list("email", "news_opt_in_at"))
    assert opted["one@example.org"] is not None
    assert opted["two@example.org"] is None


def test_an_import_refuses_an_unreadable_news_answer():
    from seminars import imports

    table = imports.Table(
        kind="csv", headers=["Full name", "E-mail", "News"], rows=[(2, ["A B", "a@example.org", "maybe"])]
    )
    validation = imports.validate(table, imports.guess_mapping(table.headers))
    assert [error.line for error in validation.errors] == [2]
