"""Public self-registration: a form anyone may fill in when the organizers allow it."""

from __future__ import annotations

from django.core.cache import cache
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.generic import FormView

from portal.signals import client_ip
from seminars import services
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
            outcome = services.self_register(self.seminar, form.cleaned_data)
        except services.AlreadyRegistered as exc:
            return self.render_to_response(
                self.get_context_data(form=form, already=exc.registration, email=form.cleaned_data["email"])
            )
        except services.RegistrationError as exc:
            form.add_error(None, str(exc))
            return self.form_invalid(form)
        return self.response_class(
            request=self.request,
            template=["seminars/register_done.html"],
            context={"seminar": self.seminar, "outcome": outcome, "person": outcome.registration},
            using=self.template_engine,
        )
