"""The permission convention (portal.permissions): every rule is registered, a rule about one object never
answers without one, and a portal rule's "no" is final whatever model permissions a group carries."""

from __future__ import annotations

import pytest
import rules
from django.contrib.auth.models import AnonymousUser, Group, Permission
from django.contrib.contenttypes.models import ContentType

from portal import roles
from portal.models import User
from portal.permissions import model_permission_names
from seminars.models import Seminar
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

# Every rule the views, templates and template tags ask for: a typo there would be a silent "no".
PORTAL_RULES = {
    "sites.change_site",
    "sites.view_contacts",
    "sites.keep_followup",
    "seminars.create_seminar",
    "seminars.view_seminar",
    "seminars.change_seminar",
    "seminars.view_seminar_statistics",
    "seminars.view_participants",
    "seminars.change_participants",
    "seminars.view_person",
    "recommendations.view_recommendations",
    "recommendations.record_recommendation",
    "recommendations.change_recommendation",
    "recommendations.report_progress",
    "recommendations.change_status",
    "recommendations.publish_recommendation",
    "recommendations.manage_actions",
    "recommendations.report_on_action",
    "recommendations.change_action_status",
    "recommendations.review_implementation",
    "reminders.view_recipient_addresses",
    "reminders.read_letter",
    "seminars.issue_certificates",
    "reports.download_seminar_report",
    "reports.download_region_report",
    "reports.download_review_annex",
    "reports.view_report_index",
    "zones.upload_zones",
    "zones.upload_corridors",
    "works.view_works",
    "works.record_works",
    "works.change_plannedwork",
}


PORTAL_APPS = {"portal", "sites", "seminars", "recommendations", "reminders", "reports", "zones", "works"}


def _registered() -> set[str]:
    return {name for name in rules.permissions.permissions if name.split(".")[0] in PORTAL_APPS}


def test_the_portal_registers_exactly_its_rules():
    assert _registered() == PORTAL_RULES


def test_a_rule_named_like_a_model_permission_is_false_without_an_object():
    """The admin asks model permissions without an object: there the groups decide, never a rule."""
    portal_admin = UserFactory(is_staff=True, role=roles.ADMIN)  # an admin by role, not a superuser
    assert roles.is_admin(portal_admin)
    shared = sorted(PORTAL_RULES & model_permission_names())
    assert shared == [
        "recommendations.change_recommendation",
        "seminars.change_seminar",
        "seminars.view_person",
        "seminars.view_seminar",
        "sites.change_site",
        "works.change_plannedwork",
    ]
    assert {name: rules.has_perm(name, portal_admin, None) for name in shared} == dict.fromkeys(shared, False)
    assert {name: portal_admin.has_perm(name) for name in shared} == dict.fromkeys(shared, False)


def test_a_stray_group_permission_does_not_override_a_portal_rule(official):
    """A permission of the same name given to a group (by hand in the admin) grants nothing."""
    stray = Permission.objects.create(
        codename="create_seminar", name="stray", content_type=ContentType.objects.get_for_model(Seminar)
    )
    Group.objects.get(name=roles.OFFICIAL).permissions.add(stray)
    assert User.objects.get(pk=official.pk).has_perm("seminars.create_seminar") is False


def test_a_portal_rule_that_says_no_asks_only_for_the_groups(official, django_assert_num_queries):
    """ModelBackend would add the user's and the groups' permissions: two queries on every page."""
    user = User.objects.get(pk=official.pk)
    with django_assert_num_queries(1):  # the user's groups, for is_organizer
        assert user.has_perm("recommendations.record_recommendation") is False
    with django_assert_num_queries(0):
        assert user.has_perm("reminders.view_recipient_addresses") is False


def test_anonymous_visitors_have_no_rule_but_public_seminars(organization):
    from tests.factories import SeminarFactory

    anonymous = AnonymousUser()
    public = SeminarFactory(organizers=[organization])
    granted = {name for name in PORTAL_RULES if anonymous.has_perm(name, public)}
    assert granted == {"seminars.view_seminar"}
