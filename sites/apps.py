from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SitesConfig(AppConfig):
    # Label "sites" is ours: django.contrib.sites is not installed (allauth does not need it).
    name = "sites"
    label = "sites"
    verbose_name = _("Site catalogue")

    def ready(self) -> None:
        from sites import (
            permissions,  # noqa: F401  (rules)
            signals,  # noqa: F401  (connects the search-text receivers)
        )
