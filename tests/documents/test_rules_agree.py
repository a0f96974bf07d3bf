"""`Attachment.objects.for_object(obj).visible_to(user)` lists exactly what "documents.download_attachment"
lets each persona download, on every kind of parent."""

from __future__ import annotations

import pytest

from documents.models import Attachment
from tests.conftest import PERSONAS
from tests.factories import (
    DesignationFactory,
    ProgressReportFactory,
    RecommendationFactory,
    SeminarFactory,
    SiteDesignationFactory,
    SiteFactory,
    UserFactory,
)
from tests.factories.documents import make_attachment

pytestmark = pytest.mark.django_db


def _parents(request):
    manager = request.getfixturevalue("site_manager")
    organization = request.getfixturevalue("organization")
    site = SiteFactory(managers=[manager])
    designation = DesignationFactory()
    SiteDesignationFactory(site=site, designation=designation)
    rec = RecommendationFactory(lead_organization=organization)
    return {
        "site": site,
        "designation": designation,
        "seminar": SeminarFactory(organizers=[organization]),
        "recommendation": rec,
        "progress-report": ProgressReportFactory(recommendation=rec),
    }


@pytest.mark.parametrize("parent_key", ["site", "designation", "seminar", "recommendation", "progress-report"])
def test_visible_to_agrees_with_the_rule(parent_key, request):
    parent = _parents(request)[parent_key]
    for visibility in Attachment.Visibility.values:
        make_attachment(parent, visibility=visibility, title_en=visibility)
    users = {name: request.getfixturevalue(name) for name in PERSONAS if name != "anonymous"}
    from django.contrib.auth.models import AnonymousUser

    users["anonymous"] = AnonymousUser()
    users["inactive"] = UserFactory(is_active=False)
    listed, allowed = {}, {}
    for name, user in users.items():
        listed[name] = sorted(a.title_en for a in Attachment.objects.for_object(parent).visible_to(user))
        allowed[name] = sorted(
            a.title_en
            for a in Attachment.objects.for_object(parent)
            if user.has_perm("documents.download_attachment", a)
        )
    assert listed == allowed
    assert allowed["official"] == ["public", "signed_in"] or parent_key in ("recommendation", "progress-report")


def test_owners_are_the_parents_editors(request, site_manager, organizer, focal_point, official):
    parents = _parents(request)
    assert [
        (
            key,
            sorted(
                n
                for n, u in [
                    ("manager", site_manager),
                    ("organizer", organizer),
                    ("focal", focal_point),
                    ("official", official),
                ]
                if u.has_perm("documents.attach_to", obj)
            ),
        )
        for key, obj in parents.items()
    ] == [
        ("site", ["manager"]),
        ("designation", ["manager"]),
        ("seminar", ["organizer"]),
        ("recommendation", ["organizer"]),
        ("progress-report", ["focal", "organizer"]),
    ]
