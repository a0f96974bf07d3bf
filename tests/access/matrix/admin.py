"""The admin: staff only. Everyone else is sent to the admin login, which sends them on to allauth's.

The admin's own pages are listed by hand; the pages of every registered ModelAdmin are derived from the
admin site's registry (a model registered later is covered the moment it is registered). Object pages are
tried with an object that does not exist: the answer to staff is the admin's "no such object", to
everyone else the login.
"""

from __future__ import annotations

from types import SimpleNamespace

from django.contrib import admin as django_admin
from simple_history.admin import SimpleHistoryAdmin

from tests.access.expect import ADMIN_LOGIN, FORBIDDEN, NOT_ALLOWED, NOT_FOUND, OK, Case, Redirect, answers, staff_only

ADMIN_INDEX = Redirect("/admin/")
MISSING = "0"  # no object has this primary key

EXPECTED: dict[str, Case | list[Case]] = {
    "admin:index": Case(staff_only(OK)),
    # Never Django's login form: anonymous to allauth, non-staff refused, staff on to the index.
    "admin:login": Case(
        answers(FORBIDDEN, anonymous=Redirect("account_login", with_next=True), admin_user=ADMIN_INDEX)
    ),
    "admin:logout": [
        Case(answers(ADMIN_INDEX, admin_user=NOT_ALLOWED)),
        Case(answers(ADMIN_INDEX, admin_user=OK), method="post", label="post"),
    ],
    "admin:password_change": Case(staff_only(OK)),
    "admin:password_change_done": Case(staff_only(OK)),
    "admin:autocomplete": Case(staff_only(FORBIDDEN)),  # staff too: a request without its parameters
    "admin:jsi18n": Case(staff_only(OK)),
    "admin:view_on_site": Case(staff_only(NOT_FOUND), kwargs={"content_type_id": 0, "object_id": MISSING}),
    "admin:app_list": Case(staff_only(OK), kwargs={"app_label": "portal"}),
    "admin/(?P<url>.*)$": Case(staff_only(NOT_FOUND), kwargs={"url": "no-such-page/"}),
}


class _Superuser:
    """Enough of a superuser to ask a ModelAdmin what it allows anyone (read-only admins allow no one)."""

    is_active = is_staff = is_superuser = is_authenticated = True

    def has_perm(self, perm, obj=None):
        return True

    def has_module_perms(self, app_label):
        return True


def _model_admin_cases(site: django_admin.AdminSite) -> dict[str, Case]:
    cases = {}
    superuser_request = SimpleNamespace(user=_Superuser())
    for model, model_admin in site._registry.items():
        app, name = model._meta.app_label, model._meta.model_name
        base = f"/admin/{app}/{name}"
        keeps_history = isinstance(model_admin, SimpleHistoryAdmin)
        for pattern in model_admin.urls:
            obj = {"object_id": MISSING}
            if pattern.name is None:  # <object_id>/ redirects to <object_id>/change/
                key = f"admin/{app}/{name}/{pattern.pattern}"
                cases[key] = Case(staff_only(Redirect(f"{base}/{MISSING}/change/")), kwargs=obj)
                continue
            key = f"{site.name}:{pattern.name}"
            if pattern.name.endswith("_add") and not model_admin.has_add_permission(superuser_request):
                cases[key] = Case(staff_only(FORBIDDEN))  # an append-only log: written by the portal only
            elif pattern.name.endswith("_delete") and not model_admin.has_delete_permission(superuser_request):
                cases[key] = Case(staff_only(FORBIDDEN), kwargs=obj)
            elif pattern.name.endswith(("_changelist", "_add")):
                cases[key] = Case(staff_only(OK))
            elif pattern.name.endswith("_simple_history"):
                cases[key] = Case(staff_only(NOT_FOUND), kwargs={"_0": MISSING, "_1": MISSING})
            elif pattern.name.endswith("_password_change"):
                cases[key] = Case(staff_only(NOT_FOUND), kwargs={"id": MISSING})
            elif pattern.name.endswith("_history") and keeps_history:
                cases[key] = Case(staff_only(NOT_FOUND), kwargs=obj)
            elif pattern.name.endswith(("_change", "_delete", "_history")):
                cases[key] = Case(staff_only(ADMIN_INDEX), kwargs=obj)
            # Any other name is a custom admin view: it must be listed by hand, so it is left out here.
    return cases


EXPECTED.update(_model_admin_cases(django_admin.site))

__all__ = ["ADMIN_LOGIN", "EXPECTED"]
