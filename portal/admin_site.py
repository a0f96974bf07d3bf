"""The admin site: logs in through allauth only, and lets staff in only with TOTP when it is required.

Django's own admin login form would authenticate without allauth's rate limits and without the second
factor, so `/admin/login/` never shows it: anonymous visitors go to allauth's login (allauth's
`secure_admin_login`), logged-in staff go where they were going, or to the MFA setup first.
"""

from __future__ import annotations

from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.db import models
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from portal.mfa import staff_mfa_satisfied


class MuraAdminSite(admin.AdminSite):
    site_header = _("Mura administration")
    site_title = _("Mura admin")
    index_title = _("Directory, sites, seminars and recommendations")

    def register(self, model_or_iterable, admin_class=None, **options) -> None:
        super().register(model_or_iterable, admin_class, **options)
        for model_admin in self._registry.values():
            # A website typed without a scheme is https: Django 6's default, which 5.2 warns about.
            model_admin.formfield_overrides.setdefault(models.URLField, {}).setdefault("assume_scheme", "https")

    def has_permission(self, request: HttpRequest) -> bool:
        return super().has_permission(request) and staff_mfa_satisfied(request.user)

    def login(self, request: HttpRequest, extra_context=None) -> HttpResponse:
        return secure_admin_login(self._staff_already_logged_in)(request)

    def _staff_already_logged_in(self, request: HttpRequest) -> HttpResponse:
        # Reached only by active staff (secure_admin_login sends the others to allauth or answers 403).
        if not staff_mfa_satisfied(request.user):
            return HttpResponseRedirect(reverse("mfa_activate_totp"))
        next_url = request.GET.get(REDIRECT_FIELD_NAME, "")
        if not url_has_allowed_host_and_scheme(
            next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            next_url = reverse("admin:index", current_app=self.name)
        return HttpResponseRedirect(next_url)
