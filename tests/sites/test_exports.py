"""/sites/export.csv and /sites/export.geojson: the current filters, RFC 7946 GeoJSON, neutralised CSV."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.conf import settings
from django.urls import reverse

from tests.factories import DesignationFactory, SiteDesignationFactory, SiteFactory

pytestmark = pytest.mark.django_db


def _geojson(client, **params) -> dict:
    response = client.get(reverse("sites:export_geojson"), params)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    return json.loads(b"".join(response.streaming_content))


def _csv(client, *, delimiter=",", **params) -> list[list[str]]:
    """The CSV with the stable column keys as its header (``?header=keys``, what scripts ask for)."""
    response = client.get(reverse("sites:export_csv"), {"header": "keys", **params})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=delimiter))


def test_geojson_is_a_valid_rfc7946_feature_collection(client, site_a, site_b):
    data = _geojson(client)
    assert data["type"] == "FeatureCollection"
    assert [f["type"] for f in data["features"]] == ["Feature", "Feature"]
    by_slug = {f["id"]: f for f in data["features"]}
    # RFC 7946 §3.1.1: longitude first. Tanbaly is at 43.803 N, 75.535 E.
    assert by_slug["tanbaly"]["geometry"] == {"type": "Point", "coordinates": [75.535, 43.803]}
    # A site without coordinates is an unlocated feature (§3.2: geometry null).
    assert by_slug["altyn-emel"]["geometry"] is None
    properties = by_slug["tanbaly"]["properties"]
    assert properties["name_kk"] == "Таңбалы петроглифтері"
    assert properties["url"] == "http://testserver/sites/tanbaly/"
    assert properties["designations"][0]["unesco_url"] == "https://whc.unesco.org/en/list/1145"
    assert properties["regions"] == ["almaty-region"]
    for feature in data["features"]:
        if feature["geometry"]:
            lon, lat = feature["geometry"]["coordinates"]
            assert -180 <= lon <= 180 and -90 <= lat <= 90
    assert "crs" not in data  # RFC 7946 removed it: WGS 84 is implied


def test_geojson_applies_the_filters(client, site_a, site_b):
    SiteDesignationFactory(site=site_b, designation=DesignationFactory(biosphere_reserve=True))
    assert [f["id"] for f in _geojson(client, designation="biosphere_reserve")["features"]] == ["altyn-emel"]
    assert [f["id"] for f in _geojson(client, q="ТАҢБАЛЫ")["features"]] == ["tanbaly"]
    assert _geojson(client, q="nothing like it")["features"] == []


def test_csv_has_a_header_and_one_row_per_site(client, site_a, site_b):
    rows = _csv(client)
    header = rows[0]
    assert header[:4] == ["slug", "name_kk", "name_ru", "name_en"]
    assert [row[0] for row in rows[1:]] == ["altyn-emel", "tanbaly"]
    tanbaly = dict(zip(header, rows[2], strict=True))
    assert tanbaly["unesco_refs"] == "1145"
    assert tanbaly["latitude"] == "43.803000"
    assert tanbaly["url"] == "http://testserver/sites/tanbaly/"


def test_csv_applies_the_filters(client, site_a, site_b):
    assert [row[0] for row in _csv(client, region="zhetisu-region")[1:]] == ["altyn-emel"]


@pytest.mark.parametrize("dangerous", ['=HYPERLINK("http://evil")', "+7 701+A1", "-1+2", "@SUM(A1)", "\tcmd", "\rcmd"])
def test_csv_neutralises_formula_cells(client, region, dangerous):
    site = SiteFactory(slug="evil", name_en=dangerous, name_ru="Обычное имя", regions=[region])
    SiteDesignationFactory(site=site, designation=DesignationFactory(name_en=dangerous))
    rows = _csv(client)
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["name_en"] == "'" + dangerous
    assert row["designations"] == "'" + dangerous
    assert row["name_ru"] == "Обычное имя"


@pytest.mark.parametrize("url_name", ["sites:export_csv", "sites:export_xlsx", "sites:export_geojson"])
def test_export_with_an_unknown_filter_value_is_refused_with_a_message(client, site_a, url_name):
    response = client.get(reverse(url_name), {"designation": "castle"})
    assert response.status_code == 400
    assert "Designation:" in response.text
    assert "castle" in response.text


@pytest.mark.parametrize(
    "url_name",
    [
        "sites:export_csv",
        "sites:export_xlsx",
        "sites:export_geojson",
        "sites:designations_xlsx",
        "sites:designations_csv",
    ],
)
def test_exports_are_open_to_anonymous_visitors(client, site_a, url_name):
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment; filename=")


def test_csv_in_the_russian_interface_splits_on_semicolons_with_russian_headers_and_values(client, site_a, site_b):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    response = client.get(reverse("sites:export_csv"))
    text = b"".join(response.streaming_content).decode("utf-8")
    lines = text[1:].splitlines()
    # Every field quoted, ";" between them: what Excel with Russian or Kazakh regional settings splits on.
    assert lines[0].startswith('"Идентификатор";"Название (на казахском)";')
    rows = list(csv.reader(io.StringIO(text[1:]), delimiter=";"))
    assert len(rows[0]) == 20
    tanbaly = dict(zip(rows[0], rows[2], strict=True))
    assert tanbaly["Идентификатор"] == "tanbaly"
    assert tanbaly["Регионы"] == "Алматинская область"


def test_csv_keys_are_stable_whatever_the_interface_language(client, site_a):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "kk"
    rows = _csv(client, delimiter=";")
    assert rows[0][:4] == ["slug", "name_kk", "name_ru", "name_en"]
    assert _csv(client, sep="comma")[0][:4] == ["slug", "name_kk", "name_ru", "name_en"]


def test_csv_quotes_every_field_so_a_separator_inside_a_cell_cannot_start_a_formula(client, region):
    # Issue 13 L1: with ";" as the separator an unquoted "Zed;=cmd|..." became two cells, the second a formula.
    SiteFactory(slug="zed", name_en="Zed;=cmd|' /C calc'!A0", regions=[region])
    response = client.get(reverse("sites:export_csv"), {"sep": "semicolon", "header": "keys"})
    text = b"".join(response.streaming_content).decode("utf-8")
    assert "\"Zed;=cmd|' /C calc'!A0\"" in text
    rows = list(csv.reader(io.StringIO(text[1:]), delimiter=";"))
    assert dict(zip(rows[0], rows[1], strict=True))["name_en"] == "Zed;=cmd|' /C calc'!A0"


def test_xlsx_is_laid_out_for_people(client, site_a, site_b):
    from openpyxl import load_workbook

    response = client.get(reverse("sites:export_xlsx"), {"region": "almaty-region"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    title = sheet["A1"].value
    assert title.startswith("Mura: UNESCO-designated sites. Filters: Region: ")
    assert sheet.freeze_panes == "A3"
    assert sheet.auto_filter.ref == "A2:T3"
    header = [cell.value for cell in sheet[2]]
    assert header[:2] == ["Identifier", "Name (Kazakh)"]
    row = dict(zip(header, [cell.value for cell in sheet[3]], strict=True))
    assert row["Identifier"] == "tanbaly"
    assert row["Latitude"] == pytest.approx(43.803)
    assert sheet.column_dimensions["A"].width >= 10


def test_designations_export_lists_every_designation_with_its_sites(client, site_a):
    from openpyxl import load_workbook

    response = client.get(reverse("sites:designations_xlsx"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = [cell.value for cell in sheet[2]]
    rows = [dict(zip(header, [cell.value for cell in row], strict=True)) for row in sheet.iter_rows(min_row=3)]
    assert [row["UNESCO reference number"] for row in rows] == [1145]
    assert rows[0]["Sites"] == "Tanbaly petroglyphs"
