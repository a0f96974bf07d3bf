from __future__ import annotations

import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db import connection
from django.http import HttpResponse, HttpResponsePermanentRedirect, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST, require_safe
from django.views.generic import TemplateView, View

from portal import home, pagecache, roles
from portal.forms import ReminderFrequencyForm
from portal.signals import log_rate_limited

log = logging.getLogger(__name__)


@require_GET
def healthz(request):
    """Liveness: the process answers. Touches neither the database nor the broker."""
    return HttpResponse("ok", content_type="text/plain")


def _check_database() -> str | None:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:
        return f"{type(exc).__name__}: {exc}"
    return None


def _check_broker() -> str | None:
    from portal.celery import app

    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception as exc:
        return f"{type(exc).__name__}: {exc}"
    return None


@never_cache
@require_GET
def readyz(request):
    """Readiness: the database and the broker answer. 503 with the failing ones named; why they fail (hosts,
    ports, roles in the error text) goes to the log, not to whoever asks."""
    problems = {name: err for name, err in (("database", _check_database()), ("broker", _check_broker())) if err}
    if problems:
        for name, error in sorted(problems.items()):
            log.warning("readyz: %s is down: %s", name, error)
        return JsonResponse({"status": "unavailable", "down": sorted(problems)}, status=503)
    return JsonResponse({"status": "ok", "down": []})


# What the start page shows comes from these page-cache namespaces (the constants in sites.signals,
# seminars.signals and recommendations.signals, spelled out: the portal imports no app). Its seminar steps depend
# on the hour ("today", "registration open"), hence a minute at most.
START_PAGE_NAMESPACES = ("catalogue", "participants", "recommendations")
START_PAGE_SECONDS = 60


class HomeView(TemplateView):
    """Anonymous visitors get the portal's front page; a signed-in user with a role gets their start page."""

    template_name = "home.html"

    def get(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            if roles.is_admin(request.user):  # the admin's section counts failed deliveries: always fresh
                return self.start_page(request, *args, **kwargs)
            return pagecache.private_page(
                request, START_PAGE_NAMESPACES, lambda: self.start_page(request, *args, **kwargs), START_PAGE_SECONDS
            )
        return super().get(request, *args, **kwargs)

    def start_page(self, request, *args, **kwargs):
        from portal.start import sections_for

        sections = sections_for(request.user)
        if sections:
            return render(request, "start.html", {"sections": sections, "today": timezone.localdate()})
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["counts"] = home.figures(self.request)  # each app adds its own (see its apps.py)
        return context


class ProfileView(LoginRequiredMixin, TemplateView):
    """The signed-in person's profile; POST sets how often reminder digests reach them."""

    template_name = "account/profile.html"

    def post(self, request, *args, **kwargs):
        form = ReminderFrequencyForm(request.POST, instance=request.user)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(frequency_form=form), status=400)
        form.save()
        messages.success(request, _("Saved: reminder digests reach you as you chose."))
        return HttpResponseRedirect(reverse("profile"))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.setdefault("frequency_form", ReminderFrequencyForm(instance=user))
        context["roles"] = roles.role_names(user)
        context["managed_sites"] = user.managed_sites.all() if hasattr(user, "managed_sites") else []
        context["focal_point_for"] = user.focal_point_for.all()
        context["language_label"] = dict(settings.LANGUAGES).get(user.language, user.language)
        context["title"] = _("Your profile")
        return context


@require_POST
def low_vision(request):
    """Switch the low-vision version (larger text, high contrast) on or off; remembered for a year."""
    next_url = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    if request.POST.get("enabled") == "1":
        response.set_cookie(
            "mura_low_vision", "1", max_age=365 * 24 * 3600, samesite="Lax", secure=request.is_secure(), httponly=True
        )
    else:
        response.delete_cookie("mura_low_vision", samesite="Lax")
    return response


class TestEmailView(LoginRequiredMixin, View):
    """POST: queue a test e-mail to yourself; the worker sends it after the request commits."""

    def post(self, request):
        from portal.tasks import enqueue, send_test_email

        enqueue(send_test_email, user_id=request.user.pk)
        messages.success(request, _("A test e-mail is on its way to %(email)s.") % {"email": request.user.email})
        return HttpResponseRedirect(reverse("profile"))


def too_many_requests(request, exception=None):
    """429 for every allauth rate limit (allauth calls `<ROOT_URLCONF>.handler429`)."""
    log_rate_limited(request)
    response = render(request, "429.html", status=429)
    # The longest window among the portal's limits (five minutes per account for failed log-ins).
    response["Retry-After"] = "300"
    return response


@require_safe
def favicon(request):
    """Browsers ask for /favicon.ico on pages that name no icon (the admin's): send them to ours.

    Resolved per request, not at import: with the manifest storage the URL exists only after collectstatic.
    """
    return HttpResponsePermanentRedirect(static("favicon.svg"))
