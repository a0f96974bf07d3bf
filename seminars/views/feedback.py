"""Feedback after a seminar (issue 20, item 3): the organizers' questions and summary, the officials' counts, and
the attendee's form from the thank-you e-mail."""

from __future__ import annotations

import contextlib

from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views import View
from django.views.generic import FormView, TemplateView

from seminars import feedback
from seminars.forms import FeedbackQuestionForm
from seminars.models import FeedbackQuestion
from seminars.permissions import SeminarPermissionMixin
from seminars.views.base import NoStoreMixin


def _url(seminar) -> str:
    return reverse("seminars:feedback", kwargs={"slug": seminar.slug})


class FeedbackManageView(NoStoreMixin, SeminarPermissionMixin, FormView):
    """The questions (add, remove) and the answers summarised, free texts included (never with a name)."""

    permission_required = "seminars.change_seminar"
    form_class = FeedbackQuestionForm
    template_name = "seminars/feedback.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            seminar=self.seminar, summary=feedback.summary(self.seminar, with_texts=True), managing=True, **kwargs
        )

    def form_valid(self, form):
        question = form.save(commit=False)
        question.seminar = self.seminar
        last = FeedbackQuestion.objects.filter(seminar=self.seminar).order_by("-position").first()
        question.position = (last.position + 1) if last else 1
        question.save()
        return HttpResponseRedirect(_url(self.seminar))


class FeedbackQuestionDeleteView(NoStoreMixin, SeminarPermissionMixin, View):
    permission_required = "seminars.change_seminar"

    def post(self, request, *args, **kwargs):
        question = get_object_or_404(FeedbackQuestion, seminar=self.seminar, pk=kwargs["pk"])
        question.delete()
        return HttpResponseRedirect(_url(self.seminar))


class FeedbackResultsView(SeminarPermissionMixin, TemplateView):
    """Counts only, for whoever sees the seminar's statistics (officials too): no single answer is shown."""

    permission_required = "seminars.view_seminar_statistics"
    template_name = "seminars/feedback_results.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            seminar=self.seminar, summary=feedback.summary(self.seminar, with_texts=False), **kwargs
        )


class FeedbackFormView(NoStoreMixin, TemplateView):
    """The form from the thank-you e-mail: answered once."""

    template_name = "seminars/feedback_form.html"

    def dispatch(self, request, *args, **kwargs):
        self.registration = feedback.registration_for_token(kwargs["slug"], kwargs["token"])
        if self.registration is None:
            raise Http404
        self.seminar = self.registration.seminar
        self.questions = list(FeedbackQuestion.objects.filter(seminar=self.seminar))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", feedback.answer_form(self.questions))
        return super().get_context_data(
            seminar=self.seminar, answered=self.registration.feedback_given_at is not None, **kwargs
        )

    def post(self, request, *args, **kwargs):
        form = feedback.answer_form(self.questions, request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        with contextlib.suppress(feedback.AlreadyAnswered):  # a second submission changes nothing
            feedback.save_answers(self.registration, self.questions, form.cleaned_data)
        return HttpResponseRedirect(request.path, status=303)
