from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ZonesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "zones"
    verbose_name = _("Zones and corridors")

    def ready(self) -> None:
        from zones import (
            permissions,  # noqa: F401  (rules)
            signals,  # noqa: F401  (the site pages' cache follows the zones)
        )
