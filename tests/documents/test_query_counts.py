"""Pages listing attachments ask the same number of queries for one attachment (or parent) as for three:
documents.display.prepare() loads every parent's attachments with one query, and the parents' edit rules
use what the page has loaded (a site's designations carry their site ids, a report its recommendation)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from documents.models import Attachment
from tests.factories import (
    DesignationFactory,
    ProgressReportFactory,
    RecommendationFactory,
    SeminarFactory,
    SiteDesignationFactory,
    SiteFactory,
)
from tests.factories.documents import make_attachment

pytestmark = pytest.mark.django_db

V = Attachment.Visibility


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def site_with(n: int, manager):
    site = SiteFactory(managers=[manager])
    for i in range(n):
        designation = DesignationFactory()
        SiteDesignationFactory(site=site, designation=designation)
        SiteDesignationFactory(site=SiteFactory(), designation=designation)  # another component
        make_attachment(designation, title_en=f"Decision {i}", visibility=V.OWNERS)
        make_attachment(site, title_en=f"Plan {i}", visibility=[V.PUBLIC, V.SIGNED_IN, V.OWNERS][i % 3])
    return site


@pytest.mark.parametrize("persona", ["anonymous", "site_manager", "official"])
def test_site_page_with_1_or_3_designations_and_documents(client, persona, request):
    manager = request.getfixturevalue("site_manager")
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))
    small, large = site_with(1, manager), site_with(3, manager)
    assert count_queries(client, small.get_absolute_url()) == count_queries(client, large.get_absolute_url())


def recommendation_with(n: int, organization):
    rec = RecommendationFactory(lead_organization=organization, published=True)
    for i in range(n):
        report = ProgressReportFactory(recommendation=rec)
        make_attachment(report, title_en=f"Evidence {i}", kind=Attachment.Kind.EVIDENCE, visibility=V.OWNERS)
        make_attachment(report, title_en=f"Photo {i}", visibility=V.PUBLIC)
        make_attachment(rec, title_en=f"Decision {i}", visibility=V.SIGNED_IN)
    return rec


@pytest.mark.parametrize("persona", ["anonymous", "focal_point", "site_manager", "organizer"])
def test_recommendation_page_with_1_or_3_reports_and_documents(client, persona, request, organization):
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))
    small, large = recommendation_with(1, organization), recommendation_with(3, organization)
    assert count_queries(client, small.get_absolute_url()) == count_queries(client, large.get_absolute_url())


@pytest.mark.parametrize("persona", ["anonymous", "organizer"])
def test_seminar_page_with_1_or_3_documents(client, persona, request, organization):
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))
    seminars = []
    for n in (1, 3):
        seminar = SeminarFactory(organizers=[organization])
        for i in range(n):
            make_attachment(seminar, title_en=f"Programme {i}", visibility=[V.PUBLIC, V.OWNERS][i % 2])
        seminars.append(seminar)
    small, large = seminars
    assert count_queries(client, small.get_absolute_url()) == count_queries(client, large.get_absolute_url())


def test_admin_list_with_1_or_3_attachments(client, admin_user):
    # The parents are prefetched: one query per kind of parent (at most five), not one per row.
    client.force_login(admin_user)
    url = reverse("admin:documents_attachment_changelist")
    make_attachment(SiteFactory())
    one = count_queries(client, url)
    make_attachment(SiteFactory())
    make_attachment(SiteFactory())
    assert count_queries(client, url) == one
