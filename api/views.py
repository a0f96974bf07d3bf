from __future__ import annotations

from django.urls import reverse
from django.views.generic import TemplateView


class ApiDocsView(TemplateView):
    """The API's documentation, read from its OpenAPI schema by the vendored Swagger UI."""

    template_name = "api/docs.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["schema_url"] = reverse("api-v1:openapi-json")
        return context
