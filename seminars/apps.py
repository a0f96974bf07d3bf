from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SeminarsConfig(AppConfig):
    name = "seminars"
    verbose_name = _("Seminars")

    def ready(self) -> None:
        from portal import home
        from seminars import (
            permissions,  # noqa: F401  (rules)
            signals,  # noqa: F401  (marks the cached participant lists stale)
        )

        home.add_figures(self.label, home_figures)

        from documents import registry
        from seminars.models import Seminar

        registry.register(
            Seminar,
            key="seminar",
            can_view=registry.perm("seminars.view_seminar"),
            can_manage=registry.perm("seminars.change_seminar"),
        )


def home_figures(request) -> dict[str, int]:
    from seminars.models import Seminar

    return {"seminars": Seminar.objects.published().count()}
