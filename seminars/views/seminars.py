"""The public list and description of seminars, and creating and editing them."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Prefetch
from django.http import HttpResponseRedirect
from django.utils.translation import gettext as _
from django.views.generic import CreateView, DetailView, ListView, UpdateView

from documents import display
from portal.listing import PageSizeMixin, ordering
from portal.models import Organization
from portal.permissions import PermissionRequiredMixin
from portal.sorting import by_name
from seminars import services
from seminars.filters import SeminarFilter
from seminars.forms import SeminarForm
from seminars.models import Registration, Seminar
from seminars.permissions import SeminarPermissionMixin


class SeminarListView(PageSizeMixin, ListView):
    template_name = "seminars/seminar_list.html"
    paginate_by = 25
    sorts = {"-start": ("-start", "-pk"), "start": ("start", "pk")}  # the Dates column; newest first by default

    def get_queryset(self):
        user = self.request.user
        base = Seminar.objects.visible_to(user).for_listing()
        self.filterset = SeminarFilter(self.request.GET or None, queryset=base, request=self.request, user=user)
        return self.filterset.qs.order_by(*ordering(self.request, self.sorts, "-start"))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter"] = self.filterset
        query = self.request.GET.copy()
        query.pop("page", None)
        context["query"] = query.urlencode()
        return context


class SeminarDetailView(PermissionRequiredMixin, DetailView):
    """Public seminars for everyone; a draft only for those who manage it, and 404 for anyone else."""

    permission_required = "seminars.view_seminar"
    login_required = False
    hide_without_permission = True
    template_name = "seminars/seminar_detail.html"

    def get_queryset(self):
        return Seminar.objects.for_listing().prefetch_related(
            Prefetch("organizers", queryset=by_name(Organization.objects.all()).prefetch_related("emails"))
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        seminar, user = self.object, self.request.user
        display.prepare([seminar], user)
        if user.has_perm("seminars.view_seminar_statistics", seminar):
            context["stats"] = Registration.objects.filter(seminar=seminar).statistics()
        if seminar.capacity is not None and seminar.status == Seminar.Status.PUBLISHED:
            taken = Registration.objects.filter(seminar=seminar).active().count()
            context["seats_left"] = max(seminar.capacity - taken, 0)
        return context


class SeminarCreateView(PermissionRequiredMixin, CreateView):
    permission_required = "seminars.create_seminar"
    form_class = SeminarForm
    template_name = "seminars/seminar_form.html"

    def get_initial(self):
        initial = super().get_initial()
        organization = self.request.user.organization
        if organization is not None:
            initial["organizers"] = [organization]
        return initial

    def form_valid(self, form):
        seminar = services.create_seminar(
            form.save(commit=False),
            organizers=form.cleaned_data["organizers"],
            sites=form.cleaned_data["sites"],
            by=self.request.user,
        )
        messages.success(self.request, _("The seminar is created."))
        return HttpResponseRedirect(seminar.get_absolute_url())


class SeminarUpdateView(SeminarPermissionMixin, UpdateView):
    permission_required = "seminars.change_seminar"
    form_class = SeminarForm
    template_name = "seminars/seminar_form.html"

    def get_object(self, queryset=None):
        return self.seminar

    def form_valid(self, form):
        promoted = services.update_seminar(
            form.save(commit=False),
            organizers=form.cleaned_data["organizers"],
            sites=form.cleaned_data["sites"],
            by=self.request.user,
        )
        messages.success(self.request, _("The seminar is saved."))
        if promoted:
            messages.info(
                self.request,
                _("%(n)d people moved from the waiting list to the participants and are told by e-mail.")
                % {"n": len(promoted)},
            )
        return HttpResponseRedirect(self.seminar.get_absolute_url())


class SeminarCalendarView(SeminarDetailView):
    """The seminar as an .ics file, for whoever may see the seminar's page."""

    def render_to_response(self, context, **response_kwargs):
        from django.http import HttpResponse

        from seminars.calendar import ics

        response = HttpResponse(ics(self.object), content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self.object.slug}.ics"'
        return response

    def get_context_data(self, **kwargs):
        return {"object": self.object}
