"""Threats are the World Heritage list of factors affecting properties; today's values are mapped by a migration."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps

from sites.factors import FACTORS
from sites.models import Site
from tests.factories import SiteFactory

pytestmark = pytest.mark.django_db

MIGRATION = importlib.import_module("sites.migrations.0008_threats_world_heritage_factors")


def test_the_list_has_the_fourteen_primary_factors_and_unique_codes():
    assert [primary.number for primary in FACTORS] == list(range(1, 15))
    codes = [code for primary in FACTORS for code, _label in primary.secondary]
    assert len(codes) == len(set(codes)) == len(Site.Threat.values) == 83


def test_groups_one_to_ten_have_unescos_secondary_factors():
    # Counted on UNESCO's Policy Compendium, section 3.5 (see the sites.factors docstring).
    assert [len(primary.secondary) for primary in FACTORS[:10]] == [5, 5, 5, 6, 10, 4, 8, 6, 6, 7]
    assert str(dict(FACTORS[5].secondary)["water_extraction"]) == "Water (extraction)"


def test_the_migration_maps_every_old_value_in_the_lists_order(region):
    site = SiteFactory(threats=["looting", "grazing", "climate_water", "infrastructure"])
    other = SiteFactory(threats=["tourism_pressure", "funding", "staff", "other"])
    MIGRATION.forward(apps, None)
    site.refresh_from_db()
    other.refresh_from_db()
    assert site.threats == [
        "ground_transport",
        "livestock_grazing",
        "illegal_activities",
        "deliberate_destruction",
        "drought",
        "other_climate_impacts",
    ]
    assert other.threats == ["tourism_impacts", "financial_resources", "human_resources", "other_factors"]


def test_the_migration_reverses_to_the_old_values(region):
    site = SiteFactory(threats=["ground_transport", "illegal_activities", "deliberate_destruction", "housing"])
    MIGRATION.backward(apps, None)
    site.refresh_from_db()
    assert site.threats == ["infrastructure", "looting"]


def test_the_form_groups_the_factors_and_opens_a_group_with_a_choice(client, site_a, site_manager):
    site_a.threats = ["drought"]
    site_a.save()
    client.force_login(site_manager)
    html = client.get(f"/sites/{site_a.slug}/edit/").text
    assert html.count('<details class="factor-group"') == 14
    assert html.count('<details class="factor-group" open>') == 1
    assert "<summary>10. Climate change and severe weather events</summary>" in html
