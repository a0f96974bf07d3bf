"""Issue 13: a focal point signs a progress report only for an organization they speak for (L3), and other
organizations' draft seminars are offered nowhere in the recommendations' filters and form (L5)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from recommendations.models import ProgressReport
from seminars.models import Seminar
from tests.factories import SeminarFactory

pytestmark = pytest.mark.django_db


def test_a_focal_point_cannot_sign_as_another_responsible_organization(client, focal_point, rec_supported):
    """rec_supported is led by Y and supported by X; the focal point speaks for X only."""
    client.force_login(focal_point)
    url = reverse("recommendations:report", kwargs={"pk": rec_supported.pk})
    form = client.get(url).context["form"]
    assert [o.slug for o in form.fields["organization"].queryset] == ["akimat-x"]
    data = {"organization": rec_supported.lead_organization.pk, "date": "2020-01-01", "text": "Done, says Y"}
    response = client.post(url, data)
    assert response.status_code == 200
    assert "organization" in response.context["form"].errors
    assert ProgressReport.objects.count() == 0
    data["organization"] = focal_point.organization.pk
    assert client.post(url, data).status_code == 302
    assert list(ProgressReport.objects.values_list("organization__slug", flat=True)) == ["akimat-x"]


def test_an_admin_may_sign_for_any_responsible_organization(client, admin_user, rec_supported):
    client.force_login(admin_user)
    form = client.get(reverse("recommendations:report", kwargs={"pk": rec_supported.pk})).context["form"]
    assert sorted(o.slug for o in form.fields["organization"].queryset) == ["akimat-x", "akimat-y"]


@pytest.fixture
def drafts(organization, other_organization):
    ours = SeminarFactory(slug="our-draft", title_en="Our draft plan", status=Seminar.Status.DRAFT)
    ours.organizers.set([organization])
    theirs = SeminarFactory(slug="their-draft", title_en="Their secret draft", status=Seminar.Status.DRAFT)
    theirs.organizers.set([other_organization])
    return ours, theirs


def test_other_organizations_drafts_are_not_offered(client, organizer, drafts, rec_x):
    client.force_login(organizer)
    # The list's seminar filter offers seminars by search-as-you-type (issue 15): its answers, not its page.
    pages = [
        reverse("autocomplete", kwargs={"kind": "seminars"}) + "?q=draft",
        reverse("recommendations:create"),
        reverse("recommendations:edit", kwargs={"pk": rec_x.pk}),
    ]
    for page in pages:
        text = client.get(page).text
        assert "Their secret draft" not in text, page
        assert "Our draft plan" in text, page
    response = client.get(reverse("recommendations:create") + "?seminar=their-draft")
    assert "Their secret draft" not in response.text
    assert client.get(reverse("recommendations:list") + "?seminar=their-draft").context["filter"].errors
