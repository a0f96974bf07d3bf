"""Journey 4 of issue 8: a focal point follows the reminder e-mail's link and posts a progress report.

The digest is made by the real planning and rendering code (``manage.py send_reminders``) against the demo
data and sent through Django's e-mail backend, which under tests keeps the messages in ``mail.outbox``. The
portal's address in the e-mail is the live server's, so the link the focal point follows is the link in the
e-mail, unchanged. Not signed in, they are asked to log in first and then land on the report form.
"""

from __future__ import annotations

import io
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import dateformat, timezone, translation

from portal.demo import DEMO_PASSWORD
from recommendations.models import ProgressReport, Recommendation
from tests.e2e.helpers import language_cookie

pytestmark = pytest.mark.e2e

AKIMAT_ADDRESS = "akimat-almaty-region@example.org"  # the Akimat of Almaty region's contact (portal/demo.py)
REPORT_LINK_LABEL = "Отправить отчет о ходе выполнения:"  # "Post a progress report:" in Russian
REPORT = "The Akimat approved a joint management working group for the region's UNESCO sites (e2e)."


def test_focal_point_reports_progress_from_the_reminder_email(fresh_demo_server, page, settings):
    settings.PORTAL_BASE_URL = fresh_demo_server.url
    mail.outbox.clear()
    out = io.StringIO()
    call_command("send_reminders", stdout=out)
    assert f"sent      {AKIMAT_ADDRESS}" in out.getvalue(), out.getvalue()

    [digest] = [m for m in mail.outbox if m.to == [AKIMAT_ADDRESS]]
    # The Akimat's language is Russian (portal/demo.py): the digest is in Russian. Its first item and link:
    title, link = _first_item(digest.body)
    assert link.startswith(f"{fresh_demo_server.url}/recommendations/"), digest.body
    # The link carries the e-mail's language (?lang=ru: the page would open in Russian, which
    # tests/i18n/test_email_language.py covers); this journey follows the focal point's English browser.
    link = link.removesuffix("?lang=ru")
    recommendation = Recommendation.objects.get(pk=int(re.fullmatch(r".*/recommendations/(\d+)/report/", link)[1]))
    assert title == recommendation.title_ru
    assert recommendation.lead_organization.slug == "akimat-almaty-region"
    reports_before = ProgressReport.objects.filter(recommendation=recommendation).count()

    # The focal point opens the link: the portal asks them to log in and then brings them to the form.
    # Their browser chose English with the switcher earlier, so the profile's Kazakh does not override it.
    page.context.add_cookies([language_cookie(fresh_demo_server.url, "en")])
    page.goto(link)
    assert "/accounts/login/" in page.url
    page.locator("#id_login").fill("focal@example.org")
    page.locator("#id_password").fill(DEMO_PASSWORD)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert page.url == link
    # The interface keeps the browser's choice (English); the profile's language is for e-mails.
    assert page.locator("html").get_attribute("lang") == "en"

    assert page.locator("h1").inner_text() == "Post a progress report"
    assert page.locator(".rec-meta a").inner_text() == recommendation.title_en
    # The Akimat the focal point speaks for is chosen already, and the date is today.
    assert page.locator("#id_organization option:checked").inner_text() == "Akimat of Almaty region"
    assert page.locator("#id_date").input_value() == timezone.localdate().isoformat()
    page.locator("#id_text").fill(REPORT)
    page.locator("#id_evidence_url").fill("https://example.org/decree-e2e")
    with page.expect_navigation():
        page.get_by_role("button", name="Post the report").click()

    assert page.url == f"{fresh_demo_server.url}{recommendation.get_absolute_url()}"
    assert page.locator(".message-success").inner_text() == "Thank you: the progress report was posted."
    assert ProgressReport.objects.filter(recommendation=recommendation).count() == reports_before + 1
    report = ProgressReport.objects.filter(recommendation=recommendation).latest("pk")
    assert report.text == REPORT
    assert report.author.email == "focal@example.org"

    # The timeline shows the report, with who posted it and for which organization.
    entry = page.locator("ol.rec-timeline li.rec-timeline-report").filter(has_text=REPORT)
    assert entry.count() == 1
    head = entry.locator(".rec-timeline-head").inner_text()
    assert "Demo Focal Point" in head
    assert "Progress report for Akimat of Almaty region" in entry.inner_text()
    assert entry.get_by_role("link", name="Evidence").get_attribute("href") == "https://example.org/decree-e2e"
    last_report = page.locator("dl.facts dt", has_text="Last progress report").locator("xpath=following-sibling::dd[1]")
    with translation.override("en"):
        assert last_report.inner_text() == dateformat.format(timezone.localdate(), "j F Y")


def _first_item(body: str) -> tuple[str, str]:
    """The title of the digest's first item and its "post a progress report" link, as the e-mail gives them."""
    title = None
    for line in body.splitlines():
        if line.startswith("* "):
            title = line[2:].split("] ", 1)[-1] if line.startswith("* [") else line[2:]
        elif line.strip().startswith(REPORT_LINK_LABEL) and title:
            return title, line.split(REPORT_LINK_LABEL, 1)[1].strip()
    raise AssertionError(f"no report link in the digest:\n{body}")
