"""recommendations.permissions: who may record, report and change status, object by object."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from recommendations import permissions
from tests.factories import OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db

PERSONAS = ["official", "organizer", "site_manager", "focal_point", "admin_user"]


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("official", False), ("organizer", True), ("site_manager", False), ("focal_point", False), ("admin_user", True)],
)
def test_can_record_only_organizers_and_admins(persona, expected, request):
    assert permissions.can_record(request.getfixturevalue(persona)) is expected


def test_can_record_anonymous_is_false():
    assert permissions.can_record(AnonymousUser()) is False


# persona -> (rec_x: lead X with site A, rec_supported: X supports, rec_y: neither)
EXPECTED_REPORT = {
    "official": (False, False, False),
    "organizer": (True, True, True),
    "site_manager": (True, False, False),
    "focal_point": (True, True, False),
    "admin_user": (True, True, True),
}


@pytest.mark.parametrize("persona", PERSONAS)
def test_can_report_and_change_status_per_persona_and_object(persona, request, rec_x, rec_supported, rec_y):
    user = request.getfixturevalue(persona)
    got = tuple(permissions.can_report(user, rec) for rec in (rec_x, rec_supported, rec_y))
    assert got == EXPECTED_REPORT[persona]
    assert tuple(permissions.can_change_status(user, rec) for rec in (rec_x, rec_supported, rec_y)) == got


def test_can_report_anonymous_is_false(rec_x):
    assert permissions.can_report(AnonymousUser(), rec_x) is False


def test_can_report_focal_point_of_an_unrelated_organization_is_false(rec_x, region):
    stranger = UserFactory()
    stranger.focal_point_for.add(OrganizationFactory(region=region))
    assert permissions.can_report(stranger, rec_x) is False


def test_can_report_manager_of_an_unlinked_site_is_false(rec_y, site_manager, site_a):
    assert permissions.can_report(site_manager, rec_y) is False


def test_can_report_inactive_user_is_false(rec_x, focal_point):
    focal_point.is_active = False
    assert permissions.can_report(focal_point, rec_x) is False


def test_can_report_is_decided_by_data_not_by_group(rec_x, organization):
    """A user named focal point for X in the admin may report for X, whatever groups they are in."""
    user = UserFactory()
    assert permissions.can_report(user, rec_x) is False
    user.focal_point_for.add(organization)
    user = type(user).objects.get(pk=user.pk)  # a fresh request
    assert permissions.can_report(user, rec_x) is True
