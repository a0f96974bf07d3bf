"""Feedback after a seminar (issue 20, item 3): the questions a seminar asks, the thank-you e-mail with the
form's personal link to those who attended, the answers saved (anonymously by default) and summarised in counts.

The link names the registration (signed, its own salt) so each attendee answers once; with anonymous feedback
the answers are saved without it. Officials see counts only; the seminar's organizers also read the free-text
answers, never with a name.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping
from typing import Any

from django import forms
from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import Count, Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.i18n import language_link
from seminars.models import FeedbackAnswer, FeedbackQuestion, FeedbackResponse, Registration, Seminar

SALT = "seminars.feedback"
ASK_WITHIN = dt.timedelta(days=14)  # seminars that ended longer ago are not asked about any more


def token_for(registration: Registration) -> str:
    return signing.dumps(registration.pk, salt=SALT)


def registration_for_token(slug: str, token: str) -> Registration | None:
    try:
        pk = signing.loads(token, salt=SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not isinstance(pk, int):
        return None
    return (
        Registration.objects.select_related("seminar")
        .filter(pk=pk, seminar__slug=slug, status=Registration.Status.ATTENDED)
        .first()
    )


def form_url(registration: Registration) -> str:
    path = reverse(
        "seminars:feedback_form", kwargs={"slug": registration.seminar.slug, "token": token_for(registration)}
    )
    return language_link(f"{settings.PORTAL_BASE_URL.rstrip('/')}{path}", registration.language)


def due(now: dt.datetime | None = None):
    """Attended registrations of seminars ended in the last fortnight, with a feedback form, not asked yet."""
    now = now or timezone.now()
    has_questions = FeedbackQuestion.objects.filter(seminar=OuterRef("seminar"))
    return Registration.objects.filter(
        status=Registration.Status.ATTENDED,
        email__isnull=False,
        feedback_requested_at__isnull=True,
        seminar__end__lt=now,
        seminar__end__gte=now - ASK_WITHIN,
    ).filter(Exists(has_questions))


# ---- the form


def answer_form(questions: list[FeedbackQuestion], data=None) -> forms.Form:
    """A form with one field per question, in the active language; every answer is optional."""
    form = forms.Form(data)
    for question in questions:
        name = f"q{question.pk}"
        label = str(question.localized_text)
        if question.kind == FeedbackQuestion.Kind.RATING:
            field = forms.TypedChoiceField(
                label=label,
                choices=[(n, str(n)) for n in FeedbackQuestion.RATINGS],
                coerce=int,
                required=False,
                widget=forms.RadioSelect,
                help_text=_("1: poor, 5: excellent."),
            )
        elif question.kind == FeedbackQuestion.Kind.CHOICE:
            field = forms.TypedChoiceField(
                label=label,
                choices=list(enumerate(question.options())),
                coerce=int,
                required=False,
                widget=forms.RadioSelect,
            )
        else:
            field = forms.CharField(
                label=label, required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
            )
        form.fields[name] = field
    return form


class AlreadyAnswered(Exception):
    pass


def save_answers(registration: Registration, questions: list[FeedbackQuestion], cleaned: Mapping[str, Any]) -> None:
    """Save one attendee's answers once; anonymous unless the seminar says otherwise."""
    seminar = registration.seminar
    with transaction.atomic():
        claimed = Registration.objects.filter(pk=registration.pk, feedback_given_at__isnull=True).update(
            feedback_given_at=timezone.now()
        )
        if not claimed:
            raise AlreadyAnswered
        response = FeedbackResponse.objects.create(
            seminar=seminar, registration=None if seminar.feedback_anonymous else registration
        )
        answers = []
        for question in questions:
            value = cleaned.get(f"q{question.pk}")
            if value in (None, ""):
                continue
            answer = FeedbackAnswer(response=response, question=question)
            if question.kind == FeedbackQuestion.Kind.RATING:
                answer.rating = value
            elif question.kind == FeedbackQuestion.Kind.CHOICE:
                answer.choice = value
            else:
                answer.text = value.strip()
            answers.append(answer)
        FeedbackAnswer.objects.bulk_create(answers)


# ---- the summary


def summary(seminar: Seminar, *, with_texts: bool) -> dict[str, Any]:
    """Counts per question (ratings 1-5 with the mean, each choice), the number of text answers and, for the
    organizers only, their texts (no names). Three queries, four with the texts."""
    questions = list(FeedbackQuestion.objects.filter(seminar=seminar))
    counts: dict[int, Counter] = {q.pk: Counter() for q in questions}
    rows = (
        FeedbackAnswer.objects.filter(question__seminar=seminar, text="")
        .values_list("question_id", "rating", "choice")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for question_id, rating, choice, n in rows:
        counts[question_id][rating if rating is not None else choice] += n
    text_counts = dict(
        FeedbackAnswer.objects.filter(question__seminar=seminar, text__gt="")
        .values_list("question_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    texts: dict[int, list[str]] = {}
    if with_texts:
        for question_id, text in (
            FeedbackAnswer.objects.filter(question__seminar=seminar, text__gt="")
            .order_by("question_id", "pk")
            .values_list("question_id", "text")
        ):
            texts.setdefault(question_id, []).append(text)
    result = []
    for question in questions:
        c = counts[question.pk]
        row: dict[str, Any] = {"question": question, "kind": question.kind}
        if question.kind == FeedbackQuestion.Kind.RATING:
            total = sum(c[n] for n in FeedbackQuestion.RATINGS)
            row["rows"] = [{"label": str(n), "count": c[n]} for n in FeedbackQuestion.RATINGS]
            row["answers"] = total
            row["mean"] = sum(n * c[n] for n in FeedbackQuestion.RATINGS) / total if total else None
        elif question.kind == FeedbackQuestion.Kind.CHOICE:
            row["rows"] = [{"label": label, "count": c[i]} for i, label in enumerate(question.options())]
            row["answers"] = sum(c.values())
        else:
            row["answers"] = text_counts.get(question.pk, 0)
            row["texts"] = texts.get(question.pk, []) if with_texts else None
        result.append(row)
    return {"questions": result, "responses": FeedbackResponse.objects.filter(seminar=seminar).count()}
