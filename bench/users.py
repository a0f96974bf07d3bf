"""The people the benchmark signs in as, and their sessions (one per simulated client)."""

from __future__ import annotations

from importlib import import_module

from django.conf import settings
from django.contrib.auth import login
from django.contrib.auth.models import Group
from django.http import HttpRequest
from django.middleware.csrf import get_token

from bench.generate import BENCH_ORGANIZATION_SLUG, BENCH_SITE_SLUG
from portal import roles
from portal.models import Organization, User
from sites.models import Site

# Who opens which page: the organizer runs the 2,000-participant seminar; the official reads everything; the site
# manager manages the bench site; the focal point reports for the bench organization (issue 22: each role's start
# page and the manager's site page).
PERSONAS = {
    "organizer": ("bench-organizer@bench.example.org", roles.ORGANIZER, "Bench Organizer"),
    "official": ("bench-official@bench.example.org", roles.OFFICIAL, "Bench Official"),
    "manager": ("bench-manager@bench.example.org", roles.SITE_MANAGER, "Bench Site Manager"),
    "focal": ("bench-focal@bench.example.org", roles.FOCAL_POINT, "Bench Focal Point"),
}


def prepare_users() -> dict[str, User]:
    """Create (or bring back to shape) one user per persona; the organizer works for the bench organization."""
    roles.ensure_roles()
    organization = Organization.objects.filter(slug=BENCH_ORGANIZATION_SLUG).first()
    users = {}
    for key, (email, role, name) in PERSONAS.items():
        user, _created = User.objects.update_or_create(
            email=email,
            defaults={
                "full_name": name,
                "organization": organization if role == roles.ORGANIZER else None,
                "is_active": True,
                "is_staff": False,
                "is_superuser": False,
                "language": "en",
            },
        )
        if user.has_usable_password():
            user.set_unusable_password()
            user.save(update_fields=["password"])
        user.groups.set([Group.objects.get(name=role)])
        users[key] = user
    site = Site.objects.filter(slug=BENCH_SITE_SLUG).first()
    if site is not None:
        site.managers.add(users["manager"])
    if organization is not None:
        users["focal"].focal_point_for.set([organization])
    return users


def session_cookies(user: User, count: int) -> list[str]:
    """`count` separate sessions for `user`, made by django.contrib.auth.login as a real sign-in would, each with
    the CSRF cookie a browser holds from its first page (without it, every page would make and set a new one)."""
    engine = import_module(settings.SESSION_ENGINE)
    cookies = []
    for _ in range(count):
        request = HttpRequest()
        request.session = engine.SessionStore()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        request.session.save()
        get_token(request)
        cookies.append(
            f"{settings.SESSION_COOKIE_NAME}={request.session.session_key}; "
            f"{settings.CSRF_COOKIE_NAME}={request.META['CSRF_COOKIE']}"
        )
    return cookies
