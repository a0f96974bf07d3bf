"""The import template: headers in the organizer's language, drop-down lists, an example apart; it imports as is."""

from __future__ import annotations

import io

import pytest
from django.conf import settings
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from seminars import imports
from seminars.import_template import template_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def organizer_client(client, organizer):
    client.force_login(organizer)
    return client


def test_template_is_offered_to_the_seminars_organizer_in_their_language(organizer_client, seminar):
    organizer_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    response = organizer_client.get(reverse("seminars:import_template", kwargs={"slug": seminar.slug}))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    workbook = load_workbook(io.BytesIO(response.content))
    participants, example, lists = workbook.worksheets
    assert [cell.value for cell in participants[1]][:2] == ["ФИО", "Электронная почта"]
    assert lists.sheet_state == "hidden"
    validated = {
        str(rng) for validation in participants.data_validations.dataValidation for rng in validation.sqref.ranges
    }
    assert validated == {"E2:E501", "G2:G501", "H2:H501", "I2:I501"}  # organization kind, gender, language, news
    assert [cell.value for cell in lists["B"]][:4] == ["Казахский", "Русский", "Английский", None]
    assert example.max_row >= 2 and participants.max_row == 1  # the example is apart: nothing to import by mistake


def test_template_is_refused_to_an_organizer_of_another_organization(organizer_client, other_seminar):
    response = organizer_client.get(reverse("seminars:import_template", kwargs={"slug": other_seminar.slug}))
    assert response.status_code in (403, 404)


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_a_filled_template_is_read_without_a_mapping_step_and_its_labels_are_accepted(language):
    from django.utils import translation

    with translation.override(language):
        workbook = load_workbook(io.BytesIO(template_bytes()))
        example = workbook.worksheets[1]
        header = [cell.value for cell in example[1]]
        row = [cell.value for cell in example[2]]
    filled = Workbook()
    filled.active.append(header)
    filled.active.append(row)
    buffer = io.BytesIO()
    filled.save(buffer)
    table = imports.read_table(buffer.getvalue())
    mapping = imports.guess_mapping(table.headers)
    assert mapping == imports.FIELD_NAMES
    result = imports.validate(table, mapping)
    assert result.errors == []
    (person,) = result.rows
    assert (person.gender, person.language, person.organization_kind) == ("female", "kk", "regional_akimat")
