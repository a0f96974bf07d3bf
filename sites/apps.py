from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SitesConfig(AppConfig):
    # Label "sites" is ours: django.contrib.sites is not installed (allauth does not need it).
    name = "sites"
    label = "sites"
    verbose_name = _("Site catalogue")

    def ready(self) -> None:
        from portal import home
        from sites import (
            permissions,  # noqa: F401  (rules)
            signals,  # noqa: F401  (connects the search-text receivers)
        )

        home.add_figures(self.label, home_figures)


def home_figures(request) -> dict[str, int]:
    from sites.models import Designation, Site

    return {
        "sites": Site.objects.count(),
        "world_heritage": Designation.objects.filter(kind=Designation.Kind.WORLD_HERITAGE).count(),
        "biosphere_reserves": Designation.objects.filter(kind=Designation.Kind.BIOSPHERE_RESERVE).count(),
    }
