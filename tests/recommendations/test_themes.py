"""Several themes per recommendation (issue 18): recorded and edited in the form, stored once each, migrated."""

from __future__ import annotations

import csv
import importlib
import io
import xml.etree.ElementTree as ET

import pytest
from django.apps import apps
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation

from recommendations import services
from recommendations.models import Recommendation, RecommendationTheme
from tests.factories import RecommendationFactory

pytestmark = pytest.mark.django_db
T = Recommendation.Theme
ATOM = "{http://www.w3.org/2005/Atom}"


def _themes(rec: Recommendation) -> list[str]:
    return sorted(RecommendationTheme.objects.filter(recommendation=rec).values_list("theme", flat=True))


def test_create_with_several_themes_keeps_them_all(client, organizer, organization, seminar):
    client.force_login(organizer)
    data = {
        "title_en": "Corridors and roads",
        "text": "Plan the roads with the corridors in mind.",
        "themes": ["infrastructure", "ecological_corridors"],
        "source_kind": "seminar",
        "seminar": seminar.pk,
        "lead_organization": organization.pk,
        "priority": "medium",
        "status": "proposed",
    }
    assert client.post(reverse("recommendations:create"), data).status_code == 302
    rec = Recommendation.objects.get()
    # The main theme (the API's `theme`) is the first chosen in the order of the list.
    assert (rec.theme, _themes(rec)) == ("ecological_corridors", ["ecological_corridors", "infrastructure"])
    assert [t.value for t in rec.all_themes] == ["ecological_corridors", "infrastructure"]


def test_create_without_a_theme_is_refused_in_the_readers_words(client, organizer, organization, seminar):
    client.force_login(organizer)
    data = {"title_en": "T", "text": "X", "source_kind": "seminar", "seminar": seminar.pk, "status": "proposed"}
    response = client.post(reverse("recommendations:create"), data)
    assert response.context["form"].errors["themes"] == ["Choose at least one theme."]
    assert Recommendation.objects.count() == 0


