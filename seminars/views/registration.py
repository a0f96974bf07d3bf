"""Public self-registration: a form anyone may fill in when the organizers allow it, confirmed by e-mail."""

from __future__ import annotations

from django.core.cache import cache
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from portal.signals import client_ip
from seminars import confirmation, services
from seminars.forms import SelfRegistrationForm
from seminars.models import Seminar
from seminars.views.base import NoStoreMixin

# A bot filling the form in a loop: at most this many registrations an hour from one address.
RATE_LIMIT = 20
RATE_WINDOW_SECONDS = 3600


def _rate_limited(request) -> bool:
    # The client's address as allauth's own limits see it: behind the proxies TRUSTED_PROXY_COUNT counts,
    # REMOTE_ADDR is the proxy's, and the whole public would share one allowance.
    key = f"seminars:self-register:{client_ip(request)}"
    cache.add(key, 0, RATE_WINDOW_SECONDS)
    try:
        return cache.incr(key) > RATE_LIMIT
    except ValueError:  # expired between add and incr
        return False


class SelfRegistrationView(NoStoreMixin, FormView):
    form_class = SelfRegistrationForm
    template_name = "seminars/register.html"

    def dispatch(self, request, *args, **kwargs):
        self.seminar = get_object_or_404(Seminar.objects.public(), slug=kwargs["slug"])
        if not self.seminar.public_registration:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        language = (get_language() or "ru").split("-")[0]
        return {"language": language if language in ("kk", "ru", "en") else "ru"}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(seminar=self.seminar, **kwargs)
        context["is_open"] = self.seminar.self_registration_is_open
        return context

    def form_valid(self, form):
        if not self.seminar.self_registration_is_open:
            return self.render_to_response(self.get_context_data(form=form))
        if _rate_limited(self.request):
            form.add_error(None, _("Too many registrations from your network. Please try again in an hour."))
            return self.form_invalid(form)
        try:
            confirmation.request_registration(self.seminar, form.cleaned_data)
        except services.RegistrationError as exc:
            form.add_error(None, str(exc))
            return self.form_invalid(form)
        # The same answer whether or not the address is registered already: the e-mail tells which.
        return self.response_class(
            request=self.request,
            template=["seminars/register_check_email.html"],
            context={"seminar": self.seminar, "email": form.cleaned_data["email"]},
            using=self.template_engine,
        )


class ConfirmRegistrationView(NoStoreMixin, TemplateView):
    """The link from the e-mail: a page with a button (a mail scanner fetching the link changes nothing);
    pressing it registers the person, with a seat or on the waiting list."""

    template_name = "seminars/register_confirm.html"

    def dispatch(self, request, *args, **kwargs):
        self.seminar = get_object_or_404(Seminar.objects.public(), slug=kwargs["slug"])
        if not self.seminar.public_registration:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        found = confirmation.pending(self.seminar, kwargs["token"])
        if found is None:
            return self.render_to_response({"seminar": self.seminar, "error": confirmation.LinkInvalid.message()})
        return self.render_to_response({"seminar": self.seminar, "email": found.email})

    def post(self, request, *args, **kwargs):
        try:
            outcome = confirmation.confirm(self.seminar, kwargs["token"])
        except services.AlreadyRegistered as exc:
            return self.render_to_response({"seminar": self.seminar, "already": True, "email": exc.registration.email})
        except services.RegistrationError as exc:
            return self.render_to_response({"seminar": self.seminar, "error": str(exc)})
        return self.response_class(
            request=request,
            template=["seminars/register_done.html"],
            context={"seminar": self.seminar, "outcome": outcome, "person": outcome.registration},
            using=self.template_engine,
        )
