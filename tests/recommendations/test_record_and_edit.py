"""Recording a recommendation (also from a seminar) and editing it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from recommendations.models import Recommendation
from tests.factories import SeminarFactory

pytestmark = pytest.mark.django_db


def _form_data(**overrides) -> dict:
    data = {
        "title_en": "Train museum staff",
        "title_ru": "",
        "title_kk": "",
        "text": "More training workshops for museum staff.",
        "themes": ["training"],
        "source_kind": "seminar",
        "priority": "medium",
        "status": "proposed",
        "due_date": "2030-06-30",
        "notes": "",
        "source_reference": "",
    }
    data.update(overrides)
    return data


def test_create_from_a_seminar_prefills_source_and_sites(client, organizer, seminar, site_a, site_b):
    client.force_login(organizer)
    response = client.get(reverse("recommendations:create") + f"?seminar={seminar.slug}")
    form = response.context["form"]
    assert form.initial["seminar"] == seminar
    assert form.initial["source_kind"] == "seminar"
    assert sorted(s.slug for s in form.initial["sites"]) == ["site-a", "site-b"]
    assert "Record this seminar" not in response.content.decode()  # that button lives on the seminar page
    assert "Taldykorgan test seminar" in response.content.decode()


def test_create_with_an_unknown_seminar_warns_and_shows_the_form(client, organizer):
    client.force_login(organizer)
    response = client.get(reverse("recommendations:create") + "?seminar=nope")
    assert response.status_code == 200
    assert [m.level_tag for m in response.context["messages"]] == ["warning"]


@pytest.mark.parametrize(
    "value", ["%00", "nope%00", "%D2%9B%D0%B0%D0%B7", "x" * 500], ids=["nul", "nul-inside", "kazakh", "long"]
)
def test_create_with_a_seminar_that_cannot_be_a_slug_warns_and_shows_the_form(client, organizer, value):
    """A NUL byte reached PostgreSQL ("text fields cannot contain NUL"): a 500. Found by tests/security/test_fuzz.py."""
    client.force_login(organizer)
    response = client.get(reverse("recommendations:create") + f"?seminar={value}")
    assert response.status_code == 200
    assert [m.level_tag for m in response.context["messages"]] == ["warning"]
    assert response.context["form"].initial.get("seminar") is None


def test_create_records_with_sites_and_supporting(client, organizer, organization, other_organization, seminar, site_a):
    client.force_login(organizer)
    data = _form_data(
        seminar=seminar.pk,
        lead_organization=organization.pk,
        supporting_organizations=[other_organization.pk],
        sites=[site_a.pk],
    )
    response = client.post(reverse("recommendations:create"), data)
    rec = Recommendation.objects.get()
    assert response.status_code == 302
    assert response["Location"] == rec.get_absolute_url()
    assert (rec.title_en, rec.seminar, rec.lead_organization, rec.created_by) == (
        "Train museum staff",
        seminar,
        organization,
        organizer,
    )
    assert list(rec.sites.all()) == [site_a]
    assert list(rec.supporting_organizations.all()) == [other_organization]
    assert rec.history.get().history_user == organizer


def test_create_save_and_add_returns_to_the_seminar_form(client, organizer, organization, seminar):
    client.force_login(organizer)
    data = _form_data(seminar=seminar.pk, lead_organization=organization.pk, save_and_add="1")
    response = client.post(reverse("recommendations:create") + f"?seminar={seminar.slug}", data)
    assert response["Location"] == reverse("recommendations:create") + f"?seminar={seminar.slug}"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"title_en": ""}, "title_en"),
        ({"seminar": ""}, "seminar"),
        ({"source_kind": "mission_report", "source_reference": ""}, "source_reference"),
        ({"source_kind": "mission_report", "source_reference": "Mission 2019"}, "seminar"),
        ({"status": "implemented"}, "status"),
        ({"themes": ["nonsense"]}, "themes"),
        ({"themes": []}, "themes"),
        ({"due_date": "31/31/2030"}, "due_date"),
    ],
)
def test_create_invalid_writes_nothing(client, organizer, organization, seminar, overrides, field):
    client.force_login(organizer)
    data = _form_data(seminar=seminar.pk, lead_organization=organization.pk)
    data.update(overrides)
    response = client.post(reverse("recommendations:create"), data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert Recommendation.objects.count() == 0


def test_create_lead_also_supporting_is_refused(client, organizer, organization, seminar):
    client.force_login(organizer)
    data = _form_data(seminar=seminar.pk, lead_organization=organization.pk, supporting_organizations=[organization.pk])
    response = client.post(reverse("recommendations:create"), data)
    assert list(response.context["form"].errors) == ["supporting_organizations"]


def test_create_title_in_one_language_is_enough(client, organizer, organization):
    client.force_login(organizer)
    data = _form_data(
        title_en="",
        title_kk="Мұражай қызметкерлерін оқыту",
        lead_organization=organization.pk,
        source_kind="committee_decision",
        decision_number="40 COM 7B.34",
    )
    assert client.post(reverse("recommendations:create"), data).status_code == 302
    assert Recommendation.objects.get().title == "Мұражай қызметкерлерін оқыту"


def test_edit_saves_changes_and_names_them_in_the_audit_trail(client, organizer, rec_x, site_b):
    client.force_login(organizer)
    form = client.get(reverse("recommendations:edit", args=[rec_x.pk])).context["form"]
    assert "status" not in form.fields
    data = {k: v for k, v in form.initial.items() if v is not None and k not in ("sites", "supporting_organizations")}
    data.update(
        title_en="Rec X, reworded",
        seminar=rec_x.seminar_id,
        lead_organization=rec_x.lead_organization_id,
        sites=[site_b.pk],
        source_reference="",
        notes="",
        title_ru="",
        title_kk="",
        due_date="",
    )
    response = client.post(reverse("recommendations:edit", args=[rec_x.pk]), data)
    assert response.status_code == 302
    rec_x.refresh_from_db()
    assert (rec_x.title_en, list(rec_x.sites.all()), rec_x.status) == ("Rec X, reworded", [site_b], "accepted")
    latest = rec_x.history.order_by("-history_id").first()
    assert (latest.history_user, latest.history_change_reason) == (organizer, "sites")


def test_edit_cannot_change_the_status(client, organizer, rec_x):
    client.force_login(organizer)
    form = client.get(reverse("recommendations:edit", args=[rec_x.pk])).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(status="implemented", sites=[s.pk for s in data["sites"]], notes="x")
    data["supporting_organizations"] = [o.pk for o in data["supporting_organizations"]]
    client.post(reverse("recommendations:edit", args=[rec_x.pk]), data)
    rec_x.refresh_from_db()
    assert (rec_x.status, rec_x.notes) == ("accepted", "x")


def test_edit_without_changes_saves_nothing(client, organizer, rec_x):
    client.force_login(organizer)
    before = rec_x.history.count()
    form = client.get(reverse("recommendations:edit", args=[rec_x.pk])).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data["sites"] = [s.pk for s in data["sites"]]
    data["supporting_organizations"] = [o.pk for o in data["supporting_organizations"]]
    response = client.post(reverse("recommendations:edit", args=[rec_x.pk]), data)
    assert response.status_code == 302
    assert rec_x.history.count() == before


def test_seminar_factory_has_no_recommendations():
    assert SeminarFactory(past=True).recommendations.count() == 0
