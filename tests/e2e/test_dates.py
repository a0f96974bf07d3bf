"""A date on a real page: the profile's member-since date, in Almaty time, with the language's month names."""

from __future__ import annotations

import datetime as dt

import pytest

from portal.models import User
from tests.e2e.helpers import login_as, set_language

pytestmark = pytest.mark.e2e

# 20:30 UTC on 31 October 2019 was already 1 November in Almaty (UTC+6 then).
JOINED = dt.datetime(2019, 10, 31, 20, 30, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("language", "label", "expected"),
    [
        ("ru", "Дата регистрации", "1 ноября 2019 г."),
        ("kk", "Тіркелген күні", "2019 ж. 1 қараша"),
        ("en", "Member since", "1 November 2019"),
    ],
)
def test_profile_date_is_in_the_language_and_in_almaty_time(demo_live_server, page, language, label, expected):
    User.objects.filter(email="official@example.org").update(date_joined=JOINED)
    login_as(page, "official@example.org")
    page.goto("/accounts/profile/")
    set_language(page, language)

    facts = dict(
        zip(page.locator(".facts dt").all_inner_texts(), page.locator(".facts dd").all_inner_texts(), strict=True)
    )
    assert facts[label] == expected
    assert page.locator(".facts time").get_attribute("datetime") == "2019-11-01T02:30:00+06:00"
