from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from api.forms import ApiTokenForm
from api.models import ApiToken


class ApiDocsView(TemplateView):
    """The API's documentation, read from its OpenAPI schema by the vendored Swagger UI."""

    template_name = "api/docs.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["schema_url"] = reverse("api-v1:openapi-json")
        return context


MAX_ACTIVE_TOKENS = 10


class TokenCreateView(LoginRequiredMixin, View):
    """POST from the profile page: a new token, shown on the answer page once and never again."""

    def get(self, request):
        return render(request, "api/token_form.html", {"form": ApiTokenForm()})

    def post(self, request):
        form = ApiTokenForm(request.POST)
        if form.is_valid() and request.user.api_tokens.active().count() >= MAX_ACTIVE_TOKENS:
            form.add_error(None, _("You have ten active tokens: revoke one before creating another."))
        if not form.is_valid():
            return render(request, "api/token_form.html", {"form": form}, status=400)
        token, secret = ApiToken.issue(
            request.user,
            name=form.cleaned_data["name"],
            scope=form.cleaned_data["scope"],
            days=form.cleaned_data["days"],
        )
        response = render(request, "api/token_created.html", {"token": token, "secret": secret})
        patch_cache_control(response, no_store=True, private=True)
        return response


class TokenRevokeView(LoginRequiredMixin, View):
    def post(self, request, pk: int):
        token = get_object_or_404(ApiToken, pk=pk, user=request.user)
        if token.revoked_at is None:
            ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())
            messages.success(request, _("The token “%(name)s” was revoked.") % {"name": token.name})
        return HttpResponseRedirect(reverse("profile") + "#api-tokens")
