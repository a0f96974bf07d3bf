"""The organizer's participant list: add, edit, cancel, check in, promote; and a person's record."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, ListView, UpdateView, View

from portal import pagecache
from portal.listing import PageSizeMixin, ordering
from portal.pagination import DeferredJoinPaginator
from portal.permissions import PermissionRequiredMixin
from seminars import services
from seminars.filters import RegistrationFilter
from seminars.forms import AttendanceForm, ParticipantAddForm, RegistrationDetailsForm
from seminars.models import Person, Registration, Seminar
from seminars.permissions import SeminarPermissionMixin
from seminars.signals import PARTICIPANTS
from seminars.views.base import NoStoreMixin, safe_next

Status = Registration.Status
PARTICIPANTS_CACHE_SECONDS = 300


def participants_url(seminar) -> str:
    return reverse("seminars:participants", kwargs={"slug": seminar.slug})


def announce_promotions(request, promoted) -> None:
    if promoted:
        names = ", ".join(r.full_name for r in promoted)
        messages.info(
            request,
            ngettext(
                "%(names)s moved from the waiting list to the participants and is told by e-mail.",
                "%(names)s moved from the waiting list to the participants and are told by e-mail.",
                len(promoted),
            )
            % {"names": names},
        )


def announce_outcome(request, outcome: services.RegistrationOutcome) -> None:
    name = outcome.registration.full_name
    if outcome.waitlisted:
        messages.warning(request, _("The seminar is full: %(name)s is on the waiting list.") % {"name": name})
    else:
        messages.success(request, _("%(name)s is registered.") % {"name": name})
    announce_promotions(request, outcome.promoted)


class ParticipantListView(
    NoStoreMixin, SeminarPermissionMixin, pagecache.PrivatePageCacheMixin, PageSizeMixin, ListView
):
    """The list is the same for every manager of the seminar: rendered once per seminar, language and query
    string, and dropped when a registration, a person, an organization or the seminar changes (a 2,000-person
    seminar's page costs a sort over all its participants). Its forms get each request's own CSRF token. The
    whole page is then kept for each organizer (portal.pagecache.private_page); the permission on the seminar is
    checked on every request first."""

    permission_required = "seminars.view_participants"
    private_cache_namespaces = (PARTICIPANTS,)
    private_cache_timeout = PARTICIPANTS_CACHE_SECONDS

    template_name = "seminars/participant_list.html"
    content_template_name = "seminars/_participant_list_content.html"
    paginate_by = 100
    page_sizes = (50, 100, 200)
    paginator_class = DeferredJoinPaginator  # sorts ids by name, then loads 100 rows
    sorts = {
        "name": ("full_name", "pk"),
        "-name": ("-full_name", "-pk"),
        "organization": ("organization_name", "full_name", "pk"),
        "-organization": ("-organization_name", "full_name", "pk"),
    }

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data())

    def get_permission_object(self):
        """For a GET, the seminar and its organizers (what the permission is decided on) come from the cache,
        kept until the participants' namespace changes: any change to the seminar or to who organizes it bumps it
        at once and on commit (seminars.signals), so a withdrawn organizer is refused at their next request. The
        organizer's own copy of the page is read in the same round trip; it is served only once the permission
        is granted."""
        if not hasattr(self, "seminar") and self.request.method in ("GET", "HEAD"):
            slug = self.kwargs["slug"]
            seminars = Seminar.objects.prefetch_related("organizers").select_related("region")
            seminar = pagecache.cached_value(
                PARTICIPANTS,
                f"seminar:{slug}",
                lambda: seminars.filter(slug=slug).first(),
                timeout=PARTICIPANTS_CACHE_SECONDS,
                page_request=self.request,
                page_namespaces=self.private_cache_namespaces,
            )
            if seminar is None:
                raise Http404
            self.seminar = seminar
        return super().get_permission_object()

    def get_template_names(self) -> list[str]:
        return [self.template_name]  # not derived from object_list, which only a cache miss evaluates

    def get_queryset(self):
        order = ordering(self.request, self.sorts, "name")
        base = Registration.objects.filter(seminar=self.seminar).for_listing().order_by(*order)
        self.filterset = RegistrationFilter(self.request.GET or None, queryset=base, request=self.request)
        return self.filterset.qs

    def get_context_data(self, **kwargs):
        request = self.request
        content = pagecache.cached_html(
            request,
            PARTICIPANTS,
            f"participants:{self.seminar.pk}:{get_language()}:{request.get_full_path()}",
            lambda: render_to_string(self.content_template_name, self.content_context(), request=request),
            timeout=PARTICIPANTS_CACHE_SECONDS,
        )
        return {"view": self, "seminar": self.seminar, "content_html": content, **kwargs}

    def content_context(self) -> dict:
        self.object_list = self.get_queryset()
        context = super().get_context_data()
        seminar = self.seminar
        queue = Registration.objects.filter(seminar=seminar).waitlisted().values_list("pk", flat=True)
        counts = Registration.objects.filter(seminar=seminar).status_counts()
        positions = {pk: n for n, pk in enumerate(queue, start=1)}
        for registration in context["object_list"]:
            registration.queue_position = positions.get(registration.pk)
        query = self.request.GET.copy()
        query.pop("page", None)
        context.update(
            seminar=seminar,
            filter=self.filterset,
            counts=counts,
            seated=counts[Status.REGISTERED] + counts[Status.ATTENDED],
            query=query.urlencode(),
            attendance_statuses=AttendanceForm.STATUSES,
        )
        return context


class RegistrationMixin(SeminarPermissionMixin):
    """Views on one registration of the seminar in the URL."""

    permission_required = "seminars.change_participants"

    def get_registration(self) -> Registration:
        if not hasattr(self, "_registration"):
            self._registration = get_object_or_404(
                Registration.objects.select_related("seminar"), seminar=self.seminar, pk=self.kwargs["pk"]
            )
        return self._registration


class ParticipantAddView(NoStoreMixin, SeminarPermissionMixin, FormView):
    permission_required = "seminars.change_participants"
    form_class = ParticipantAddForm
    template_name = "seminars/participant_form.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(seminar=self.seminar, adding=True, **kwargs)

    def form_valid(self, form):
        try:
            outcome = services.add_participant(self.seminar, form.cleaned_data, by=self.request.user)
        except services.AlreadyRegistered as exc:
            form.add_error(
                "email",
                _("This person is already on this seminar's list (%(status)s).")
                % {"status": exc.registration.get_status_display()},
            )
            return self.form_invalid(form)
        announce_outcome(self.request, outcome)
        if "add_another" in self.request.POST:
            return HttpResponseRedirect(reverse("seminars:participant_add", kwargs={"slug": self.seminar.slug}))
        return HttpResponseRedirect(participants_url(self.seminar))


class ParticipantEditView(NoStoreMixin, RegistrationMixin, UpdateView):
    """The details given for this registration: editing them changes nothing another seminar holds."""

    form_class = RegistrationDetailsForm
    template_name = "seminars/participant_form.html"

    def get_object(self, queryset=None):
        return self.get_registration()

    def get_context_data(self, **kwargs):
        return super().get_context_data(seminar=self.seminar, registration=self.get_registration(), **kwargs)

    def form_valid(self, form):
        try:
            services.update_contact_details(form.instance, by=self.request.user)
        except services.EmailTaken as exc:
            form.add_error("email", str(exc))
            return self.form_invalid(form)
        messages.success(self.request, _("%(name)s is saved.") % {"name": form.instance.full_name})
        return HttpResponseRedirect(participants_url(self.seminar))


class ParticipantCancelView(NoStoreMixin, RegistrationMixin, DetailView):
    template_name = "seminars/participant_cancel.html"
    context_object_name = "registration"

    def get_object(self, queryset=None):
        return self.get_registration()

    def get_context_data(self, **kwargs):
        return super().get_context_data(seminar=self.seminar, **kwargs)

    def post(self, request, *args, **kwargs):
        registration = self.get_registration()
        try:
            promoted = services.cancel_registration(registration, by=request.user)
        except services.RegistrationError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request, _("The registration of %(name)s is cancelled.") % {"name": registration.full_name}
            )
            announce_promotions(request, promoted)
        return HttpResponseRedirect(safe_next(request, participants_url(self.seminar)))


class CheckinView(NoStoreMixin, RegistrationMixin, View):
    """One click a row: checks in, or undoes a check-in. POST only."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        registration = self.get_registration()
        wanted = request.POST.get("status") or (
            Status.REGISTERED if registration.status == Status.ATTENDED else Status.ATTENDED
        )
        if wanted not in services.CHECKIN_FROM:
            messages.error(request, _("Unknown attendance status."))
        else:
            changed, _skipped = services.set_attendance(self.seminar, [registration.pk], wanted, by=request.user)
            if changed:
                registration.refresh_from_db(fields=["status"])
                messages.success(
                    request,
                    _("%(name)s: %(status)s.")
                    % {"name": registration.full_name, "status": registration.get_status_display()},
                )
            else:
                messages.error(
                    request,
                    _("%(name)s cannot be checked in: the registration is %(status)s.")
                    % {"name": registration.full_name, "status": registration.get_status_display()},
                )
        return HttpResponseRedirect(safe_next(request, participants_url(self.seminar)))


class BulkCheckinView(NoStoreMixin, SeminarPermissionMixin, View):
    permission_required = "seminars.change_participants"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        ids = Registration.objects.filter(seminar=self.seminar).values_list("pk", flat=True)
        form = AttendanceForm(request.POST, registration_ids=list(ids))
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
        else:
            changed, skipped = services.set_attendance(
                self.seminar, form.cleaned_data["registration"], form.cleaned_data["status"], by=request.user
            )
            label = dict(AttendanceForm.STATUSES)[form.cleaned_data["status"]]
            messages.success(
                request,
                ngettext("%(n)d participant marked: %(status)s.", "%(n)d participants marked: %(status)s.", changed)
                % {"n": changed, "status": label},
            )
            if skipped:
                messages.warning(
                    request,
                    ngettext(
                        "%(n)d skipped: on the waiting list, cancelled or already marked.",
                        "%(n)d skipped: on the waiting list, cancelled or already marked.",
                        skipped,
                    )
                    % {"n": skipped},
                )
        return HttpResponseRedirect(safe_next(request, participants_url(self.seminar)))


class PromoteView(NoStoreMixin, RegistrationMixin, View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        registration = self.get_registration()
        try:
            over_capacity = services.promote(registration, by=request.user)
        except services.RegistrationError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                _("%(name)s has a seat now and is told by e-mail.") % {"name": registration.full_name},
            )
            if over_capacity:
                messages.warning(request, _("The seminar now has more participants than its capacity."))
        return HttpResponseRedirect(safe_next(request, participants_url(self.seminar)))


class PersonDetailView(NoStoreMixin, PermissionRequiredMixin, DetailView):
    """A person's record across seminars and organizations: for admins only, who merge records."""

    permission_required = "seminars.view_person"
    template_name = "seminars/person_detail.html"
    context_object_name = "person"

    def get_queryset(self):
        return Person.objects.select_related("organization")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        registrations = list(Registration.objects.filter(person=self.object).for_person_record())
        context["registrations"] = registrations
        context["attended_count"] = sum(r.status == Status.ATTENDED for r in registrations)
        return context
