"""Invitations (issue 20, item 1): the organizer's page (invite, follow the answers, remind), and the invitee's
personal link (the registration form filled in) and one-click decline."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from seminars import invitation_links, invitations, self_service, services
from seminars.forms import InvitationReminderForm, InviteForm, SelfRegistrationForm
from seminars.models import Invitation
from seminars.permissions import SeminarPermissionMixin
from seminars.views.base import NoStoreMixin

PAST_LIMIT = 1000  # earlier participants offered in the list; the pasted list and the file take any number


def _url(seminar) -> str:
    return reverse("seminars:invitations", kwargs={"slug": seminar.slug})


class InvitationListView(NoStoreMixin, SeminarPermissionMixin, FormView):
    """Who is invited and how they answered; the forms to invite more and to remind those who have not answered."""

    permission_required = "seminars.change_participants"
    form_class = InviteForm
    template_name = "seminars/invitations.html"

    def past_choices(self) -> list[tuple[str, str]]:
        invited = set(Invitation.objects.filter(seminar=self.seminar).values_list("email", flat=True))
        rows = invitations.past_participants(self.seminar, self.request.user).values_list("email", "full_name")[
            :PAST_LIMIT
        ]
        seen: dict[str, str] = {}
        for email, name in rows:
            if email not in invited and email not in seen:
                seen[email] = f"{name} <{email}>" if name else email
        return sorted(seen.items(), key=lambda item: item[1].lower())

    def get_form_kwargs(self):
        self._past = self.past_choices()
        return {**super().get_form_kwargs(), "past_choices": self._past}

    def get_initial(self):
        language = (get_language() or "ru").split("-")[0]
        return {"language": language if language in invitations.LANGUAGES else "ru"}

    def get_context_data(self, **kwargs):
        rows = list(Invitation.objects.filter(seminar=self.seminar).for_listing())
        counts = dict.fromkeys(Invitation.Status.values, 0)
        for row in rows:
            counts[row.status] += 1
        unanswered = [(str(r.pk), r.full_name or r.email) for r in rows if r.status in Invitation.UNANSWERED]
        labels = dict(Invitation.Status.choices)
        return super().get_context_data(
            seminar=self.seminar,
            invitations=rows,
            counts=[{"status": s, "label": labels[s], "count": counts[s]} for s in Invitation.Status.values],
            total=len(rows),
            reminder_form=kwargs.pop("reminder_form", None) or InvitationReminderForm(choices=unanswered),
            can_invite=self.seminar.registration_is_open(),
            **kwargs,
        )

    def form_valid(self, form):
        if not self.seminar.registration_is_open():
            form.add_error(None, _("Registration for this seminar is closed: open it before inviting."))
            return self.form_invalid(form)
        chosen = [email for email in form.cleaned_data["past"] if email in dict(self._past)]
        known: dict[str, tuple[str, str]] = {}
        rows = invitations.past_participants(self.seminar, self.request.user).filter(email__in=chosen)
        for email, name, language in rows.values_list("email", "full_name", "language"):
            known.setdefault(email, (name, language))  # the latest registration's, by the queryset's order
        wanted = [
            invitations.Invitee(email=email, full_name=known[email][0], language=known[email][1])
            for email in chosen
            if email in known
        ]
        errors: list[str] = []
        for parsed in (
            invitations.parse_pasted(form.cleaned_data["pasted"]),
            invitations.parse_table(form.table) if form.table is not None else invitations.ParseResult(),
        ):
            wanted += parsed.invitees
            errors += parsed.errors
        wanted += invitations.organization_invitees(form.cleaned_data["organizations"])
        outcome = invitations.invite(self.seminar, wanted, by=self.request.user, language=form.cleaned_data["language"])
        if outcome.created:
            messages.success(
                self.request,
                ngettext(
                    "%(count)d invitation is on its way.",
                    "%(count)d invitations are on their way.",
                    len(outcome.created),
                )
                % {"count": len(outcome.created)},
            )
        if outcome.already:
            messages.info(
                self.request,
                ngettext(
                    "%(count)d address was invited already.",
                    "%(count)d addresses were invited already.",
                    outcome.already,
                )
                % {"count": outcome.already},
            )
        for error in errors[:20]:
            messages.warning(self.request, error)
        return HttpResponseRedirect(_url(self.seminar))


class InvitationRemindView(NoStoreMixin, SeminarPermissionMixin, View):
    """POST: remind the chosen invitees who have not answered, now or at the time given."""

    permission_required = "seminars.change_participants"

    def post(self, request, *args, **kwargs):
        seminar = self.seminar
        # Any of this seminar's invitations may be ticked; those who answered meanwhile are left out when queuing.
        choices = [(str(pk), str(pk)) for pk in Invitation.objects.filter(seminar=seminar).values_list("pk", flat=True)]
        form = InvitationReminderForm(request.POST, choices=choices)
        if not form.is_valid():
            messages.error(request, _("Choose whom to remind among those who have not answered."))
            return HttpResponseRedirect(_url(seminar))
        at = form.cleaned_data["send_at"]
        count = invitations.schedule_reminders(seminar, [int(pk) for pk in form.cleaned_data["invitations"]], at=at)
        messages.success(
            request,
            ngettext("%(count)d reminder scheduled.", "%(count)d reminders scheduled.", count) % {"count": count},
        )
        return HttpResponseRedirect(_url(seminar))


class InvitationTokenMixin(NoStoreMixin):
    def dispatch(self, request, *args, **kwargs):
        self.invitation = invitation_links.invitation_for_token(kwargs["slug"], kwargs["token"])
        if self.invitation is None:
            raise Http404
        self.seminar = self.invitation.seminar
        return super().dispatch(request, *args, **kwargs)


class InvitationView(InvitationTokenMixin, FormView):
    """The personal link: the registration form, filled in with what the organizer knew."""

    form_class = SelfRegistrationForm
    template_name = "seminars/invitation.html"

    def get(self, request, *args, **kwargs):
        invitations.mark_opened(self.invitation)
        return super().get(request, *args, **kwargs)

    def get_initial(self):
        return invitations.initial_details(self.invitation)

    def get_context_data(self, **kwargs):
        registration = self.invitation.registration
        return super().get_context_data(
            seminar=self.seminar,
            invitation=self.invitation,
            can_register=invitations.can_register(self.invitation),
            # An organization's link is shared by its staff: the first colleague's registration is not for the others.
            manage_url=self_service.manage_url(registration)
            if registration and registration.email and self.invitation.organization_id is None
            else "",
            **kwargs,
        )

    def form_valid(self, form):
        email = form.cleaned_data.get("email") or ""
        if self.invitation.organization_id is None and email.casefold() != self.invitation.email.casefold():
            # A person's link registers that person: a forwarded link cannot register someone else unconfirmed.
            form.add_error(
                "email",
                _("This invitation is for another address. Please register on the seminar's page instead."),
            )
            return self.form_invalid(form)
        try:
            outcome = invitations.register(self.invitation, form.cleaned_data)
        except services.AlreadyRegistered as exc:
            form.add_error(
                "email", _("%(email)s is already registered for this seminar.") % {"email": exc.registration.email}
            )
            return self.form_invalid(form)
        except services.RegistrationError as exc:
            form.add_error(None, str(exc))
            return self.form_invalid(form)
        return self.response_class(
            request=self.request,
            template=["seminars/register_done.html"],
            context={"seminar": self.seminar, "outcome": outcome, "person": outcome.registration},
            using=self.template_engine,
        )


class InvitationDeclineView(InvitationTokenMixin, TemplateView):
    """The decline link: a page with one button (a mail scanner that fetches the link declines nothing)."""

    template_name = "seminars/invitation_decline.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(seminar=self.seminar, invitation=self.invitation, **kwargs)

    def post(self, request, *args, **kwargs):
        invitations.decline(self.invitation)
        return HttpResponseRedirect(request.path, status=303)
