"""factory_boy factories: one per model, in a module per app; import them from here."""

from tests.factories.portal import (
    PASSWORD,
    DistrictFactory,
    OrganizationFactory,
    RegionFactory,
    UserFactory,
    aware,
)
from tests.factories.recommendations import (
    ActionFactory,
    ActionReportFactory,
    ProgressReportFactory,
    RecommendationFactory,
    StatusChangeFactory,
)
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
    "ActionFactory",
    "ActionReportFactory",
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
