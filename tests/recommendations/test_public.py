"""The public register (issue 19): publishing, the anonymous pages, organizations' figures and the feed."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from recommendations import services
from recommendations.dashboard import build_dashboard
from recommendations.models import Recommendation
from tests.factories import ActionFactory, OrganizationFactory, RecommendationFactory, SiteFactory, UserFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
LIST = reverse("recommendations:list")


@pytest.fixture
def author():
    return UserFactory(email="reporter.person@test.example", full_name="Aigerim Reporterova")


@pytest.fixture
def public_rec(organization, author):
    rec = RecommendationFactory(title_en="Published item", lead_organization=organization, published=True)
    services.change_status(rec, "in_progress", user=author, comment="Said by Aigerim on the phone.")
    services.add_progress_report(rec, author=author, text="A workshop was held.", organization=organization)
    return rec


@pytest.fixture
def hidden_rec(organization):
    return RecommendationFactory(title_en="Unpublished item", lead_organization=organization)


def test_publish_and_unpublish_by_an_editor(client, organizer, hidden_rec):
    client.force_login(organizer)
    url = reverse("recommendations:publish", args=[hidden_rec.pk])
    assert client.post(url, {"publish": "1"}).status_code == 302
    hidden_rec.refresh_from_db()
    assert hidden_rec.published is True and hidden_rec.published_at is not None
    assert Client().get(hidden_rec.get_absolute_url()).status_code == 200
    client.post(url, {"publish": "0"})
    hidden_rec.refresh_from_db()
    assert hidden_rec.published is False
    assert Client().get(hidden_rec.get_absolute_url()).status_code == 302


@pytest.mark.parametrize("persona", ["official", "focal_point", "site_manager"])
def test_publish_refused_to_non_editors(persona, persona_client, hidden_rec):
    response = persona_client(persona).post(reverse("recommendations:publish", args=[hidden_rec.pk]))
    assert response.status_code == 403
    hidden_rec.refresh_from_db()
    assert hidden_rec.published is False


def test_anonymous_list_shows_published_only(client, public_rec, hidden_rec):
    response = client.get(LIST)
    assert list(response.context["recommendations"]) == [public_rec]
    assert b"Unpublished item" not in response.content


def test_unpublished_or_missing_sends_anonymous_to_log_in(client, hidden_rec):
    for pk in (hidden_rec.pk, 999_999):
        response = client.get(reverse("recommendations:detail", args=[pk]))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))


def test_public_detail_shows_progress_but_no_person(client, public_rec, author, organizer):
    response = client.get(public_rec.get_absolute_url())
    text = response.content.decode()
    assert "A workshop was held." in text and "Akimat X" in text
    assert [item.kind for item in response.context["timeline"]] == ["status", "report"]
    for secret in (author.full_name, author.email, "Aigerim", organizer.email):
        assert secret not in text


def test_signed_in_users_keep_the_full_page(client, official, public_rec, author):
    client.force_login(official)
    response = client.get(public_rec.get_absolute_url())
    assert "Said by Aigerim on the phone." in response.content.decode()


def test_anonymous_pages_are_cached_and_dropped_on_change(client, public_rec, hidden_rec, organizer):
    assert client.get(LIST).context is not None
    cached = client.get(LIST)
    assert getattr(cached, "from_page_cache", False)
    services.set_published(hidden_rec, True, user=organizer)
    response = client.get(LIST)
    assert not getattr(response, "from_page_cache", False)
    assert b"Unpublished item" in response.content


def test_site_page_shows_its_published_recommendations(client, organization):
    site = SiteFactory()
    shown = RecommendationFactory(title_en="Shown on the site", sites=[site], published=True)
    RecommendationFactory(title_en="Not shown on the site", sites=[site])
    response = client.get(site.get_absolute_url())
    assert response.context["recommendations"] == [shown]
    # Publishing drops the cached site page (the catalogue namespace watches recommendations).
    Recommendation.objects.get(title_en="Not shown on the site").save()
    assert not getattr(client.get(site.get_absolute_url()), "from_page_cache", False)


# Anonymous /recommendations/: 1. count   2. the page of recommendations with lead organization and seminar
#   3. their sites   4. their supporting organizations   5. the filter's regions (sites, seminars and
#   organizations are chosen by search-as-you-type since issue 15: only the chosen value is read)
#   6. their themes (several each)
PUBLIC_LIST_QUERIES = 6


@pytest.mark.parametrize("count", [1, 3])
def test_public_list_query_count_is_constant(client, django_assert_num_queries, count):
    for _ in range(count):
        RecommendationFactory(
            published=True,
            sites=[SiteFactory()],
            supporting_organizations=[OrganizationFactory()],
            themes=[Recommendation.Theme.MEDIA],
        )
    with django_assert_num_queries(PUBLIC_LIST_QUERIES):
        response = client.get(LIST)
    assert len(response.context["recommendations"]) == count


# Anonymous /organizations/: 1. per lead organization   2. per supporting organization   3. their names
ORGANIZATION_INDEX_QUERIES = 3


@pytest.mark.parametrize("count", [1, 3])
def test_organization_index_query_count_is_constant(client, django_assert_num_queries, count):
    for _ in range(count):
        RecommendationFactory(published=True, supporting_organizations=[OrganizationFactory()])
    with django_assert_num_queries(ORGANIZATION_INDEX_QUERIES):
        response = client.get(reverse("organizations:list"))
    assert len(response.context["rows"]) == 2 * count


def _figures(row) -> tuple:
    return (row.total, row.open, row.overdue, row.reported, row.implemented, row.implemented_with_due, row.on_time)


def test_organization_figures_equal_the_dashboards(client, organization, other_organization, organizer):
    today = timezone.localdate()
    RecommendationFactory(lead_organization=organization, due_date=today - dt.timedelta(days=3))
    RecommendationFactory(lead_organization=organization, status="proposed")
    RecommendationFactory(lead_organization=other_organization, supporting_organizations=[organization])
    done = RecommendationFactory(lead_organization=organization, due_date=today + dt.timedelta(days=9))
    services.add_progress_report(done, author=organizer, text="Done.", organization=organization)
    services.change_status(done, "reported", user=organizer)
    services.change_status(done, "implemented", user=None, check_user=False)  # confirmed by a reviewer
    waiting = RecommendationFactory(lead_organization=organization, due_date=today + dt.timedelta(days=9))
    services.add_progress_report(waiting, author=organizer, text="Done.", organization=organization)
    services.change_status(waiting, "reported", user=organizer)
    Recommendation.objects.update(published=True)

    dashboard = {row.organization_id: _figures(row) for row in build_dashboard(today=today).by_organization}
    page = client.get(reverse("organizations:detail", args=[organization.slug])).context["row"]
    assert _figures(page) == dashboard[organization.pk] == (5, 2, 1, 1, 1, 1, 1)
    index = {row.organization_id: _figures(row) for row in client.get(reverse("organizations:list")).context["rows"]}
    assert index == dashboard


def test_organization_page_counts_published_items_only_and_silence(client, organization):
    old = timezone.now() - dt.timedelta(days=40)
    RecommendationFactory(lead_organization=organization, published=True, created_at=old)
    RecommendationFactory(lead_organization=organization)
    response = client.get(reverse("organizations:detail", args=[organization.slug]))
    assert (response.context["row"].total, response.context["days_silent"]) == (1, 40)
    assert "No progress report for 40 days" in response.content.decode()


def _entries(response) -> tuple[ET.Element, list[ET.Element]]:
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)  # noqa: S314 (our own response)
    assert feed.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated"):
        assert (feed.findtext(f"{ATOM}{name}") or "").strip(), name
    entries = feed.findall(f"{ATOM}entry")
    for entry in entries:
        for name in ("id", "title", "updated"):
            assert (entry.findtext(f"{ATOM}{name}") or "").strip(), name
        assert entry.find(f"{ATOM}link").get("href")
    return feed, entries


def test_feed_is_atom_with_published_events_only(client, public_rec, hidden_rec, organizer, author):
    services.change_status(hidden_rec, "in_progress", user=organizer, comment="secret")
    _feed, entries = _entries(client.get(reverse("recommendations:feed")))
    titles = [entry.findtext(f"{ATOM}title") for entry in entries]
    assert titles == ["Published item: progress report", "Published item: now “In progress”"]
    body = client.get(reverse("recommendations:feed")).content.decode()
    for secret in (author.full_name, author.email, "Aigerim", "secret"):
        assert secret not in body


def test_feed_filters(client, public_rec, organization, other_organization):
    site = SiteFactory()
    elsewhere = RecommendationFactory(lead_organization=other_organization, published=True, sites=[site])
    services.change_status(elsewhere, "in_progress", user=None)
    url = reverse("recommendations:feed")

    def titles(query):
        return [e.findtext(f"{ATOM}title") for e in _entries(client.get(url + query))[1]]

    assert titles(f"?site={site.slug}") == [f"{elsewhere.title}: now “In progress”"]
    assert len(titles(f"?organization={organization.slug}")) == 2
    assert titles("?theme=media") == []
    assert client.get(url + "?organization=nobody").status_code == 404
    assert client.get(url + "?theme=nothing").status_code == 404


def test_public_detail_lists_the_actions_without_editors_links(client, public_rec, organization):
    action = ActionFactory(recommendation=public_rec, owner=organization, title_en="Name a contact for the sites")
    response = client.get(public_rec.get_absolute_url())
    text = response.content.decode()
    assert "Name a contact for the sites" in text and organization.name in text
    assert action.get_absolute_url() not in text  # the action's own page is for signed-in users
    assert reverse("recommendations:action_create", args=[public_rec.pk]) not in text


def test_a_new_action_drops_the_cached_public_page(client, public_rec, organization):
    client.get(public_rec.get_absolute_url())
    assert getattr(client.get(public_rec.get_absolute_url()), "from_page_cache", False)
    ActionFactory(recommendation=public_rec, owner=organization, title_en="A later action")
    response = client.get(public_rec.get_absolute_url())
    assert not getattr(response, "from_page_cache", False)
    assert "A later action" in response.content.decode()
