"""Journey 1 of issue 8: an official finds Altyn-Emel in Russian through the site catalogue's filters.

Logs in, switches the interface to Russian, filters the catalogue to biosphere reserves in Zhetisu region,
opens Altyn-Emel from the results and sees both of its designations and the site on the map.
"""

from __future__ import annotations

import pytest

from tests.e2e.helpers import login_as, serve_blank_tiles, set_language

pytestmark = pytest.mark.e2e

# What the demo says (sites/demo.py): the biosphere reserves whose region is Zhetisu today.
ZHETISU_BIOSPHERE_RESERVES = {"Алаколь", "Алтын-Эмель", "Жонгар-Алатау"}


def test_official_filters_the_sites_and_opens_altyn_emel(demo_live_server, page):
    tiles = serve_blank_tiles(page)
    login_as(page, "official@example.org")
    set_language(page, "ru")

    with page.expect_navigation():
        page.locator(".main-nav").get_by_role("link", name="Объекты").click()
    assert page.locator("h1").inner_text() == "Каталог объектов"
    everything = _result_names(page)

    page.get_by_label("Статус ЮНЕСКО").select_option(label="Биосферный резерват")
    page.get_by_label("Регион").select_option(label="Область Жетісу")
    with page.expect_navigation():
        page.get_by_role("button", name="Применить фильтры").click()

    assert "designation=biosphere_reserve" in page.url and "region=zhetisu-region" in page.url
    names = _result_names(page)
    assert names == ZHETISU_BIOSPHERE_RESERVES, names
    assert len(everything) > len(names)
    assert page.locator(".result-count").inner_text().startswith(str(len(names)))
    # The form shows what was chosen, in Russian.
    assert page.get_by_label("Статус ЮНЕСКО").locator("option:checked").inner_text() == "Биосферный резерват"

    with page.expect_navigation():
        page.locator(".site-table").get_by_role("link", name="Алтын-Эмель", exact=True).click()
    assert page.url.endswith("/sites/altyn-emel/")
    assert page.locator("h1").inner_text() == "Алтын-Эмель"

    # Both designations: the biosphere reserve, and the World Heritage property it is a component of.
    designations = page.locator("section[aria-labelledby=designations-title] article h3")
    assert set(designations.all_inner_texts()) == {
        "Биосферный резерват «Алтын-Эмель»",
        "Холодные зимние пустыни Турана",
    }
    badges = page.locator("ul.designation-list").first
    assert badges.locator(".badge-br").count() == 1
    assert badges.locator(".badge-whs").count() == 1

    # The map: Leaflet took over the container, laid its tiles out and put one marker on the site.
    site_map = page.get_by_role("region", name="Карта с расположением объекта")
    site_map.wait_for(state="visible")
    assert "leaflet-container" in site_map.get_attribute("class")
    assert site_map.locator(".leaflet-tile-pane").count() == 1
    marker = site_map.locator(".leaflet-marker-icon")
    assert marker.count() == 1
    assert marker.get_attribute("title") == "Алтын-Эмель"
    page.wait_for_function("() => document.querySelectorAll('#site-map .leaflet-tile-loaded').length > 0")
    assert tiles, "the map asked for no tile"

    # The marker opens a pop-up that names the site.
    marker.click()
    popup = site_map.locator(".leaflet-popup-content")
    popup.wait_for()
    assert popup.get_by_role("link").inner_text() == "Алтын-Эмель"

    # Its zones (the demo's schematic circles): listed in Russian from the site's zones.geojson, drawn on the map.
    page.locator("[data-site-zones][data-zones-ready]").wait_for(state="attached")
    zones = page.locator(".site-zones [data-zones-list] li").all_inner_texts()
    assert any("Ядро биосферного резервата (" in text and " га, схематично)" in text for text in zones), zones
    assert site_map.locator("path.leaflet-interactive").count() == len(zones)


def _result_names(page) -> set[str]:
    return set(page.locator(".site-table tbody th a").all_inner_texts())
