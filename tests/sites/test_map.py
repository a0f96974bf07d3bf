"""/sites/map/: Leaflet from static/, the tile URL a setting, data in a JSON script, a table without JS."""

from __future__ import annotations

import json
import re

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from tests.factories import DesignationFactory, SiteDesignationFactory

pytestmark = pytest.mark.django_db


def _map_data(html: str, element_id: str = "sites-map-data") -> dict:
    match = re.search(rf'<script id="{element_id}" type="application/json">(.*?)</script>', html, re.S)
    assert match, "no JSON data for the map"
    return json.loads(match.group(1))


def test_map_shows_the_filtered_sites_as_geojson(client, site_a, site_b, zhetisu):
    SiteDesignationFactory(site=site_b, designation=DesignationFactory(biosphere_reserve=True))
    site_b.latitude, site_b.longitude = "44.333", "78.433"
    site_b.save()
    data = _map_data(client.get(reverse("sites:map"), {"designation": "biosphere_reserve"}).text)
    assert data["type"] == "FeatureCollection"
    assert [(f["id"], f["geometry"]["coordinates"]) for f in data["features"]] == [("altyn-emel", [78.433, 44.333])]


def test_map_lists_every_site_in_a_table_and_names_the_unlocated(client, site_a, site_b):
    response = client.get(reverse("sites:map"))
    html = response.text
    assert [s.slug for s in response.context["sites"]] == ["altyn-emel", "tanbaly"]
    assert [f["id"] for f in _map_data(html)["features"]] == ["tanbaly"]
    assert '<a href="/sites/altyn-emel/">Altyn-Emel</a>' in html
    assert "1 site has no verified coordinates and is not on the map." in html


def test_map_takes_the_tile_url_from_settings(client, site_a, settings):
    settings.MAP_TILE_URL = "https://tiles.example.org/{z}/{x}/{y}.png"
    html = client.get(reverse("sites:map")).text
    assert 'data-tile-url="https://tiles.example.org/{z}/{x}/{y}.png"' in html


def test_map_loads_leaflet_and_our_script_from_static(client, site_a):
    html = client.get(reverse("sites:map")).text
    assert '<script src="/static/vendor/leaflet/leaflet.js"></script>' in html
    assert '<script src="/static/js/sites-map.js"></script>' in html
    assert '<link rel="stylesheet" href="/static/vendor/leaflet/leaflet.css">' in html
    for path in ("vendor/leaflet/leaflet.js", "vendor/leaflet/leaflet.css", "vendor/leaflet/images/marker-icon.png"):
        assert finders.find(path), path


def test_map_unknown_filter_value_gives_a_message(client, site_a):
    response = client.get(reverse("sites:map"), {"region": "atlantis"})
    assert response.status_code == 200
    assert "This filter was not applied." in response.text


@pytest.mark.parametrize("persona", ["anonymous", "site_manager"])
@pytest.mark.parametrize("url", ["/sites/", "/sites/map/", "/sites/tanbaly/", "/sites/tanbaly/edit/"])
def test_site_pages_have_no_inline_script_or_style(persona_client, site_a, persona, url):
    """CSP is script-src 'self' and style-src 'self': markup must not carry inline code or styles."""
    client = persona_client(persona)
    response = client.get(url, follow=True)
    html = response.text
    assert response.status_code == 200
    scripts = re.findall(r"<script\b([^>]*)>", html)
    assert all('src="' in attrs or 'type="application/json"' in attrs for attrs in scripts), scripts
    assert " style=" not in html
    assert "<style" not in html
    assert re.search(r"\son[a-z]+=", html) is None  # no inline event handlers
    assert "script-src 'self'" in response["Content-Security-Policy"]