def test_edit_adds_a_theme_keeps_the_main_one_and_names_it_in_the_audit_trail(client, organizer, rec_x):
    client.force_login(organizer)
    form = client.get(reverse("recommendations:edit", args=[rec_x.pk])).context["form"]
    assert form.initial["themes"] == ["site_management"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data["sites"] = [s.pk for s in data["sites"]]
    data["supporting_organizations"] = [o.pk for o in data["supporting_organizations"]]
    data["themes"] = ["infrastructure", "site_management"]
    assert client.post(reverse("recommendations:edit", args=[rec_x.pk]), data).status_code == 302
    rec_x.refresh_from_db()
    assert (rec_x.theme, _themes(rec_x)) == ("site_management", ["infrastructure", "site_management"])
    assert rec_x.history.order_by("-history_id").first().history_change_reason == "themes"


def test_edit_dropping_the_main_theme_moves_it_to_one_still_chosen(client, organizer, rec_x):
    client.force_login(organizer)
    form = client.get(reverse("recommendations:edit", args=[rec_x.pk])).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data["sites"] = [s.pk for s in data["sites"]]
    data["supporting_organizations"] = [o.pk for o in data["supporting_organizations"]]
    data["themes"] = ["media", "training"]
    assert client.post(reverse("recommendations:edit", args=[rec_x.pk]), data).status_code == 302
    rec_x.refresh_from_db()
    assert (rec_x.theme, _themes(rec_x)) == ("training", ["media", "training"])


def test_a_theme_is_on_a_recommendation_once():
    rec = RecommendationFactory(theme=T.MEDIA)
    with pytest.raises(IntegrityError), transaction.atomic():
        RecommendationTheme.objects.create(recommendation=rec, theme=T.MEDIA)


def test_the_migration_copies_the_single_theme():
    first, second = RecommendationFactory(theme=T.TOURISM), RecommendationFactory(theme=T.OTHER)
    RecommendationTheme.objects.all().delete()
    migration = importlib.import_module("recommendations.migrations.0010_several_themes")
    migration.copy_single_theme(apps, None)
    assert (_themes(first), _themes(second)) == (["tourism"], ["other"])


def test_the_page_and_the_public_page_show_every_theme(client, organizer, rec_x):
    RecommendationTheme.objects.create(recommendation=rec_x, theme=T.INFRASTRUCTURE)
    Recommendation.objects.filter(pk=rec_x.pk).update(published=True)
    client.force_login(organizer)
    signed_in = client.get(rec_x.get_absolute_url()).content.decode()
    client.logout()
    public = client.get(rec_x.get_absolute_url()).content.decode()
    for html in (signed_in, public):
        assert "Site management, Infrastructure planning" in html


# --- a theme filter matches a recommendation carrying the theme among its several ----------------------------


@pytest.fixture
def corridor(db, organizer):
    rec = RecommendationFactory(
        title_en="Corridors", theme=T.ECOLOGICAL_CORRIDORS, themes=[T.INFRASTRUCTURE], published=True
    )
    services.change_status(rec, "in_progress", user=organizer)
    return rec


@pytest.fixture
def tourism(db, organizer):
    rec = RecommendationFactory(title_en="Tourism", theme=T.TOURISM, published=True)
    services.change_status(rec, "in_progress", user=organizer)
    return rec


@pytest.mark.parametrize(
    ("theme", "expected"),
    [("infrastructure", ["Corridors"]), ("ecological_corridors", ["Corridors"]), ("tourism", ["Tourism"])],
)
def test_lists_feed_and_api_filter_by_any_of_the_themes(client, official, corridor, tourism, theme, expected):
    url = reverse("recommendations:list") + f"?theme={theme}"
    public = [str(rec.title) for rec in client.get(url).context["recommendations"]]
    feed = ET.fromstring(client.get(reverse("recommendations:feed") + f"?theme={theme}").content)  # noqa: S314
    in_feed = {entry.findtext(f"{ATOM}title").split(":")[0] for entry in feed.findall(f"{ATOM}entry")}
    api = client.get(f"/api/v1/recommendations/?theme={theme}", secure=True).json()["results"]
    client.force_login(official)
    signed_in = [str(rec.title) for rec in client.get(url).context["recommendations"]]
    assert (public, sorted(in_feed), [row["title"] for row in api], signed_in) == (expected,) * 4


def test_api_and_open_data_give_the_main_theme_and_all_themes(client, corridor):
    row = client.get(f"/api/v1/recommendations/{corridor.pk}/", secure=True).json()
    assert (row["theme"], row["themes"]) == ("ecological_corridors", ["ecological_corridors", "infrastructure"])
    body = b"".join(client.get("/data/recommendations.csv", secure=True).streaming_content).decode("utf-8-sig")
    (record,) = csv.DictReader(io.StringIO(body))
    assert (record["theme"], record["themes"]) == ("ecological_corridors", "ecological_corridors; infrastructure")


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_export_puts_every_theme_in_one_cell_translated_in_list_order(client, official, corridor, language):
    client.force_login(official)
    url = reverse("recommendations:export_csv") + "?theme=infrastructure"
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    separator = "," if language == "en" else ";"  # what Excel expects in the interface language (portal.exports)
    text = b"".join(response.streaming_content).decode("utf-8")[1:]
    header, *rows = csv.reader(io.StringIO(text), delimiter=separator)
    with translation.override(language):
        expected = f"{T.ECOLOGICAL_CORRIDORS.label}; {T.INFRASTRUCTURE.label}"
        column = str(translation.gettext("Themes"))
    assert [dict(zip(header, row, strict=True))[column] for row in rows] == [expected]
    if language != "en":
        assert expected != "Natural heritage and ecological corridors; Infrastructure planning"


def test_admin_filters_by_any_of_the_themes(client, admin_user, corridor, tourism):
    client.force_login(admin_user)
    response = client.get(reverse("admin:recommendations_recommendation_changelist") + "?theme=infrastructure")
    assert [rec.pk for rec in response.context["cl"].result_list] == [corridor.pk]
    assert "Natural heritage and ecological corridors, Infrastructure planning" in response.content.decode()
