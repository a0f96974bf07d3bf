"""Who may manage which seminar: the one place the seminars app answers that question.

An organizer manages the seminars their organization organizes; an admin manages every seminar.
Everyone else may read the public pages only.
"""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from portal import roles
from seminars.models import Person, Seminar


class LoginRedirect(Exception):
    """Raised for an anonymous visitor; views turn it into the log-in redirect."""


def _organizer_ids(seminar: Seminar) -> set[int]:
    # Use the prefetch cache when the view has filled it, so that the check costs no query.
    cache = getattr(seminar, "_prefetched_objects_cache", {})
    if "organizers" in cache:
        return {org.pk for org in cache["organizers"]}
    return set(seminar.organizers.values_list("pk", flat=True))


def can_manage_seminar(user, seminar: Seminar) -> bool:
    if not user.is_authenticated:
        return False
    if roles.is_admin(user):
        return True
    return bool(roles.is_organizer(user) and user.organization_id and user.organization_id in _organizer_ids(seminar))


def can_create_seminar(user) -> bool:
    return bool(user.is_authenticated and (roles.is_admin(user) or (roles.is_organizer(user) and user.organization_id)))


def can_view_counts(user, seminar: Seminar) -> bool:
    """Counts by status, gender and organization kind: no personal data, so officials see them too."""
    return can_manage_seminar(user, seminar) or roles.is_organizer(user) or roles.is_official(user)


def can_view_seminar(user, seminar: Seminar) -> bool:
    return seminar.status != Seminar.Status.DRAFT or can_manage_seminar(user, seminar)


def can_view_person(user, person: Person) -> bool:
    """A person links registrations made for several organizations: admins only.

    Organizers see the details given for their own seminars' registrations, on the participant list.
    """
    return bool(user.is_authenticated and roles.is_admin(user))


def require_login(request: HttpRequest) -> None:
    if not request.user.is_authenticated:
        raise LoginRedirect


def get_seminar_for_manager(request: HttpRequest, slug: str) -> Seminar:
    """The seminar ``slug`` if the requesting user may manage it; 404 when missing, 403 when not theirs.

    Anonymous visitors get :class:`LoginRedirect`, which :class:`ManagerRequiredMixin` turns into the log-in page.
    """
    require_login(request)
    seminar = Seminar.objects.filter(slug=slug).prefetch_related("organizers").select_related("region").first()
    if seminar is None:
        raise Http404
    if not can_manage_seminar(request.user, seminar):
        raise PermissionDenied
    return seminar


class ManagerRequiredMixin:
    """Views under /seminars/<slug>/ that only the seminar's organizers and admins may use.

    Sets ``self.seminar`` before the handler runs.
    """

    seminar: Seminar

    def dispatch(self, request, *args, **kwargs):
        try:
            self.seminar = get_seminar_for_manager(request, kwargs["slug"])
        except LoginRedirect:
            return redirect_to_login(request.get_full_path())
        return super().dispatch(request, *args, **kwargs)
