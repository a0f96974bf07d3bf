"""Issue 20, item 3: the feedback form after the seminar, the thank-you with the certificate, and the summary
in counts (an official never reads a person's answer)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from seminars import feedback, tasks
from seminars.models import FeedbackAnswer, FeedbackQuestion, FeedbackResponse, Registration
from tests.factories import PersonFactory, RegistrationFactory, SeminarFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(organization):
    """A seminar that ended yesterday, with a rating, a choice and a text question, and two attendees."""
    start = timezone.now() - dt.timedelta(days=1, hours=8)
    seminar = SeminarFactory(organizers=[organization], past=True, start=start, end=start + dt.timedelta(hours=7))
    FeedbackQuestion.objects.create(
        seminar=seminar, position=1, kind="rating", text="How useful was it?", text_ru="Насколько полезно?"
    )
    FeedbackQuestion.objects.create(
        seminar=seminar, position=2, kind="choice", text="Format", choices="On site\nOnline", choices_ru="Очно\nОнлайн"
    )
    FeedbackQuestion.objects.create(seminar=seminar, position=3, kind="text", text="What should change?")
    for n, language in enumerate(["ru", "en"]):
        RegistrationFactory(
            seminar=seminar, status="attended", person=PersonFactory(email=f"a{n}@example.org", language=language)
        )
    RegistrationFactory(seminar=seminar, status="no_show")
    return seminar


def answer(client, registration, data):
    url = reverse(
        "seminars:feedback_form", kwargs={"slug": registration.seminar.slug, "token": feedback.token_for(registration)}
    )
    return client.post(url, data)


def test_those_who_attended_get_the_thank_you_with_the_certificate_once(held):
    due = list(feedback.due().values_list("pk", flat=True))
    assert len(due) == 2  # the no-show is not asked
    assert [tasks.send_feedback_request(registration_id=pk) for pk in due] == [True, True]
    assert tasks.send_feedback_request(registration_id=due[0]) is False
    ru = next(m for m in mail.outbox if m.to == ["a0@example.org"])
    assert ru.subject == f"Спасибо за участие: {held.title_ru}"
    assert "/feedback/answer/" in ru.body and "без вашего имени" in ru.body
    assert [a[2] for a in ru.attachments] == ["application/pdf"]
    assert list(feedback.due()) == []


def test_answers_are_anonymous_by_default_and_given_once(client, held):
    registration = Registration.objects.filter(seminar=held, status="attended").first()
    questions = list(FeedbackQuestion.objects.filter(seminar=held))
    url = reverse("seminars:feedback_form", kwargs={"slug": held.slug, "token": feedback.token_for(registration)})
    client.cookies["django_language"] = "ru"
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "Насколько полезно?" in page and "Онлайн" in page
    data = {f"q{questions[0].pk}": "5", f"q{questions[1].pk}": "1", f"q{questions[2].pk}": "More field visits"}
    assert answer(client, registration, data).status_code == 303
    assert answer(client, registration, {f"q{questions[0].pk}": "1"}).status_code == 303  # changes nothing
    response = FeedbackResponse.objects.get()
    assert response.registration is None
    assert set(FeedbackAnswer.objects.values_list("rating", "choice", "text")) == {
        (5, None, ""),
        (None, 1, ""),
        (None, None, "More field visits"),
    }


def test_a_bad_or_not_attended_token_is_404(client, held):
    no_show = Registration.objects.get(seminar=held, status="no_show")
    url = reverse("seminars:feedback_form", kwargs={"slug": held.slug, "token": feedback.token_for(no_show)})
    assert client.get(url).status_code == 404


def test_the_official_sees_counts_the_organizer_also_the_texts(client, held, official, organizer):
    questions = list(FeedbackQuestion.objects.filter(seminar=held))
    for registration, rating in zip(Registration.objects.filter(seminar=held, status="attended"), [4, 5], strict=True):
        answer(client, registration, {f"q{questions[0].pk}": str(rating), f"q{questions[2].pk}": f"Secret {rating}"})
    client.force_login(official)
    results = client.get(reverse("seminars:feedback_results", kwargs={"slug": held.slug}))
    summary = results.context["summary"]
    assert summary["responses"] == 2
    assert summary["questions"][0]["mean"] == 4.5
    assert [r["count"] for r in summary["questions"][0]["rows"]] == [0, 0, 0, 1, 1]
    assert summary["questions"][2]["answers"] == 2
    assert "Secret" not in results.content.decode()
    assert client.get(reverse("seminars:feedback", kwargs={"slug": held.slug})).status_code == 403
    client.force_login(organizer)
    managed = client.get(reverse("seminars:feedback", kwargs={"slug": held.slug})).content.decode()
    assert "Secret 4" in managed and "Secret 5" in managed


def test_the_organizer_adds_and_removes_questions(client, organizer, held):
    client.force_login(organizer)
    url = reverse("seminars:feedback", kwargs={"slug": held.slug})
    assert client.post(url, {"kind": "choice", "text": "Which day?"}).status_code == 200  # a choice needs options
    assert client.post(url, {"kind": "choice", "text": "Which day?", "choices": "Monday\nTuesday"}).status_code == 302
    added = FeedbackQuestion.objects.get(text="Which day?")
    assert (added.position, added.options("en")) == (4, ["Monday", "Tuesday"])
    client.post(reverse("seminars:feedback_question_delete", kwargs={"slug": held.slug, "pk": added.pk}))
    assert not FeedbackQuestion.objects.filter(pk=added.pk).exists()


@pytest.mark.parametrize("answers", [1, 3])
def test_the_results_page_costs_the_same_queries_at_two_sizes(
    client, official, held, answers, django_assert_num_queries
):
    question = FeedbackQuestion.objects.filter(seminar=held).first()
    for n in range(answers):
        response = FeedbackResponse.objects.create(seminar=held)
        FeedbackAnswer.objects.create(response=response, question=question, rating=1 + n)
        FeedbackAnswer.objects.create(
            response=response, question=FeedbackQuestion.objects.get(seminar=held, kind="text"), text=f"t{n}"
        )
    client.force_login(official)
    url = reverse("seminars:feedback_results", kwargs={"slug": held.slug})
    client.get(url)
    # user, seminar, its organizers, the user's groups, questions, counts, text counts, responses
    with django_assert_num_queries(8):
        assert client.get(url).status_code == 200
