from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Directory and accounts")

    def ready(self) -> None:
        from django.contrib.auth.models import Group
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from portal import roles, signals, userfacts  # noqa: F401
        from portal.models import Organization, User

        # A change to what a user's cached facts are made of (portal.userfacts) bumps their version.
        for name, signal in (("save", post_save), ("delete", post_delete)):
            signal.connect(userfacts.user_saved, sender=User, dispatch_uid=f"mura_userfacts_user_{name}")
            for model in (Organization, Group):
                signal.connect(
                    userfacts.row_changed_for_everyone,
                    sender=model,
                    dispatch_uid=f"mura_userfacts_{model.__name__}_{name}",
                )
        for field in ("groups", "focal_point_for"):
            through = getattr(User, field).through
            m2m_changed.connect(userfacts.users_linked, sender=through, dispatch_uid=f"mura_userfacts_{field}")

        post_migrate.connect(roles.ensure_roles, dispatch_uid="mura_ensure_roles")
