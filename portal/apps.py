from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Directory and accounts")

    def ready(self) -> None:
        from portal import roles, signals  # noqa: F401

        post_migrate.connect(roles.ensure_roles, dispatch_uid="mura_ensure_roles")
