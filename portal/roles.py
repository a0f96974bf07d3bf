"""Roles are Django groups with permissions; the scoping (which site, which organization) is data.

- Official: reads the portal.
- Organizer: runs seminars and records recommendations (scoped to their organization's seminars).
- Site manager: edits the management fields of the sites they manage (`Site.managers`).
- Focal point: reports progress for the organizations in `User.focal_point_for`.
- Admin: staff, everything.
"""

from __future__ import annotations

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

# app_label.codename; missing ones (an app not migrated yet) are skipped and added on the next migrate.
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


def is_admin(user) -> bool:
    return bool(user.is_authenticated and (user.is_superuser or (user.is_staff and has_role(user, ADMIN))))


def is_organizer(user) -> bool:
    return is_admin(user) or has_role(user, ORGANIZER)


def is_site_manager(user) -> bool:
    return has_role(user, SITE_MANAGER)


def is_focal_point(user) -> bool:
    return has_role(user, FOCAL_POINT)


def is_official(user) -> bool:
    return has_role(user, OFFICIAL)


def role_names(user) -> list[str]:
    names = [str(ROLE_LABELS[n]) for n in ROLE_LABELS if n in _group_names(user)]
    if user.is_authenticated and user.is_superuser and str(ROLE_LABELS[ADMIN]) not in names:
        names.append(str(ROLE_LABELS[ADMIN]))
    return names
