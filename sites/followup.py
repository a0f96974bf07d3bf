"""The statutory follow-up of a site's designations, kept by its managers and focal points: obligations (state
of conservation reports a Committee decision requested) and biosphere reserve periodic reviews."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import CreateView, UpdateView

from portal.permissions import PermissionRequiredMixin
from sites.forms import ObligationForm, PeriodicReviewForm
from sites.models import Obligation, PeriodicReview, Site


class FollowUpMixin(PermissionRequiredMixin):
    """The site in the URL is the permission's object; the record must belong to one of its designations."""

    permission_required = "sites.keep_followup"
    template_name = "sites/followup_form.html"
    saved_message = ""

    @cached_property
    def site(self) -> Site:
        queryset = Site.objects.select_related("managing_organization").prefetch_related("managers")
        return get_object_or_404(queryset, slug=self.kwargs["slug"])

    def get_permission_object(self):
        return self.site

    def get_queryset(self):
        return self.model.objects.filter(designation__site_links__site=self.site).select_related("designation")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "site": self.site}

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"site": self.site, "heading": self.heading()}

    def form_valid(self, form):
        self.object = form.save()
        messages.success(self.request, self.saved_message)
        return HttpResponseRedirect(self.site.get_absolute_url() + "#designations-title")


class ObligationCreateView(FollowUpMixin, CreateView):
    model = Obligation
    form_class = ObligationForm

    def heading(self) -> str:
        return _("New obligation")

    saved_message = property(lambda self: _("The obligation was saved."))


class ObligationUpdateView(FollowUpMixin, UpdateView):
    model = Obligation
    form_class = ObligationForm

    def heading(self) -> str:
        return _("Edit the obligation")

    saved_message = property(lambda self: _("The obligation was saved."))


class PeriodicReviewCreateView(FollowUpMixin, CreateView):
    model = PeriodicReview
    form_class = PeriodicReviewForm

    def heading(self) -> str:
        return _("New periodic review")

    saved_message = property(lambda self: _("The periodic review was saved."))


class PeriodicReviewUpdateView(FollowUpMixin, UpdateView):
    model = PeriodicReview
    form_class = PeriodicReviewForm

    def heading(self) -> str:
        return _("Edit the periodic review")

    saved_message = property(lambda self: _("The periodic review was saved."))
