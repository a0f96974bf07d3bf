from __future__ import annotations

from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme


class NoStoreMixin:
    """Pages with participants' personal data: never kept by a browser or a proxy cache."""

    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        add_never_cache_headers(response)
        return response


def safe_next(request, fallback: str) -> str:
    """The ``next`` the form posted, if it points back into the portal; otherwise ``fallback``."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback
