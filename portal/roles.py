"""Who is who: the roles (Django groups) and every role check of the portal, as django-rules predicates.

- Official: reads the portal.
- Organizer: runs seminars and records recommendations (scoped to their organization's seminars).
- Site manager: edits the management fields of the sites they manage (`Site.managers`).
- Focal point: reports progress for the organizations in `User.focal_point_for`.
- Admin: staff, everything.

The scoping (which site, which organization) is data, so the object-level role checks live here too:
`is_site_manager_of(user, site)`, `is_organizer_of(user, seminar)`, `is_focal_point_for(user, rec)`,
`is_manager_of_a_linked_site(user, rec)`. They read the objects' attributes only, so this module imports
no app above `portal`. What each role may do is decided by the rules in each app's `permissions.py`
(`rules.add_perm(...)`), which combine these predicates; views, templates, exports and e-mails ask
`user.has_perm("app.action", obj)` or `{% has_perm %}`, never these predicates directly.
"""

from __future__ import annotations

import rules
from django.contrib.auth.models import Group, Permission
from django.utils.translation import gettext_lazy as _

OFFICIAL = "Official"
ORGANIZER = "Organizer"
SITE_MANAGER = "Site manager"
FOCAL_POINT = "Focal point"
ADMIN = "Admin"

ROLE_LABELS = {
    OFFICIAL: _("Official"),
    ORGANIZER: _("Organizer"),
    SITE_MANAGER: _("Site manager"),
    FOCAL_POINT: _("Focal point"),
    ADMIN: _("Admin"),
}

# The Django model permissions each group carries: they govern only what a *staff* member of the group may
# do in the admin (the portal's pages go by the rules, which never answer for a permission asked without an
# object under one of these names). app_label.codename; missing ones (an app not migrated yet) are skipped and
# added on the next migrate.
ROLE_PERMISSIONS: dict[str, list[str]] = {
    OFFICIAL: [
        "sites.view_site",
        "seminars.view_seminar",
        "recommendations.view_recommendation",
    ],
    ORGANIZER: [
        "sites.view_site",
        "seminars.view_seminar",
        "seminars.add_seminar",
        "seminars.change_seminar",
        "seminars.view_person",
        "seminars.add_person",
        "seminars.change_person",
        "seminars.view_registration",
        "seminars.add_registration",
        "seminars.change_registration",
        "recommendations.view_recommendation",
        "recommendations.add_recommendation",
        "recommendations.change_recommendation",
        "recommendations.add_progressreport",
    ],
    SITE_MANAGER: [
        "sites.view_site",
        "sites.change_site",
        "seminars.view_seminar",
        "recommendations.view_recommendation",
        "recommendations.add_progressreport",
    ],
    FOCAL_POINT: [
        "sites.view_site",
        "seminars.view_seminar",
        "recommendations.view_recommendation",
        "recommendations.add_progressreport",
    ],
    ADMIN: [],  # admins are staff superusers; the group exists so that the role shows in the admin
}


def ensure_roles(**kwargs) -> None:
    """Create the groups and give them their permissions (runs after every migrate)."""
    for name, perms in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=name)
        wanted = []
        for dotted in perms:
            app_label, codename = dotted.split(".")
            perm = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
            if perm is not None:
                wanted.append(perm)
        group.permissions.add(*wanted)


def _group_names(user) -> frozenset[str]:
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_mura_groups", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True))
        user._mura_groups = cached
    return cached


def has_role(user, role: str) -> bool:
    return role in _group_names(user)


# Role predicates: callable as plain functions too (`is_admin(user)`), e.g. from a QuerySet method.


@rules.predicate
def is_active_user(user) -> bool:
    return bool(user.is_authenticated and user.is_active)


@rules.predicate
def is_admin(user) -> bool:
    return bool(user.is_authenticated and (user.is_superuser or (user.is_staff and has_role(user, ADMIN))))


@rules.predicate
def is_organizer(user) -> bool:
    """Admins count as organizers."""
    return bool(is_admin(user) or has_role(user, ORGANIZER))


@rules.predicate
def is_organizer_with_organization(user) -> bool:
    """An organizer who belongs to an organization (what they organize is scoped by it)."""
    return bool(is_organizer(user) and user.organization_id)


