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
    """Signed-in visitors only: how many recommendations are still open."""
    from recommendations.models import Recommendation

    if not request.user.is_authenticated:
        return {}
    return {"open_recommendations": Recommendation.objects.open().count()}
