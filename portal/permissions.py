"""The portal's one permission convention, for views (templates use `{% load rules %}{% has_perm %}`).

Every rule is a django-rules permission named "app.action[_model]" and declared with `rules.add_perm` in its
app's `permissions.py`, out of the role predicates of `portal.roles`. Anything that needs to know whether a
user may do something (a view, a template, an export, an e-mail, the API) asks `user.has_perm(name, obj)`.

A rule about one object is guarded by `has_object`, so that it is False when asked without one (the Django
admin asks model permissions that way, and goes by the groups' model permissions of `portal.roles`). A rule
that needs no object is named with a verb Django does not use for model permissions ("create", "record"),
so that a group's model permission can never answer for it: `RulesBackend` makes a portal rule's "no" final.
"""

from __future__ import annotations

from functools import cache

import rules
from django.apps import apps
from django.contrib.auth.mixins import AccessMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.views.generic.detail import SingleObjectMixin
from django.views.generic.edit import BaseCreateView


@cache
def model_permission_names() -> frozenset[str]:
    """The "app_label.codename" of every model permission Django creates (the admin's, granted by groups)."""
    names = set()
    for model in apps.get_models():
        opts = model._meta
        names.update(f"{opts.app_label}.{action}_{opts.model_name}" for action in opts.default_permissions)
        names.update(f"{opts.app_label}.{codename}" for codename, _name in opts.permissions)
    return frozenset(names)


class RulesBackend:
    """The portal's rules as an authentication backend (first in AUTHENTICATION_BACKENDS), authenticating no one.

    A rule that says no to a permission only the portal defines is final: Django's ModelBackend is not asked,
    so a stray group or user permission of that name grants nothing, and the check costs no query. For a name
    that is also a model permission, ModelBackend still answers (the admin asks those without an object).
    """

    def authenticate(self, request, **credentials):
        return None

    def has_perm(self, user, perm: str, obj=None) -> bool:
        if not rules.perm_exists(perm):
            return False
        if rules.has_perm(perm, user, obj):
            return True
        if perm in model_permission_names():
            return False
        raise PermissionDenied


class PermissionRequiredMixin(AccessMixin):
    """A view that declares the rule it needs in `permission_required`, checked against `get_permission_object()`.

    In this order, before the handler (and before the HTTP method is checked, so that a refused GET on a
    POST-only view is refused, not 405):
    1. an anonymous visitor is sent to log in when `login_required` (the default), before any lookup;
    2. the object is loaded by `get_permission_object()` (None for a rule that needs no object): missing, 404;
    3. without the permission, 403, or 404 when `hide_without_permission` (a page that must not tell that
       the object exists; an anonymous visitor then gets 404 too, unless `login_required`).
    By default the object is the view's own (a DetailView's or UpdateView's `get_object()`, loaded once for
    the check and the handler); a view about another object (the seminar in the URL of a participant's
    page) overrides `get_permission_object()`.
    """

    permission_required: str = ""
    login_required = True
    hide_without_permission = False

    def get_permission_object(self):
        if isinstance(self, SingleObjectMixin) and not isinstance(self, BaseCreateView):
            return self.get_object()
        return None

    def get_object(self, queryset=None):
        if queryset is not None:
            return super().get_object(queryset)
        if not hasattr(self, "_permission_checked_object"):
            self._permission_checked_object = super().get_object()
        return self._permission_checked_object

    def has_permission(self) -> bool:
        return self.request.user.has_perm(self.permission_required, self.get_permission_object())

    def dispatch(self, request, *args, **kwargs):
        if self.login_required and not request.user.is_authenticated:
            return self.handle_no_permission()  # the log-in redirect, with ?next=
        if not self.has_permission():
            if self.hide_without_permission:
                raise Http404
            return self.handle_no_permission()
        return super().dispatch(request, *args, **kwargs)
