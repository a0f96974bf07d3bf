"""The list page: every filter, search, sort, overdue marking, bad input and the query count."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from recommendations.models import Recommendation
from tests.factories import OrganizationFactory, RecommendationFactory, RegionFactory, SeminarFactory, SiteFactory

pytestmark = pytest.mark.django_db

S = Recommendation.Status
T = Recommendation.Theme
TODAY = timezone.localdate()


def _titles(client, query: str = "") -> list[str]:
    response = client.get(reverse("recommendations:list") + query)
    assert response.status_code == 200
    return [rec.title_en for rec in response.context["recommendations"]]


@pytest.fixture
def signed_in(client, official):
    client.force_login(official)
    return client


@pytest.fixture
def data(db):
    """Four recommendations that differ in every filtered respect."""
    almaty, zhetisu = RegionFactory(slug="almaty"), RegionFactory(slug="zhetisu")
    tanbaly = SiteFactory(slug="tanbaly", regions=[almaty])
    kayalyk = SiteFactory(slug="kayalyk", regions=[zhetisu])
    akimat, ministry, natcom = (OrganizationFactory(slug=s) for s in ("akimat", "ministry", "natcom"))
    taldykorgan, taraz = SeminarFactory(past=True, slug="taldykorgan"), SeminarFactory(past=True, slug="taraz")
    return {
        "a": RecommendationFactory(
            title_en="A coordination",
            title_ru="Координация акиматов",
            text="Strengthen coordination.",
            theme=T.COORDINATION,
            status=S.ACCEPTED,
            priority="high",
            lead_organization=akimat,
            supporting_organizations=[ministry],
            sites=[tanbaly],
            seminar=taldykorgan,
            due_date=TODAY - dt.timedelta(days=10),  # overdue
        ),
        "b": RecommendationFactory(
            title_en="B training",
            title_kk="Музей қызметкерлерін оқыту",
            text="More training for museum staff.",
            theme=T.TRAINING,
            status=S.IN_PROGRESS,
            priority="medium",
            lead_organization=ministry,
            sites=[kayalyk],
            seminar=taldykorgan,
            due_date=TODAY + dt.timedelta(days=20),
        ),
        "c": RecommendationFactory(
            title_en="C media",
            title_ru="Сотрудничество со СМИ",
            text="Involve the media.",
            theme=T.MEDIA,
            status=S.IMPLEMENTED,
            priority="low",
            lead_organization=natcom,
            sites=[tanbaly, kayalyk],
            seminar=taraz,
            due_date=TODAY - dt.timedelta(days=40),  # past, but implemented: not overdue
        ),
        "d": RecommendationFactory(
            title_en="D corridors",
            text="Ecological corridors near the Шарын canyon.",
            theme=T.ECOLOGICAL_CORRIDORS,
            status=S.PROPOSED,
            priority="high",
            lead_organization=natcom,
            supporting_organizations=[akimat, ministry],
            seminar=taraz,
            due_date=None,
        ),
    }


def test_list_default_sort_is_due_date_with_undated_last(signed_in, data):
    assert _titles(signed_in) == ["C media", "A coordination", "B training", "D corridors"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?sort=-due", ["B training", "A coordination", "C media", "D corridors"]),
        ("?sort=-created", ["D corridors", "C media", "B training", "A coordination"]),
    ],
)
def test_list_sort(signed_in, data, query, expected):
    assert _titles(signed_in, query) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?status=accepted", ["A coordination"]),
        ("?status=implemented", ["C media"]),
        ("?theme=training", ["B training"]),
        ("?theme=ecological_corridors", ["D corridors"]),
        ("?priority=high", ["A coordination", "D corridors"]),
        ("?priority=low", ["C media"]),
        # responsible: lead or supporting, each row once
        ("?organization=akimat", ["A coordination", "D corridors"]),
        ("?organization=ministry", ["A coordination", "B training", "D corridors"]),
        ("?organization=natcom", ["C media", "D corridors"]),
        ("?site=tanbaly", ["C media", "A coordination"]),
        ("?site=kayalyk", ["C media", "B training"]),
        ("?region=almaty", ["C media", "A coordination"]),
        ("?region=zhetisu", ["C media", "B training"]),
        ("?seminar=taraz", ["C media", "D corridors"]),
        ("?seminar=taldykorgan", ["A coordination", "B training"]),
        ("?overdue=1", ["A coordination"]),
        (f"?due_from={TODAY.isoformat()}", ["B training"]),
        (f"?due_to={TODAY.isoformat()}", ["C media", "A coordination"]),
        (
            f"?due_from={TODAY - dt.timedelta(days=15)}&due_to={TODAY + dt.timedelta(days=30)}",
            ["A coordination", "B training"],
        ),
        ("?organization=ministry&priority=high&site=tanbaly", ["A coordination"]),
        ("?region=almaty&site=kayalyk", ["C media"]),
    ],
)
def test_list_filter(signed_in, data, query, expected):
    assert _titles(signed_in, query) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?q=coordination", ["A coordination"]),
        ("?q=КООРДИНАЦИЯ", ["A coordination"]),  # Russian title, other case
        ("?q=координация+акиматов", ["A coordination"]),  # every word must match
        ("?q=координация+музей", []),
        ("?q=МУЗЕЙ", ["B training"]),  # Kazakh title
        ("?q=қызметкерлерін", ["B training"]),
        ("?q=шарын", ["D corridors"]),  # found in the text
        ("?q=MEDIA", ["C media"]),
        ("?q=++", ["C media", "A coordination", "B training", "D corridors"]),
    ],
)
def test_list_search_is_case_insensitive_in_every_language(signed_in, data, query, expected):
    assert _titles(signed_in, query) == expected


def test_search_text_follows_edits(data):
    rec = data["b"]
    rec.title_ru = "Обучение"
    rec.save()
    assert list(Recommendation.objects.search("ОБУЧЕНИЕ")) == [rec]
    rec.title_ru = "Тренинги"
    rec.save(update_fields=["title_ru"])
    assert list(Recommendation.objects.search("обучение")) == []
    assert list(Recommendation.objects.search("ТРЕНИНГИ")) == [rec]


def test_list_marks_overdue_rows(signed_in, data):
    content = signed_in.get(reverse("recommendations:list")).content.decode()
    assert content.count('class="rec-overdue"') == 1
    assert content.count('<span class="badge badge-overdue">Overdue</span>') == 1


@pytest.mark.parametrize(
    "query",
    ["?status=finished", "?site=no-such-site", "?organization=nobody", "?overdue=yes", "?due_from=someday", "?sort=x"],
)
def test_list_unknown_filter_values_are_ignored_with_a_message(signed_in, data, query):
    response = signed_in.get(reverse("recommendations:list") + query)
    assert response.status_code == 200
    assert len(response.context["recommendations"]) == 4
    assert [m.level_tag for m in response.context["messages"]] == ["warning"]


@pytest.mark.parametrize("page", ["2", "0", "abc", "-1"])
def test_list_bad_page_is_404(signed_in, data, page):
    assert signed_in.get(reverse("recommendations:list") + f"?page={page}").status_code == 404


def test_list_paginates_and_keeps_filters(signed_in, data):
    theme = T.OTHER
    for i in range(30):
        RecommendationFactory(title_en=f"Other {i:02}", theme=theme)
    response = signed_in.get(reverse("recommendations:list") + f"?theme={theme}")
    assert (response.context["paginator"].count, len(response.context["recommendations"])) == (30, 25)
    assert f'href="?theme={theme}&amp;page=2"' in response.content.decode()
    assert (
        len(signed_in.get(reverse("recommendations:list") + f"?theme={theme}&page=2").context["recommendations"]) == 5
    )


def _recommendations(n: int) -> None:
    sites = [SiteFactory() for _ in range(3)]
    orgs = [OrganizationFactory() for _ in range(3)]
    for _ in range(n):
        RecommendationFactory(
            sites=sites, supporting_organizations=orgs, themes=[T.MEDIA, T.TOURISM], seminar=SeminarFactory(past=True)
        )


@pytest.mark.parametrize("rows", [1, 3])
def test_list_query_count_is_the_same_for_1_and_3_rows(signed_in, rows, django_assert_num_queries):
    _recommendations(rows)
    # 1 user, 2 count, 3 the user's groups (nav), 4 the filter form's regions (organizations, sites
    # and seminars are searched as the user types: portal/autocomplete.py), 5 the page of recommendations with
    # lead organization and seminar, 6 their sites, 7 their supporting organizations, 8 their themes (each has
    # several). The session comes from the cache and is not saved again on every request
    # (portal.middleware.IdleSessionMiddleware: at most every SESSION_REFRESH_SECONDS).
    with django_assert_num_queries(8):
        response = signed_in.get(reverse("recommendations:list"))
    assert len(response.context["recommendations"]) == rows
