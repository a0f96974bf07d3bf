"""The demo's public content is in Kazakh, Russian and English: every multilingual field the demo fills in
English is filled in the other two languages too (issue 14, item 8).

Generic over the models: any field `<x>_kk` with a `<x>_ru` beside it is a multilingual field, whose English
version is `<x>_en`, or `<x>` itself where the English field carries no suffix (`text`, `city`, `agenda`...).
"""

from __future__ import annotations

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import models

pytestmark = pytest.mark.django_db

# Historical (audit) copies repeat their model's fields; the live rows are what the public reads.
PROJECT_APPS = {"portal", "sites", "zones", "seminars", "recommendations", "works", "reminders"}


def _multilingual_fields() -> list[tuple[type[models.Model], str, str, str]]:
    """(model, English field, Russian field, Kazakh field) for every multilingual field of the project's models."""
    found = []
    for model in apps.get_models():
        if model._meta.app_label not in PROJECT_APPS or model.__name__.startswith("Historical"):
            continue
        names = {field.name for field in model._meta.concrete_fields}
        for name in sorted(names):
            if not name.endswith("_kk"):
                continue
            base = name.removesuffix("_kk")
            english = f"{base}_en" if f"{base}_en" in names else base
            if f"{base}_ru" in names and english in names:
                found.append((model, english, f"{base}_ru", name))
    return found


def _untranslated() -> list[str]:
    """'Model.field #pk: English text' for every row with English but no Russian or no Kazakh version."""
    missing = []
    for model, english, russian, kazakh in _multilingual_fields():
        for row in model.objects.exclude(**{english: ""}).values("pk", english, russian, kazakh):
            for field in (russian, kazakh):
                if not (row[field] or "").strip():
                    missing.append(f"{model.__name__}.{field} #{row['pk']}: {row[english][:60]!r}")
    return missing


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    call_command("load_demo", verbosity=0)


def test_the_check_covers_the_public_multilingual_fields():
    covered = {f"{model.__name__}.{kazakh}" for model, _en, _ru, kazakh in _multilingual_fields()}
    assert {
        "Site.description_kk",
        "SiteDesignation.component_name_kk",
        "Designation.transboundary_countries_kk",
        "Obligation.title_kk",
        "Seminar.city_kk",
        "Seminar.agenda_kk",
        "Seminar.outcome_summary_kk",
        "Recommendation.text_kk",
        "Recommendation.title_kk",
    } <= covered


def test_every_demo_text_in_english_is_also_in_russian_and_kazakh(demo):
    assert _untranslated() == []


def test_a_second_load_fills_translations_missing_from_an_older_demo_database(demo, settings):
    # A database loaded before the translations existed: English only.
    for model, _english, russian, kazakh in _multilingual_fields():
        if model.__name__ in {"Site", "SiteDesignation", "Seminar", "Recommendation", "Obligation"}:
            model.objects.update(**{russian: "", kazakh: ""})
    assert _untranslated() != []
    call_command("load_demo", verbosity=0)
    assert _untranslated() == []
