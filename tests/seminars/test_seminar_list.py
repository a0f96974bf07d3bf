"""/seminars/: published seminars for everyone, drafts for their organizers, filters, and a fixed query count."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from seminars.models import Seminar
from sites.models import Site
from tests.factories import RegionFactory, SeminarFactory, aware

pytestmark = pytest.mark.django_db

LIST = reverse("seminars:list")


def titles(response) -> list[str]:
    return [s.title_en for s in response.context["object_list"]]


def test_list_shows_published_and_completed_to_anonymous(client, organization):
    SeminarFactory(title_en="Published", organizers=[organization])
    SeminarFactory(title_en="Completed", status=Seminar.Status.COMPLETED, start=aware(2019, 3, 28))
    SeminarFactory(title_en="Draft", status=Seminar.Status.DRAFT, organizers=[organization])
    response = client.get(LIST)
    assert response.status_code == 200
    assert sorted(titles(response)) == ["Completed", "Published"]


def test_list_shows_drafts_only_of_the_organizers_own_organization(client, organizer, organization, other_organization):
    SeminarFactory(title_en="Ours", status=Seminar.Status.DRAFT, organizers=[organization])
    SeminarFactory(title_en="Theirs", status=Seminar.Status.DRAFT, organizers=[other_organization])
    client.force_login(organizer)
    assert titles(client.get(LIST)) == ["Ours"]


def test_list_shows_every_draft_to_an_admin(client, admin_user, organization, other_organization):
    SeminarFactory(title_en="Ours", status=Seminar.Status.DRAFT, organizers=[organization])
    SeminarFactory(title_en="Theirs", status=Seminar.Status.DRAFT, organizers=[other_organization])
    client.force_login(admin_user)
    assert sorted(titles(client.get(LIST))) == ["Ours", "Theirs"]


def test_list_hides_drafts_from_an_official(client, official, organization):
    SeminarFactory(title_en="Draft", status=Seminar.Status.DRAFT, organizers=[organization])
    client.force_login(official)
    assert titles(client.get(LIST)) == []


def test_list_does_not_repeat_a_seminar_with_several_organizers(client, organizer, organization, other_organization):
    SeminarFactory(title_en="Joint", status=Seminar.Status.DRAFT, organizers=[organization, other_organization])
    client.force_login(organizer)
    assert titles(client.get(LIST)) == ["Joint"]


def test_list_filters_by_year(client):
    SeminarFactory(title_en="2019", status=Seminar.Status.COMPLETED, start=aware(2019, 2, 27))
    SeminarFactory(title_en="Later")
    assert titles(client.get(LIST, {"year": "2019"})) == ["2019"]


def test_list_filters_by_region_and_site(client):
    almaty = RegionFactory(slug="almaty-region")
    zhambyl = RegionFactory(slug="zhambyl-region")
    tanbaly = Site.objects.create(slug="tanbaly", name_en="Tanbaly")
    SeminarFactory(title_en="Taldykorgan", region=almaty, sites=[tanbaly])
    SeminarFactory(title_en="Taraz", region=zhambyl)
    assert titles(client.get(LIST, {"region": "zhambyl-region"})) == ["Taraz"]
    assert titles(client.get(LIST, {"site": "tanbaly"})) == ["Taldykorgan"]


def test_list_filters_by_status(client):
    SeminarFactory(title_en="Open")
    SeminarFactory(title_en="Done", status=Seminar.Status.COMPLETED, start=aware(2019, 3, 28))
    assert titles(client.get(LIST, {"status": "completed"})) == ["Done"]


def test_list_with_an_unknown_filter_value_says_so_and_ignores_it(client):
    SeminarFactory(title_en="Open")
    response = client.get(LIST, {"region": "atlantis", "year": "abc", "status": "draft"})
    assert response.status_code == 200
    assert titles(response) == ["Open"]
    assert "Some filters were not understood" in response.content.decode()


def test_list_with_a_page_beyond_the_end_is_404(client):
    SeminarFactory()
    assert client.get(LIST, {"page": "99"}).status_code == 404
    assert client.get(LIST, {"page": "x"}).status_code == 404


def test_list_shows_dates_city_and_sites(client):
    site = Site.objects.create(slug="talgar", name_en="Site of Talgar")
    SeminarFactory(
        title_en="Shown", city="Taldykorgan", start=aware(2019, 3, 28), end=aware(2019, 3, 28, 17), sites=[site]
    )
    html = client.get(LIST).content.decode()
    assert "Shown" in html
    assert "28 March 2019" in html
    assert "Taldykorgan" in html
    assert "Site of Talgar" in html


@pytest.mark.parametrize("rows", [1, 3])
def test_list_query_count_is_the_same_for_1_and_3_seminars(
    client, organizer, organization, django_assert_num_queries, rows
):
    for n in range(rows):
        site = Site.objects.create(slug=f"site-{n}", name_en=f"Site {n}")
        SeminarFactory(organizers=[organization], sites=[site], start=aware(2030, 1, 1) + dt.timedelta(days=n))
    client.force_login(organizer)
    # 1 user, 2 the user's groups (roles), 3 the years for the year filter, 4 COUNT for the paginator,
    # 5 regions and 6 sites for the filter choices, 7 the seminars with region and project, 8 their sites
    # (prefetch). The session is not saved again on every request (IdleSessionMiddleware).
    with django_assert_num_queries(8):
        response = client.get(LIST)
    assert len(response.context["object_list"]) == rows
