"""SDG targets (the UN's official list, loaded by a migration) and links between recommendations."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from recommendations import sdg
from recommendations.models import Recommendation, RecommendationLink, SdgTarget
from tests.factories import RecommendationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _targets(db):
    # Migration 0009 loads them, but a transactional test earlier in the same process empties the tables.
    sdg.ensure_targets()


def test_the_169_targets_are_there_in_three_languages():
    assert SdgTarget.objects.count() == 169
    assert list(SdgTarget.objects.values_list("code", flat=True)[:2]) == ["1.1", "1.2"]
    target = SdgTarget.objects.get(code="11.4")
    assert target.text_en == "Strengthen efforts to protect and safeguard the world’s cultural and natural heritage"
    assert target.text_ru == "Активизировать усилия по защите и сохранению всемирного культурного и природного наследия"
    assert target.text_kk.startswith("Дүниежүзілік мәдени және табиғи мұраны")
    assert not SdgTarget.objects.filter(kk_official=True).exists()
    with translation.override("kk"):
        assert target.unofficial_translation
    with translation.override("ru"):
        assert not target.unofficial_translation


def test_an_editor_chooses_sdg_targets_and_the_public_page_shows_them(client, organizer, organization):
    rec = RecommendationFactory(lead_organization=organization, published=True)
    client.force_login(organizer)
    form = client.get(reverse("recommendations:edit", args=[rec.pk])).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and k not in ("sites", "supporting_organizations")}
    target = SdgTarget.objects.get(code="11.4")
    data.update(sdg_targets=[target.pk], lead_organization=organization.pk, seminar=rec.seminar_id, due_date="")
    assert client.post(reverse("recommendations:edit", args=[rec.pk]), data).status_code == 302
    assert list(rec.sdg_targets.values_list("code", flat=True)) == ["11.4"]
    assert rec.history.first().history_change_reason == "sdg_targets"
    client.logout()
    html = client.get(rec.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="kk").text
    assert "<strong>11.4</strong>" in html


def test_an_editor_links_two_recommendations_and_both_pages_say_so(client, organizer, organization):
    old = RecommendationFactory(lead_organization=organization, title_en="Old wording")
    new = RecommendationFactory(lead_organization=organization, title_en="New wording")
    client.force_login(organizer)
    url = reverse("recommendations:links", args=[new.pk])
    assert client.post(url, {"kind": "supersedes", "to_recommendation": old.pk}).status_code == 302
    link = RecommendationLink.objects.get()
    assert (link.from_recommendation, link.to_recommendation, link.kind, link.created_by) == (
        new,
        old,
        "supersedes",
        organizer,
    )
    assert (
        f'Supersedes: <a href="{old.get_absolute_url()}">№{old.pk} Old wording</a>'
        in client.get(new.get_absolute_url()).text
    )
    assert (
        f'Superseded by: <a href="{new.get_absolute_url()}">№{new.pk} New wording</a>'
        in client.get(old.get_absolute_url()).text
    )
    client.post(url, {"remove": str(link.pk)})
    assert not RecommendationLink.objects.exists()


@pytest.mark.parametrize("target", ["self", "missing", "twice"])
def test_a_link_to_itself_to_nothing_or_twice_is_refused(client, organizer, organization, target):
    rec = RecommendationFactory(lead_organization=organization)
    other = RecommendationFactory(lead_organization=organization)
    RecommendationLink.objects.create(from_recommendation=rec, to_recommendation=other, kind="related_to")
    number = {"self": rec.pk, "missing": 999_999, "twice": other.pk}[target]
    client.force_login(organizer)
    client.post(reverse("recommendations:links", args=[rec.pk]), {"kind": "duplicate_of", "to_recommendation": number})
    assert RecommendationLink.objects.count() == 1


def test_the_public_page_shows_only_links_to_published_recommendations(client, organization):
    rec = RecommendationFactory(lead_organization=organization, published=True)
    hidden = RecommendationFactory(lead_organization=organization, published=False, title_en="Internal only")
    shown = RecommendationFactory(lead_organization=organization, published=True, title_en="Also public")
    for other in (hidden, shown):
        RecommendationLink.objects.create(from_recommendation=rec, to_recommendation=other, kind="related_to")
    html = client.get(rec.get_absolute_url()).text
    assert "Also public" in html
    assert "Internal only" not in html


def test_the_detail_page_asks_the_same_queries_with_one_or_three_links(client, official, organization):
    """Links and targets come with the page's prefetches (recommendations.models.LINK_PREFETCHES)."""
    rec = RecommendationFactory(lead_organization=organization)
    client.force_login(official)
    client.get(rec.get_absolute_url())
    counts = []
    for codes in (["11.4"], ["8.9", "15.1"]):
        for code in codes:
            other = RecommendationFactory(lead_organization=organization)
            RecommendationLink.objects.create(from_recommendation=rec, to_recommendation=other, kind="related_to")
            RecommendationLink.objects.create(from_recommendation=other, to_recommendation=rec, kind="duplicate_of")
            rec.sdg_targets.add(SdgTarget.objects.get(code=code))
        with CaptureQueriesContext(connection) as queries:
            assert client.get(rec.get_absolute_url()).status_code == 200
        counts.append(len(queries.captured_queries))
    assert counts[0] == counts[1]
    assert Recommendation.objects.count() == 4


def test_a_database_that_lost_the_targets_gets_them_back():
    SdgTarget.objects.all().delete()
    assert sdg.ensure_targets() == 169
    assert sdg.ensure_targets() == 0
    assert SdgTarget.objects.count() == 169
