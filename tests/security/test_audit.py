"""The audit trail: who changed what and when, from the admin, from a portal page and from code."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string
from django.utils import timezone

from portal.audit import FieldChange, history_entries
from portal.models import Organization, OrganizationEmail
from tests.factories import OrganizationFactory, RegionFactory

pytestmark = pytest.mark.django_db


def admin_change_form_data(response) -> dict:
    """The POST a browser would send back from an admin change page, unchanged."""
    data = {}
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for field in formset.management_form:
            data[field.html_name] = field.value()
        forms += list(formset.forms)
    for form in forms:
        for field in form:
            value = field.value()
            if value is None or value is False:
                continue
            data[field.html_name] = [str(v) for v in value] if isinstance(value, list | tuple) else str(value)
    return data


@pytest.fixture
def region(db):
    return RegionFactory(slug="zhetysu", name_en="Zhetysu region", name_ru="Область Жетісу")


def test_change_in_the_admin_records_who_and_what(client, admin_user, region):
    client.force_login(admin_user)
    url = f"/admin/portal/region/{region.pk}/change/"
    data = admin_change_form_data(client.get(url))
    data["name_en"] = "Zhetysu Region"
    data["centre_en"] = "Taldykorgan"
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors

    latest, created = history_entries(region)
    assert (latest.user, latest.action, latest.who) == (admin_user, "~", str(admin_user))
    assert latest.changes == (
        FieldChange("centre_en", "Administrative centre (English)", "—", "Taldykorgan"),
        FieldChange("name_en", "Name (English)", "Zhetysu region", "Zhetysu Region"),
    )
    assert (created.action, created.user, created.changes) == ("+", None, ())
    assert timezone.now() - latest.when < dt.timedelta(minutes=1)


def test_admin_change_of_choices_and_related_objects_reads_as_names(client, admin_user, region):
    other = RegionFactory(slug="almaty-region", name_en="Almaty region")
    org = OrganizationFactory(
        slug="akimat-x", name_en="Akimat X", region=region, kind=Organization.Kind.REGIONAL_AKIMAT
    )
    client.force_login(admin_user)
    url = f"/admin/portal/organization/{org.pk}/change/"
    data = admin_change_form_data(client.get(url))
    data.update({"kind": Organization.Kind.DISTRICT_AKIMAT, "region": str(other.pk)})
    assert client.post(url, data).status_code == 302

    assert history_entries(org)[0].changes == (
        FieldChange("kind", "Kind", "Regional Akimat", "District Akimat"),
        FieldChange("region", "Region", "Zhetysu region", "Almaty region"),
    )


def test_admin_history_page_shows_the_readable_changes(client, admin_user, region):
    client.force_login(admin_user)
    url = f"/admin/portal/region/{region.pk}/change/"
    data = admin_change_form_data(client.get(url))
    data["name_en"] = "Zhetysu Region"
    client.post(url, data)

    body = client.get(f"/admin/portal/region/{region.pk}/history/").content.decode()
    assert "<strong>Name (English):</strong>\n                    Zhetysu region" in body
    assert "Zhetysu Region" in body
    assert admin_user.email in body or str(admin_user) in body


@pytest.mark.urls("tests.security.urls")
def test_change_on_a_portal_page_records_the_logged_in_user(client, official, region):
    client.force_login(official)
    assert client.post(f"/test/regions/{region.pk}/rename/", {"name_en": "Zhetysu (renamed)"}).status_code == 200
    entry = history_entries(region)[0]
    assert (entry.user, entry.changes) == (
        official,
        (FieldChange("name_en", "Name (English)", "Zhetysu region", "Zhetysu (renamed)"),),
    )


def test_change_made_in_code_is_recorded_as_the_system(region):
    region.name_en = "Zhetysu Region"
    region.established = dt.date(2022, 6, 8)
    region.save()
    entry = history_entries(region)[0]
    assert (entry.user, entry.who, entry.action_label) == (None, "the system", "changed")
    assert [(c.label, c.old, c.new) for c in entry.changes] == [
        ("Established", "—", "8 June 2022"),
        ("Name (English)", "Zhetysu region", "Zhetysu Region"),
    ]


def test_deleted_record_keeps_its_history(region):
    email = OrganizationEmail.objects.create(organization=OrganizationFactory(emails=[]), email="akimat@example.org")
    email_id = email.pk
    email.delete()
    entries = history_entries(OrganizationEmail(pk=email_id))
    assert [e.action_label for e in entries] == ["deleted", "created"]


def test_deleted_related_object_is_named_as_deleted(region):
    other = RegionFactory(slug="abai", name_en="Abai region")
    org = OrganizationFactory(region=region)
    org.region = other
    org.save()
    org.region = region
    org.save()
    other_pk = other.pk
    other.delete()
    changes = [entry.changes[0] for entry in history_entries(org) if entry.changes]
    assert [(c.old, c.new) for c in changes] == [
        (f"deleted region #{other_pk}", "Zhetysu region"),
        ("Zhetysu region", f"deleted region #{other_pk}"),
    ]


def test_history_entries_can_leave_fields_out(region):
    region.name_en = "Zhetysu Region"
    region.notes = "Created in 2022 from part of Almaty region."
    region.save()
    assert [c.field for c in history_entries(region, exclude=["notes"])[0].changes] == ["name_en"]
    assert [c.field for c in history_entries(region, fields=["notes"])[0].changes] == ["notes"]


def test_history_entries_query_count_does_not_grow_with_changes(region, django_assert_num_queries):
    other = RegionFactory(slug="abai", name_en="Abai region")
    org = OrganizationFactory(region=region)
    for target in (other, region, other):
        org.region = target
        org.save()
    # 1: the historical rows with their users; 2: the regions named in the changes, in one go.
    with django_assert_num_queries(2):
        entries = history_entries(org)
    assert len(entries) == 4


def test_timeline_include_renders_the_entries(region):
    region.name_en = "Zhetysu <Region>"
    region.save()
    html = render_to_string(
        "includes/audit_entries.html", {"entries": history_entries(region), "user": AnonymousUser()}
    )
    assert html.count("<li>") == 3  # two entries, one change
    assert "the system changed" in html
    assert "<strong>Name (English)</strong>: Zhetysu region → Zhetysu &lt;Region&gt;" in html
