"""`Seminar.objects.visible_to(user)` (the list) and the rule "seminars.view_seminar" (one seminar's page)
answer alike for every persona and every seminar."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from portal.models import User
from seminars.models import Seminar
from tests.conftest import PERSONAS
from tests.factories import SeminarFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def seminars(organization, other_organization):
    """Every status, organized by the organizer's organization, by another, by both, and by none."""
    made = []
    for status in Seminar.Status.values:
        for organizers in ([organization], [other_organization], [organization, other_organization], []):
            made.append(SeminarFactory(status=status, organizers=organizers))
    return made


def _user(persona: str, request):
    if persona == "anonymous":
        return AnonymousUser()
    return User.objects.get(pk=request.getfixturevalue(persona).pk)  # fresh, as in a request


def _agree(user, seminars) -> tuple[set[str], set[str]]:
    listed = set(
        Seminar.objects.visible_to(user).filter(pk__in=[s.pk for s in seminars]).values_list("slug", flat=True)
    )
    ruled = {
        s.slug
        for s in Seminar.objects.filter(pk__in=[s.pk for s in seminars])
        if user.has_perm("seminars.view_seminar", s)
    }
    return listed, ruled


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_list_shows_exactly_the_seminars_the_rule_lets_one_see(persona, request, seminars):
    listed, ruled = _agree(_user(persona, request), seminars)
    assert listed == ruled
    drafts = {s.slug for s in seminars if s.status == Seminar.Status.DRAFT}
    assert {s.slug for s in seminars} - drafts <= listed  # everyone sees the public ones


def test_an_organizer_without_an_organization_sees_no_draft(seminars):
    from portal import roles

    user = UserFactory(role=roles.ORGANIZER)
    listed, ruled = _agree(User.objects.get(pk=user.pk), seminars)
    assert listed == ruled
    assert not any(s.status == Seminar.Status.DRAFT for s in Seminar.objects.filter(slug__in=listed))


@pytest.mark.parametrize(("persona", "drafts_seen"), [("organizer", 2), ("admin_user", 4), ("official", 0)])
def test_drafts_are_seen_by_their_organizers_and_admins(persona, drafts_seen, request, seminars):
    listed, _ruled = _agree(_user(persona, request), seminars)
    assert Seminar.objects.filter(slug__in=listed, status=Seminar.Status.DRAFT).count() == drafts_seen
