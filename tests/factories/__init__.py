"""factory_boy factories: one per model, in a module per app; import them from here."""

from tests.factories.portal import (
    PASSWORD,
    DistrictFactory,
    OrganizationFactory,
    RegionFactory,
    UserFactory,
    aware,
)
from tests.factories.recommendations import ProgressReportFactory, RecommendationFactory, StatusChangeFactory
from tests.factories.seminars import (
    ImportRunFactory,
    PersonFactory,
    ProjectFactory,
    RegistrationFactory,
    SeminarFactory,
)
from tests.factories.sites import DesignationFactory, ObligationFactory, SiteDesignationFactory, SiteFactory

__all__ = [
    "PASSWORD",
    "DesignationFactory",
    "DistrictFactory",
    "ImportRunFactory",
    "ObligationFactory",
    "OrganizationFactory",
    "PersonFactory",
    "ProgressReportFactory",
    "ProjectFactory",
    "RecommendationFactory",
    "RegionFactory",
    "RegistrationFactory",
    "SeminarFactory",
    "SiteDesignationFactory",
    "SiteFactory",
    "StatusChangeFactory",
    "UserFactory",
    "aware",
]
