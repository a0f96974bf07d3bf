"""The portal's own 400, 403, 404, 500 and CSRF-failure pages: in the visitor's language, in the portal's layout.

Django's handlers would render the same templates; ours add what a refused visitor needs: a link back and, on a
403, what the page requires and what the visitor may do instead.
"""

from __future__ import annotations

import logging

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template import loader
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import requires_csrf_token

from portal import roles

log = logging.getLogger(__name__)


def back_url(request: HttpRequest) -> str:
    """Where "Go back" leads: the page the visitor came from on this portal, else the home page."""
    referer = request.META.get("HTTP_REFERER", "")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return referer
    return "/"


def _page_kind(request: HttpRequest) -> str:
    match = getattr(request, "resolver_match", None)
    return match.view_name if match else ""


def refusal_reason(request: HttpRequest) -> str:
    """What the refused page requires, in one sentence, from the URL the visitor asked for."""
    view = _page_kind(request)
    if view == "sites:edit":
        return _("Only the managers of this site and the portal's administrators may edit it.")
    if view.startswith("seminars:") and view not in ("seminars:person", "seminars:create"):
        return _("Only the organizers of this seminar and the portal's administrators may manage it.")
    if view == "seminars:create":
        return _("Only organizers and the portal's administrators may plan seminars.")
    if view == "seminars:person":
        return _(
            "Only the organizers of a seminar this person registered for and the portal's administrators may see "
            "their details."
        )
    if view in ("recommendations:report", "recommendations:status"):
        return _(
            "Only the focal points of this recommendation's lead and supporting organizations, the managers of its "
            "sites and the portal's organizers may report progress on it."
        )
    if view in ("recommendations:create", "recommendations:edit"):
        return _("Only organizers and the portal's administrators may record and edit recommendations.")
    return _("Your account does not give access to this page.")


def bad_request(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "400.html", {"back_url": back_url(request)}, status=400)


def permission_denied(request: HttpRequest, exception=None) -> HttpResponse:
    user = request.user
    context = {"back_url": back_url(request), "reason": refusal_reason(request)}
    detail = str(exception or "")
    if detail and detail != str(exception.__class__.__name__):
        context["detail"] = detail
    if user.is_authenticated:
        context["my_sites"] = list(user.managed_sites.all()) if hasattr(user, "managed_sites") else []
        context["my_organization"] = getattr(user, "organization", None)
        context["my_roles"] = roles.role_names(user)
    return render(request, "403.html", context, status=403)


def page_not_found(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "404.html", {"back_url": back_url(request), "request_path": request.path}, status=404)


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    """500 without the database or context processors: the template gets nothing but a plain context."""
    template = loader.get_template("500.html")
    return HttpResponse(template.render({}), status=500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    log.info("csrf failure on %s: %s", request.path, reason)
    return render(request, "403_csrf.html", {"back_url": back_url(request)}, status=403)
