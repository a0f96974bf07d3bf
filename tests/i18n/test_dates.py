"""Dates, times and numbers in the visitor's language, in Asia/Almaty time."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template
from django.utils import translation

# 20:30 UTC on 31 October 2019 was 02:30 on 1 November in Almaty (UTC+6 until March 2024).
MOMENT_2019 = dt.datetime(2019, 10, 31, 20, 30, tzinfo=dt.UTC)
# Kazakhstan moved to a single UTC+5 on 1 March 2024: noon UTC is 17:00 in Almaty.
MOMENT_2026 = dt.datetime(2026, 6, 1, 12, 0, tzinfo=dt.UTC)
NBSP = "\xa0"


def _render(source: str, language: str, **context) -> str:
    with translation.override(language):
        return Template("{% load humanize %}" + source).render(Context(context))


def test_the_portal_runs_on_almaty_time():
    assert (settings.TIME_ZONE, settings.USE_TZ) == ("Asia/Almaty", True)


@pytest.mark.parametrize(
    ("language", "expected"),
    [("ru", "1 ноября 2019 г."), ("kk", "2019 ж. 1 қараша"), ("en", "1 November 2019")],
)
def test_date_renders_in_the_language_and_in_almaty(language, expected):
    assert _render('{{ moment|date:"DATE_FORMAT" }}', language, moment=MOMENT_2019) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [("ru", "1 июня 2026 г. 17:00"), ("kk", "2026 ж. 1 маусым, 17:00"), ("en", "1 June 2026, 17:00")],
)
def test_date_and_time_use_the_current_utc_plus_5_offset(language, expected):
    assert _render('{{ moment|date:"DATETIME_FORMAT" }}', language, moment=MOMENT_2026) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [("ru", "01.11.2019"), ("kk", "01.11.2019"), ("en", "1 Nov 2019")],
)
def test_short_date_in_each_language(language, expected):
    assert _render('{{ moment|date:"SHORT_DATE_FORMAT" }}', language, moment=MOMENT_2019) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [("ru", f"12{NBSP}345,68"), ("kk", f"12{NBSP}345,68"), ("en", "12,345.68")],
)
def test_numbers_use_the_languages_separators(language, expected):
    assert _render('{{ number|floatformat:"2g" }}', language, number=12345.678) == expected


@pytest.mark.parametrize(("language", "expected"), [("ru", f"1{NBSP}234"), ("kk", f"1{NBSP}234"), ("en", "1,234")])
def test_home_page_counts_group_thousands_like_the_language(language, expected):
    assert _render("{{ count|intcomma }}", language, count=1234) == expected


ROOT = Path(__file__).resolve().parents[2]
NAMED_FORMATS = {"DATE_FORMAT", "DATETIME_FORMAT", "SHORT_DATE_FORMAT", "SHORT_DATETIME_FORMAT", "TIME_FORMAT"}
# Machine formats are allowed only where no one reads them: a <time datetime="…"> attribute or an {% if %} test.
MACHINE_FORMATS = {"c", "Y-m-d", "Ymd"}
DATE_FILTER = re.compile(r"""\|date:(["'])(.*?)\1""")


def _hand_formatted_dates() -> list[str]:
    found = []
    for path in sorted((ROOT / "templates").rglob("*")):
        if path.suffix not in (".html", ".txt"):
            continue
        text = path.read_text(encoding="utf-8")
        for match in DATE_FILTER.finditer(text):
            fmt = match.group(2)
            if fmt in NAMED_FORMATS:
                continue
            before = text[: match.start()]
            in_attribute = before.rstrip().endswith(('datetime="{{', "datetime='{{")) or re.search(
                r"datetime=[\"']\{\{[^}]*$", before
            )
            in_if = re.search(r"\{%\s*(el)?if [^%]*$", before)
            if fmt in MACHINE_FORMATS and (in_attribute or in_if):
                continue
            found.append(f"{path.relative_to(ROOT)}: {match.group(0)}")
    return found


def test_no_template_formats_a_date_by_hand():
    assert _hand_formatted_dates() == []


def test_no_python_code_formats_a_date_for_people_with_strftime():
    # seminars/forms.py formats the value of an <input type="datetime-local">, which browsers need in ISO form;
    # portal/exports.py writes CSV cells in ISO form, which every spreadsheet reads as a date in any language.
    # seminars/admin.py stamps the personal-data export's file name (20261206-0243), read by no one as a date.
    allowed = {"seminars/forms.py", "portal/exports.py", "seminars/admin.py"}
    offenders = [
        str(path.relative_to(ROOT))
        for app in ("portal", "sites", "seminars", "recommendations", "reminders")
        for path in (ROOT / app).rglob("*.py")
        if ".strftime(" in path.read_text(encoding="utf-8") and str(path.relative_to(ROOT)) not in allowed
    ]
    assert offenders == []


DAY = dt.date(2026, 11, 5)


@pytest.mark.parametrize(
    ("language", "long", "short"),
    [
        ("ru", "5 ноября 2026 г.", "05.11.2026"),
        ("kk", "2026 ж. 5 қараша", "05.11.2026"),
        ("en", "5 November 2026", "5 Nov 2026"),
    ],
)
def test_one_long_and_one_short_date_per_language(language, long, short):
    rendered = _render('{{ day|date:"DATE_FORMAT" }}|{{ day|date:"SHORT_DATE_FORMAT" }}', language, day=DAY)
    assert rendered == f"{long}|{short}"


@pytest.mark.parametrize(
    ("language", "expected"),
    [("ru", "5 ноября 2026 г."), ("kk", "2026 ж. 5 қараша"), ("en", "5 November 2026")],
)
@pytest.mark.django_db
def test_a_recommendation_page_shows_the_due_date_in_the_languages_style(client, language, expected, settings):
    from portal import roles
    from tests.factories import OrganizationFactory, RecommendationFactory, UserFactory

    rec = RecommendationFactory(due_date=DAY, lead_organization=OrganizationFactory())
    client.force_login(UserFactory(role=roles.ORGANIZER))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    body = client.get(rec.get_absolute_url()).content.decode()
    assert expected in body
