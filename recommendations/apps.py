from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecommendationsConfig(AppConfig):
    name = "recommendations"
    verbose_name = _("Recommendations")

    def ready(self) -> None:
        from portal import home
        from recommendations import (
            permissions,  # noqa: F401  (rules)
            signals,  # noqa: F401  (marks the cached dashboard figures stale)
        )

        home.add_figures(self.label, home_figures)


def home_figures(request) -> dict[str, int]:
    """How many recommendations are still open, for those who may see the register."""
    from recommendations.models import Recommendation

    if not request.user.has_perm("recommendations.view_recommendations"):
        return {}
    return {"open_recommendations": Recommendation.objects.open().count()}
