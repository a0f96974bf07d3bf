"""/sites/<slug>/edit/: site managers of that site and admins only; everyone else 403, anonymous to log in."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sites.models import Site
from sites.permissions import can_edit_site

pytestmark = pytest.mark.django_db

VALID = {
    "management_plan": "adopted",
    "management_plan_year": "2019",
    "management_plan_url": "https://example.org/plan.pdf",
    "threats": ["livestock_grazing", "tourism_impacts"],
    "visitor_facilities": "Visitor centre, marked trail",
}


def _edit_url(site: Site) -> str:
    return reverse("sites:edit", kwargs={"slug": site.slug})


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("anonymous", 302),
        ("official", 403),
        ("organizer", 403),
        ("focal_point", 403),
        ("site_manager", 200),
        ("admin_user", 200),
    ],
)
def test_edit_page_access_by_persona(persona_client, site_a, persona, expected):
    response = persona_client(persona).get(_edit_url(site_a))
    assert response.status_code == expected
    if expected == 302:
        assert response["Location"] == f"/accounts/login/?next={_edit_url(site_a)}"


def test_site_manager_of_another_site_gets_403(client, site_a, site_b, site_manager):
    client.force_login(site_manager)
    assert client.get(_edit_url(site_b)).status_code == 403
    assert client.post(_edit_url(site_b), VALID).status_code == 403
    site_b.refresh_from_db()
    assert site_b.management_plan == Site.ManagementPlan.NONE


def test_anonymous_post_changes_nothing(client, site_a):
    response = client.post(_edit_url(site_a), VALID)
    assert response.status_code == 302
    site_a.refresh_from_db()
    assert site_a.management_plan == Site.ManagementPlan.NONE


def test_site_manager_saves_the_management_fields_with_an_audit_record(client, site_a, site_manager):
    client.force_login(site_manager)
    response = client.post(_edit_url(site_a), VALID)
    assert response.status_code == 302
    assert response["Location"] == site_a.get_absolute_url()
    site_a.refresh_from_db()
    assert (site_a.management_plan, site_a.management_plan_year) == ("adopted", 2019)
    assert site_a.management_plan_url == "https://example.org/plan.pdf"
    assert site_a.threats == ["livestock_grazing", "tourism_impacts"]
    assert site_a.visitor_facilities == "Visitor centre, marked trail"
    latest = site_a.history.first()
    assert (latest.history_type, latest.history_user) == ("~", site_manager)
    page = client.get(site_a.get_absolute_url()).text
    assert "The management details were saved." in page
    assert "Livestock farming/grazing of domesticated animals; Impacts of tourism/visitor/recreation" in page


def test_saving_without_a_change_writes_no_history(client, site_a, site_manager):
    client.force_login(site_manager)
    before = site_a.history.count()
    client.post(_edit_url(site_a), {"management_plan": "none", "visitor_facilities": ""})
    assert site_a.history.count() == before


def test_edit_cannot_touch_other_fields(client, site_a, site_manager):
    client.force_login(site_manager)
    client.post(_edit_url(site_a), {**VALID, "name_en": "Hijacked", "slug": "hijacked", "latitude": "1"})
    site_a.refresh_from_db()
    assert (site_a.name_en, site_a.slug, str(site_a.latitude)) == ("Tanbaly petroglyphs", "tanbaly", "43.803000")


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"management_plan": "adopted"}, "management_plan_year"),
        ({"management_plan": "adopted", "management_plan_year": "1800"}, "management_plan_year"),
        ({"management_plan": "none", "management_plan_year": "2019"}, "management_plan"),
        ({"management_plan": "in_preparation", "threats": ["meteorites"]}, "threats"),
        ({"management_plan": "in_preparation", "management_plan_url": "not a url"}, "management_plan_url"),
        ({"management_plan": "drafted"}, "management_plan"),
    ],
)
def test_edit_rejects_invalid_input_and_saves_nothing(client, site_a, site_manager, data, field):
    client.force_login(site_manager)
    response = client.post(_edit_url(site_a), data)
    assert response.status_code == 200
    assert list(response.context["form"].errors) == [field]
    site_a.refresh_from_db()
    assert site_a.management_plan == Site.ManagementPlan.NONE


def test_edit_unknown_site_is_404(client, site_manager):
    client.force_login(site_manager)
    assert client.get(reverse("sites:edit", kwargs={"slug": "atlantis"})).status_code == 404


def test_can_edit_site_rules(site_a, site_b, site_manager, other_manager, admin_user, official):
    from django.contrib.auth.models import AnonymousUser

    assert [can_edit_site(user, site_a) for user in (site_manager, other_manager, admin_user, official)] == [
        True,
        False,
        True,
        False,
    ]
    assert can_edit_site(AnonymousUser(), site_a) is False
    assert can_edit_site(other_manager, site_b) is True
