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
        register_attachments()


def _can_view_recommendation(user, rec) -> bool:
    # The full page for those signed in, the public register's page for a published one.
    return rec.published or user.has_perm("recommendations.view_recommendations")


def register_attachments() -> None:
    from documents import registry
    from recommendations.models import ProgressReport, Recommendation

    registry.register(
        Recommendation,
        key="recommendation",
        can_view=_can_view_recommendation,
        can_manage=registry.perm("recommendations.change_recommendation"),
    )
    # Evidence of a progress report: managed by whoever may report progress on its recommendation.
    registry.register(
        ProgressReport,
        key="progress-report",
        can_view=lambda user, report: _can_view_recommendation(user, report.recommendation),
        can_manage=registry.perm("recommendations.report_progress", of=lambda report: report.recommendation),
        page_url=lambda report: report.recommendation.get_absolute_url(),
        label=lambda report: report.recommendation.title,
    )


def home_figures(request) -> dict[str, int]:
    """How many recommendations are still open, for those who may see the register."""
    from recommendations.models import Recommendation

    if not request.user.has_perm("recommendations.view_recommendations"):
        return {}
    return {"open_recommendations": Recommendation.objects.open().count()}
