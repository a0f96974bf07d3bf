"""The digest as its recipient sees it: grouped by site or under "several sites", in one inlined HTML layout.

Rendered by the real sending path into a real SMTP server on loopback; the HTML part is checked as an e-mail
linter would for clients that drop <style> blocks (Gmail's apps, Outlook): no external stylesheet or script,
every styled element carries its style inline, only @media rules (dark mode, narrow screens) left in the head.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from reminders import planning, sending
from reminders.models import Delivery, ReminderItem
from tests.factories import OrganizationFactory, RecommendationFactory, SiteFactory
from tests.reminders import dataset

pytestmark = pytest.mark.django_db


class _Elements(HTMLParser):
    def __init__(self):
        super().__init__()
        self.elements: list[tuple[str, dict]] = []
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.styles.append(data)


def lint_inline_styles(html: str) -> list[str]:
    """What an e-mail linter flags for clients that ignore <style>: a list of problems, empty when clean."""
    parser = _Elements()
    parser.feed(html)
    problems = []
    for tag, attrs in parser.elements:
        if tag == "link" and attrs.get("rel") == "stylesheet":
            problems.append("external stylesheet")
        if tag == "script":
            problems.append("script")
        if "class" in attrs and not attrs.get("style"):
            problems.append(f"<{tag} class={attrs['class']!r}> has no inline style")
        if tag == "a" and not attrs.get("style"):
            problems.append(f"link {attrs.get('href')} has no inline style")
    for css in parser.styles:
        # Only at-rules may stay in the head: strip them and nothing but white space may remain.
        outside_media = re.sub(r"@media[^{]*\{(?:[^{}]*\{[^{}]*\})*[^{}]*\}", "", css)
        if outside_media.strip():
            problems.append(f"rules outside @media left in <style>: {outside_media.strip()[:80]}")
    body = next((attrs for tag, attrs in parser.elements if tag == "body"), {})
    if "font-family" not in body.get("style", ""):
        problems.append("<body> has no inline font")
    return problems


@pytest.fixture
def sites(settings):
    settings.PORTAL_BASE_URL = "https://mura.example.org"
    akimat = OrganizationFactory(
        slug="akimat", name_en="Akimat", preferred_language="ru", emails=["akimat@example.org"]
    )
    charyn = SiteFactory(slug="charyn", name_en="Charyn", name_ru="Чарын")
    aksu = SiteFactory(slug="aksu", name_en="Aksu-Zhabagly", name_ru="Аксу-Жабаглы")
    altyn = SiteFactory(slug="altyn", name_en="Altyn-Emel", name_ru="Алтын-Эмель")
    several = RecommendationFactory(lead_organization=akimat, due_date=dataset.days(-5), sites=[charyn, aksu, altyn])
    one = RecommendationFactory(lead_organization=akimat, due_date=dataset.days(-6), sites=[charyn])
    none = RecommendationFactory(lead_organization=akimat, due_date=dataset.days(-7))
    planning.plan(dataset.TODAY)
    return {"several": several, "one": one, "none": none}


def _digest(smtp_backend, email):
    delivery = Delivery.objects.get(recipient_email=email)
    sending.send_batch([delivery.pk])
    (received,) = smtp_backend.received
    return received.message


def test_an_item_about_several_sites_is_grouped_under_several_sites_not_the_first(sites, smtp_backend):
    items = {item.recommendation_id: item.site_id for item in ReminderItem.objects.all()}
    assert items[sites["several"].pk] is None  # planned without picking one of its three sites
    text = _digest(smtp_backend, "akimat@example.org").get_body(preferencelist=("plain",)).get_content()
    headings = re.findall(r"^== (.+?) ==\s*$", text, flags=re.M)
    assert headings == ["Чарын", "Несколько объектов", "Без привязки к объекту"]
    several_block = text.split("== Несколько объектов ==")[1].split("==")[0]
    assert "(Аксу-Жабаглы, Алтын-Эмель, Чарын)" in several_block


def test_digest_html_has_the_portal_header_buttons_and_inline_styles(sites, smtp_backend):
    message = _digest(smtp_backend, "akimat@example.org")
    html = message.get_body(preferencelist=("html",)).get_content()
    assert lint_inline_styles(html) == []
    assert ">Mura</a>" in html
    assert 'name="color-scheme" content="light dark"' in html
    assert "prefers-color-scheme: dark" in html and "max-width: 480px" in html
    # The link opens the portal in the digest's language (Russian here).
    report = f"https://mura.example.org/recommendations/{sites['one'].pk}/report/?lang=ru"
    button = re.search(rf'<a class="button" href="{re.escape(report)}" style="([^"]+)"', html)
    assert button is not None and "background" in button.group(1)
    assert message.get_body(preferencelist=("plain",)).get_content().startswith("Здравствуйте")


def test_seminar_emails_share_the_layout(sites, smtp_backend):
    from portal import mail

    message = mail.render(
        "emails/reminders/digest",
        {
            "recipient_name": "X",
            "groups": [],
            "item_count": 0,
            "today": dataset.TODAY,
            "cycle_days": 7,
            "portal_url": "https://mura.example.org/",
        },
        language="kk",
        to="x@example.org",
    )
    html = message.alternatives[0][0]
    assert lint_inline_styles(html) == []
    assert '<html lang="kk">' in html
