"""The row writer: COPY on PostgreSQL and INSERT elsewhere store the same values; unfilled fields are named."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction

from bench.rows import CopySink, InsertSink, Table, UnfilledField, default_sink, foreign_keys_checked_in_bulk
from portal.models import District, Region
from sites.models import Site

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 1, 12, 0, tzinfo=dt.UTC)


def _site_values() -> dict:
    return {
        "id": 501,
        "slug": "copy-me",
        "name_en": "Copied site",
        "latitude": Decimal("43.123456"),
        "longitude": Decimal("77.654321"),  # a site has both coordinates or neither
        "threats": ["livestock_grazing", "illegal_activities"],
    }


def _stored() -> tuple:
    site = Site.objects.get(pk=501)
    # description, plan and updated_at come from the field defaults, not from the generator.
    return (site.name_en, site.latitude, site.threats, site.description_en, site.management_plan, site.updated_at)


EXPECTED = ("Copied site", Decimal("43.123456"), ["livestock_grazing", "illegal_activities"], "", "none", NOW)


def test_insert_sink_stores_values_and_field_defaults():
    InsertSink().write(Table(Site, now=NOW), [_site_values()])
    assert _stored() == EXPECTED


@pytest.mark.services
def test_copy_sink_stores_the_same_values_as_insert(postgres):
    sink = default_sink()
    assert (type(sink), sink.write(Table(Site, now=NOW), [_site_values()])) == (CopySink, 1)
    assert _stored() == EXPECTED


def test_table_names_a_required_field_the_generator_does_not_fill():
    with pytest.raises(UnfilledField, match=r"portal\.Region\.slug, name_en has no default"):
        Table(Region, now=NOW).row({"id": 1})


def test_table_rejects_a_column_the_model_does_not_have():
    with pytest.raises(UnfilledField, match="no column"):
        Table(Region, now=NOW).row({"id": 1, "slug": "x", "name_en": "X", "population": 3})


def _foreign_keys() -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE contype = 'f' AND conrelid = 'portal_district'::regclass ORDER BY 2"
        )
        return cursor.fetchall()


@pytest.mark.services
def test_foreign_keys_checked_in_bulk_puts_back_the_same_constraints(postgres):
    before = _foreign_keys()
    with foreign_keys_checked_in_bulk(["portal_district"]):
        during = _foreign_keys()
    assert (during, _foreign_keys(), len(before)) == ([], before, 1)


@pytest.mark.services
def test_foreign_keys_checked_in_bulk_rejects_a_dangling_reference(postgres):
    with pytest.raises(IntegrityError), transaction.atomic(), foreign_keys_checked_in_bulk(["portal_district"]):
        CopySink().write(Table(District, now=NOW), [{"id": 9, "region_id": 424242, "slug": "x", "name_en": "X"}])