@rules.predicate
def is_site_manager(user) -> bool:
    return has_role(user, SITE_MANAGER)


@rules.predicate
def is_focal_point(user) -> bool:
    return has_role(user, FOCAL_POINT)


@rules.predicate
def is_official(user) -> bool:
    return has_role(user, OFFICIAL)


# Object-level role checks. Each answers False without an object.


@rules.predicate
def has_object(user, obj) -> bool:
    """Guards a rule meant for one object: asked without one (as the admin asks model permissions), it is False."""
    return obj is not None


@rules.predicate
def is_site_manager_of(user, site) -> bool:
    """Listed in `site.managers` (group membership is not needed). Reads `site.managers.all()`, so a view that
    prefetched the managers asks no query."""
    if site is None or not user.is_authenticated:
        return False
    return any(manager.pk == user.pk for manager in site.managers.all())


def _organizer_ids(seminar) -> set[int]:
    # Use the prefetch cache when the view has filled it, so that the check costs no query.
    cache = getattr(seminar, "_prefetched_objects_cache", {})
    if "organizers" in cache:
        return {org.pk for org in cache["organizers"]}
    return set(seminar.organizers.values_list("pk", flat=True))


@rules.predicate
def is_organizer_of(user, seminar) -> bool:
    """An organizer whose organization organizes the seminar."""
    if seminar is None or not is_organizer_with_organization(user):
        return False
    return user.organization_id in _organizer_ids(seminar)


def _focal_point_org_ids(user) -> frozenset[int]:
    cached = getattr(user, "_mura_focal_point_org_ids", None)
    if cached is None:
        cached = frozenset(user.focal_point_for.values_list("pk", flat=True))
        user._mura_focal_point_org_ids = cached
    return cached


@rules.predicate
def is_focal_point_for(user, recommendation) -> bool:
    """A focal point (`User.focal_point_for`) of the lead or a supporting organization of the recommendation."""
    if recommendation is None or not user.is_authenticated:
        return False
    return bool(_focal_point_org_ids(user) & recommendation.responsible_organization_ids)


@rules.predicate
def is_focal_point_for_site(user, site) -> bool:
    """A focal point (`User.focal_point_for`) of the organization that manages the site."""
    if site is None or not user.is_authenticated or site.managing_organization_id is None:
        return False
    return site.managing_organization_id in _focal_point_org_ids(user)


@rules.predicate
def is_focal_point_for_owner(user, action) -> bool:
    """A focal point (`User.focal_point_for`) of the organization that owns the action."""
    if action is None or not user.is_authenticated:
        return False
    return action.owner_id in _focal_point_org_ids(user)


NATIONAL_COMMISSION_KIND = "national_commission"  # portal.models.Organization.Kind.NATIONAL_COMMISSION


@rules.predicate
def is_national_commission_member(user) -> bool:
    """Works for the National Commission for UNESCO (`User.organization` is of that kind)."""
    if not user.is_authenticated or not user.organization_id:
        return False
    cached = getattr(user, "_mura_natcom", None)
    if cached is None:
        cached = user._mura_natcom = user.organization.kind == NATIONAL_COMMISSION_KIND
    return cached


@rules.predicate
def is_focal_point_of_addressee(user, obj) -> bool:
    """A focal point of ``obj.organization`` (the organization a letter is addressed to)."""
    organization_id = getattr(obj, "organization_id", None)
    if organization_id is None or not user.is_authenticated:
        return False
    return organization_id in _focal_point_org_ids(user)


@rules.predicate
def is_manager_of_a_linked_site(user, recommendation) -> bool:
    if recommendation is None or not user.is_authenticated:
        return False
    # A page may ask several rules about the same recommendation (report, change the status): one query.
    answers = recommendation.__dict__.setdefault("_mura_managed_by", {})
    if user.pk not in answers:
        answers[user.pk] = recommendation.sites.filter(managers=user).exists()
    return answers[user.pk]


def role_names(user) -> list[str]:
    names = [str(ROLE_LABELS[n]) for n in ROLE_LABELS if n in _group_names(user)]
    if user.is_authenticated and user.is_superuser and str(ROLE_LABELS[ADMIN]) not in names:
        names.append(str(ROLE_LABELS[ADMIN]))
    return names
