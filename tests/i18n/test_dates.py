"""Dates, times and numbers in the visitor's language, in Asia/Almaty time."""

from __future__ import annotations

import datetime as dt

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
    [("ru", "1 ноября 2019 г."), ("kk", "2019 ж. 1 қараша"), ("en", "Nov. 1, 2019")],
)
def test_date_renders_in_the_language_and_in_almaty(language, expected):
    assert _render('{{ moment|date:"DATE_FORMAT" }}', language, moment=MOMENT_2019) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [("ru", "1 июня 2026 г. 17:00"), ("kk", "2026 ж. 1 маусым, 17:00"), ("en", "June 1, 2026, 5 p.m.")],
)
def test_date_and_time_use_the_current_utc_plus_5_offset(language, expected):
    assert _render('{{ moment|date:"DATETIME_FORMAT" }}', language, moment=MOMENT_2026) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [("ru", "01.11.2019"), ("kk", "01.11.2019"), ("en", "11/01/2019")],
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
