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
        register_attachments()


def register_attachments() -> None:
    from documents import registry
    from sites.models import Designation, Site
    from sites.permissions import can_attach_to_designation

    registry.register(Site, key="site", can_manage=registry.perm("sites.change_site"))
    registry.register(
        Designation,
        key="designation",
        can_manage=lambda user, designation: bool(can_attach_to_designation(user, designation)),
        page_url=designation_page,
    )


def designation_page(designation) -> str:
    """A designation has no page of its own: its attachments are listed on the pages of its sites."""
    from django.urls import reverse

    site = designation.sites.order_by("pk").first()
    return site.get_absolute_url() if site else reverse("sites:list")


def home_figures(request) -> dict[str, int]:
    from sites.models import Designation, Site

    return {
        "sites": Site.objects.count(),
        "world_heritage": Designation.objects.filter(kind=Designation.Kind.WORLD_HERITAGE).count(),
        "biosphere_reserves": Designation.objects.filter(kind=Designation.Kind.BIOSPHERE_RESERVE).count(),
    }
