"""Pages about actions (issue 18): set one up under a recommendation, read it, report on it, move its status."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import CreateView, DetailView, FormView, UpdateView

from portal.permissions import PermissionRequiredMixin
from recommendations import action_services, services
from recommendations.action_forms import ActionForm, ActionReportForm, ActionStatusForm, choices_for
from recommendations.models import Action, Recommendation

AStatus = Action.Status


def actions_context(rec: Recommendation, user) -> dict:
    """The recommendation page's actions: two queries (the actions with their owners, their supporting
    organizations), whatever their number."""
    actions = list(rec.actions.for_listing())
    counted = [a for a in actions if a.status != AStatus.CANCELLED]
    return {
        "actions": actions,
        "actions_implemented": sum(a.status == AStatus.IMPLEMENTED for a in counted),
        "actions_reported": sum(a.status == AStatus.REPORTED for a in counted),
        "actions_counted": len(counted),
        "actions_warning": action_services.status_disagreement(rec, actions),
        "can_manage_actions": user.has_perm("recommendations.manage_actions", rec),
    }


class ActionMixin(PermissionRequiredMixin):
    """Load the action (with its recommendation) before the permission check."""

    def get_action(self) -> Action:
        if not hasattr(self, "action"):
            self.action = get_object_or_404(
                Action.objects.select_related("recommendation", "owner").prefetch_related("supporting_organizations"),
                pk=self.kwargs["pk"],
            )
        return self.action

    def get_permission_object(self):
        return self.get_action()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["action"] = self.get_action()
        context["recommendation"] = self.action.recommendation
        context["today"] = timezone.localdate()
        return context


class ActionCreateView(PermissionRequiredMixin, CreateView):
    permission_required = "recommendations.manage_actions"
    template_name = "recommendations/action_form.html"
    form_class = ActionForm

    def get_permission_object(self) -> Recommendation:
        if not hasattr(self, "recommendation"):
            self.recommendation = get_object_or_404(Recommendation, pk=self.kwargs["pk"])
        return self.recommendation

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["recommendation"] = self.recommendation
        return context

    def form_valid(self, form):
        action = form.save(commit=False)
        action.recommendation = self.recommendation
        action_services.record_action(
            action, user=self.request.user, supporting_organizations=form.cleaned_data["supporting_organizations"]
        )
        messages.success(self.request, _("The action was added."))
        if "save_and_add" in self.request.POST:
            return HttpResponseRedirect(self.request.path)
        return HttpResponseRedirect(f"{self.recommendation.get_absolute_url()}#actions-title")


class ActionUpdateView(ActionMixin, UpdateView):
    permission_required = "recommendations.manage_actions"
    template_name = "recommendations/action_form.html"
    form_class = ActionForm
    context_object_name = "action"

    def get_permission_object(self) -> Recommendation:
        return self.get_action().recommendation

    def get_object(self, queryset=None):
        return self.get_action()

    def form_valid(self, form):
        if not form.has_changed():
            messages.info(self.request, _("Nothing was changed."))
            return HttpResponseRedirect(self.object.get_absolute_url())
        action = form.save(commit=False)
        try:
            action_services.update_action(
                action, user=self.request.user, supporting_organizations=form.cleaned_data["supporting_organizations"]
            )
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("The action was saved."))
        return HttpResponseRedirect(action.get_absolute_url())


class ActionDetailView(ActionMixin, DetailView):
    """An action: its facts, the indicator's history, its reports and status changes."""

    permission_required = "recommendations.view_recommendations"
    template_name = "recommendations/action_detail.html"
    context_object_name = "action"

    def get_object(self, queryset=None):
        return self.get_action()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        action, user = self.action, self.request.user
        reports = list(action.reports.select_related("author", "organization"))
        changes = list(action.status_changes.select_related("changed_by"))
        events = [("report", r.created_at, r) for r in reports] + [("status", c.changed_at, c) for c in changes]
        events.sort(key=lambda e: (e[1], e[0] == "status"))
        context["events"] = events
        context["values"] = [r for r in reports if r.value is not None]
        context["can_report"] = user.has_perm("recommendations.report_on_action", action) and (
            action.status != AStatus.CANCELLED and action.recommendation.status not in services.NO_REPORTS_STATUSES
        )
        context["can_change_status"] = user.has_perm("recommendations.change_action_status", action) and bool(
            choices_for(action, user)
        )
        context["can_manage"] = user.has_perm("recommendations.manage_actions", action.recommendation)
        return context


class ActionReportView(ActionMixin, FormView):
    """Post what was done on an action (the reminders about an action link here)."""

    permission_required = "recommendations.report_on_action"
    template_name = "recommendations/action_report_form.html"
    form_class = ActionReportForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "action": self.get_action(), "user": self.request.user}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["accepts_reports"] = self.action.status != AStatus.CANCELLED and (
            self.action.recommendation.status not in services.NO_REPORTS_STATUSES
        )
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            action_services.add_report(
                self.action,
                author=self.request.user,
                text=data["text"],
                date=data["date"],
                evidence=data["evidence"],
                evidence_url=data["evidence_url"],
                value=data.get("value"),
                organization=data["organization"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Thank you: the progress report was posted."))
        return HttpResponseRedirect(self.action.get_absolute_url())


class ActionStatusView(ActionMixin, FormView):
    permission_required = "recommendations.change_action_status"
    template_name = "recommendations/action_status_form.html"
    form_class = ActionStatusForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "action": self.get_action(), "user": self.request.user}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        choices = choices_for(self.action, self.request.user)
        context["has_choices"] = bool(choices)
        context["awaits_review"] = self.action.status == AStatus.REPORTED and not choices
        context["needs_report"] = AStatus.REPORTED in choices and not action_services.has_report_for_implementation(
            self.action
        )
        return context

    def form_valid(self, form):
        try:
            action_services.change_status(
                self.action,
                form.cleaned_data["to_status"],
                user=self.request.user,
                comment=form.cleaned_data["comment"],
            )
        except action_services.TransitionError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("The action's status is now “%s”.") % AStatus(self.action.status).label)
        return HttpResponseRedirect(self.action.get_absolute_url())
