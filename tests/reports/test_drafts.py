"""Report drafts in Word (issue 17 item 4): the seminar report, a region's annual progress report and a biosphere
reserve's follow-up annex, in Kazakh, Russian and English, opened again with python-docx; who may download them."""

from __future__ import annotations

import datetime as dt
import io

import docx
import pytest
from django.urls import reverse
from django.utils import timezone

from recommendations.models import ProgressReport, Recommendation
from reminders.models import Delivery, ReminderItem
from sites.models import Designation
from tests.factories import (
    DesignationFactory,
    ObligationFactory,
    OrganizationFactory,
    PersonFactory,
    RecommendationFactory,
    RegistrationFactory,
    SeminarFactory,
    SiteDesignationFactory,
    SiteFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def text_of(content: bytes) -> str:
    """Every paragraph and every table cell of a DOCX, one per line."""
    document = docx.Document(io.BytesIO(content))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(lines)


def rows_of(content: bytes, first_cell: str) -> list[str]:
    return [line for line in text_of(content).splitlines() if line.startswith(first_cell)]


@pytest.fixture
def seminar_with_data(seminar, organization):
    seminar.title_kk, seminar.title_ru, seminar.title_en = "Мұра семинары", "Семинар о наследии", "Heritage seminar"
    seminar.agenda_kk, seminar.agenda_ru, seminar.agenda = "Күн тәртібі: басқару", "Программа: управление", "Agenda"
    seminar.save()
    for n, (gender, status, kind) in enumerate(
        [("female", "attended", "museum"), ("female", "attended", "museum"), ("male", "registered", "university")]
    ):
        RegistrationFactory(
            seminar=seminar,
            person=PersonFactory(full_name=f"Secret Person {n}", email=f"secret{n}@example.org"),
            gender=gender,
            status=status,
            organization=None,
            organization_kind=kind,
        )
    RecommendationFactory(seminar=seminar, title_kk="Басқару жоспарын бекіту", lead_organization=organization)
    return seminar


@pytest.mark.parametrize(
    ("language", "heading", "title"),
    [
        ("kk", "Қатысушылар", "Мұра семинары"),
        ("ru", "Участники", "Семинар о наследии"),
        ("en", "Participants", "Heritage seminar"),
    ],
)
def test_seminar_report_in_each_language(client, organizer, seminar_with_data, language, heading, title):
    client.force_login(organizer)
    url = reverse("reports:seminar", kwargs={"slug": seminar_with_data.slug})
    response = client.get(url, {"lang": language})
    assert response.status_code == 200
    assert response["Content-Type"] == CONTENT_TYPE
    text = text_of(response.content)
    assert title in text and heading in text
    document = docx.Document(io.BytesIO(response.content))
    assert document.core_properties.language == {"kk": "kk-KZ", "ru": "ru-RU", "en": "en-GB"}[language]


def test_seminar_report_counts_by_gender_and_kind_lists_programme_and_recommendations(
    client, organizer, seminar_with_data
):
    client.force_login(organizer)
    content = client.get(reverse("reports:seminar", kwargs={"slug": seminar_with_data.slug}), {"lang": "en"}).content
    text = text_of(content)
    # Seated (registered or attended) and attended, by gender; by kind of organization.
    assert "Female | 2 | 2" in text
    assert "Male | 1 | 0" in text
    assert "Museum | 2" in text and "University | 1" in text
    assert "Agenda" in text
    assert "Recommendation" in text and "Heritage seminar" in text
    kk = text_of(
        client.get(reverse("reports:seminar", kwargs={"slug": seminar_with_data.slug}), {"lang": "kk"}).content
    )
    assert "Басқару жоспарын бекіту" in kk and "Күн тәртібі: басқару" in kk
    # Counts only: nobody's name or address.
    for secret in ("Secret Person", "secret0@example.org"):
        assert secret not in text and secret not in kk


@pytest.fixture
def region_data(region):
    site = SiteFactory(regions=[region])
    lead = OrganizationFactory(name_en="District Akimat", name_ru="Акимат района", name_kk="Аудан әкімдігі")
    today = timezone.localdate()
    overdue = RecommendationFactory(
        sites=[site], lead_organization=lead, due_date=today - dt.timedelta(days=40), title_ru="Просроченная задача"
    )
    RecommendationFactory(sites=[site], lead_organization=lead, status=Recommendation.Status.IMPLEMENTED)
    RecommendationFactory(lead_organization=lead)  # elsewhere: not counted
    ProgressReport.objects.create(recommendation=overdue, organization=lead, date=today, text="Done a part")
    delivery = Delivery.objects.create(
        recipient_email="region@example.org",
        cycle=today,
        planned_on=today,
        status=Delivery.Status.SENT,
        sent_at=timezone.now(),
        escalated=True,
    )
    ReminderItem.objects.create(delivery=delivery, kind="overdue", recommendation=overdue, escalated=True)
    return overdue


def test_region_report_counts_statuses_overdue_reports_and_reminders(client, official, region, region_data):
    client.force_login(official)
    year = timezone.localdate().year
    url = reverse("reports:region", kwargs={"slug": region.slug, "year": year})
    content = client.get(url, {"lang": "en"}).content
    lines = text_of(content).splitlines()
    assert "Accepted | 1" in lines and "Implemented | 1" in lines and "In progress | 0" in lines
    [overdue] = [line for line in lines if line.startswith("1 | Recommendation")]
    assert overdue.endswith("| 40") and "District Akimat" in overdue
    assert "During the year: 1." in lines
    assert "Reminder digests sent that named these recommendations | 1" in lines
    assert "Of them escalated to a parent organization | 1" in lines
    ru = text_of(client.get(url, {"lang": "ru"}).content)
    assert "Просроченная задача" in ru and "Акимат района" in ru


def test_region_report_in_kazakh_and_english(client, official, region, region_data):
    client.force_login(official)
    url = reverse("reports:region", kwargs={"slug": region.slug, "year": timezone.localdate().year})
    assert "Мерзімі өткен" in text_of(client.get(url, {"lang": "kk"}).content)
    assert "Overdue" in text_of(client.get(url, {"lang": "en"}).content)


def test_the_report_page_sends_the_region_form_to_the_draft(client, official, region):
    client.force_login(official)
    response = client.get(reverse("reports:index"), {"region": region.slug, "year": "2025", "lang": "kk"})
    assert response.status_code == 302
    assert response["Location"] == reverse("reports:region", kwargs={"slug": region.slug, "year": 2025}) + "?lang=kk"


@pytest.fixture
def reserve(site_manager):
    designation = DesignationFactory(
        biosphere_reserve=True, name_en="Demo Reserve", name_kk="Демо резерваты", year=2014
    )
    site = SiteFactory(managers=[site_manager])
    SiteDesignationFactory(site=site, designation=designation)
    RecommendationFactory(sites=[site], title_en="Mark the corridor", title_kk="Дәлізді белгілеу")
    ObligationFactory(designation=designation, title="Submit the periodic review", title_kk="Мерзімді шолуды тапсыру")
    return designation


def test_review_annex_lists_recommendations_and_obligations(client, site_manager, reserve):
    client.force_login(site_manager)
    url = reverse("reports:review_annex", kwargs={"slug": reserve.slug})
    text = text_of(client.get(url, {"lang": "kk"}).content)
    assert "Демо резерваты" in text and "Дәлізді белгілеу" in text and "Мерзімді шолуды тапсыру" in text
    assert "2024" in text  # the next review, ten years after designation
    text_en = text_of(client.get(url, {"lang": "en"}).content)
    assert "Mark the corridor" in text_en and "Submit the periodic review" in text_en


def test_review_annex_refuses_a_manager_of_other_sites(client, reserve):
    other = UserFactory(email="other-manager@example.org", role="Site manager")
    SiteFactory(managers=[other])
    client.force_login(other)
    assert client.get(reverse("reports:review_annex", kwargs={"slug": reserve.slug})).status_code == 403


def test_an_unknown_language_is_404(client, official, region):
    client.force_login(official)
    url = reverse("reports:region", kwargs={"slug": region.slug, "year": 2025})
    assert client.get(url, {"lang": "de"}).status_code == 404


def test_a_world_heritage_property_has_no_review_annex(client, official):
    property_ = DesignationFactory(kind=Designation.Kind.WORLD_HERITAGE)
    client.force_login(official)
    assert client.get(reverse("reports:review_annex", kwargs={"slug": property_.slug})).status_code == 404


def test_other_organizers_may_not_download_a_seminar_report(client, other_seminar, organizer):
    client.force_login(organizer)
    assert client.get(reverse("reports:seminar", kwargs={"slug": other_seminar.slug})).status_code == 403


def test_report_index_lists_reserves_and_regions_for_officials(client, official, reserve, region):
    client.force_login(official)
    page = client.get(reverse("reports:index")).content.decode()
    assert reserve.name in page and region.name in page


def test_report_index_shows_a_manager_only_their_reserves(client, site_manager, reserve):
    DesignationFactory(biosphere_reserve=True, name_en="Someone Else's Reserve")
    client.force_login(site_manager)
    page = client.get(reverse("reports:index")).content.decode()
    assert reserve.name in page and "Someone Else" not in page and "report-region" not in page


def test_seminar_report_of_a_seminar_with_nothing_yet(client, admin_user):
    seminar = SeminarFactory()
    client.force_login(admin_user)
    assert client.get(reverse("reports:seminar", kwargs={"slug": seminar.slug})).status_code == 200
