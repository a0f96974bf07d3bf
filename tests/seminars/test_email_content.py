"""Issue 13: seminar e-mails carry the title as typed in their subject, and a multi-day seminar's end date."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest

from seminars.tasks import render_message
from tests.factories import RegistrationFactory, SeminarFactory

pytestmark = pytest.mark.django_db

ALMATY = zoneinfo.ZoneInfo("Asia/Almaty")


def test_the_subject_is_not_html_escaped(organization):
    seminar = SeminarFactory(title_en='The "Silk Roads" & <heritage>', organizers=[organization])
    for template in ("registration_confirmation", "promotion"):
        message = render_message(template, RegistrationFactory(seminar=seminar, person__language="en"))
        assert message.subject.endswith(': The "Silk Roads" & <heritage>'), message.subject
        assert "&quot;" not in message.subject and "&amp;" not in message.subject
        html = message.alternatives[0][0]
        assert "&lt;heritage&gt;" in html and "<heritage>" not in html  # the HTML part stays escaped


def test_a_multi_day_seminar_gives_its_end_date(organization):
    start = dt.datetime(2027, 3, 1, 10, 0, tzinfo=ALMATY)
    seminar = SeminarFactory(start=start, end=start + dt.timedelta(days=2, hours=7), organizers=[organization])
    message = render_message("registration_confirmation", RegistrationFactory(seminar=seminar, person__language="en"))
    for body in (message.body, message.alternatives[0][0]):
        assert "1 March 2027, 10:00–3 March 2027, 17:00" in body


def test_a_one_day_seminar_gives_the_end_time_only(organization):
    start = dt.datetime(2027, 3, 1, 10, 0, tzinfo=ALMATY)
    seminar = SeminarFactory(start=start, end=start + dt.timedelta(hours=7), organizers=[organization])
    message = render_message("registration_confirmation", RegistrationFactory(seminar=seminar, person__language="en"))
    assert "1 March 2027, 10:00–17:00" in message.body
