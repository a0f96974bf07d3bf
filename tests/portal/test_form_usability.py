"""Issue 15, item 4: forms people can use. Every form's errors are summed up at the top, each linked to its field;
required fields are marked; organizations, sites and seminars are chosen with the search-as-you-type widget, which
stays a plain select without JavaScript."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests.factories import SeminarFactory, SiteFactory

pytestmark = pytest.mark.django_db

SUMMARY = re.compile(
    r'<div class="form-errors error-summary" role="alert" tabindex="-1" id="error-summary"[^>]*>.*?</div>', re.S
)
ASSETS = '<script src="/static/js/autocomplete.js" defer></script>'


def summary_of(html: str) -> tuple[str, list[str], list[tuple[str, str]]]:
    """The summary's heading, its errors without a field, and its (link target, text) pairs."""
    [box] = SUMMARY.findall(html)
    heading = " ".join(re.search(r"<h2[^>]*>(.*?)</h2>", box, re.S).group(1).split())
    plain = re.findall(r"<li>([^<]*)</li>", box)
    links = re.findall(r'<li><a href="#([^"]+)">(.*?)</a></li>', box)
    return heading, plain, links


def ids(html: str) -> set[str]:
    return set(re.findall(r'\sid="([^"]+)"', html))


def test_the_seminar_form_sums_up_its_errors_with_links(client, organizer):
    client.force_login(organizer)
    html = client.post(reverse("seminars:create"), {"start": "2030-05-14T10:00", "end": "2030-05-13T10:00"}).text
    heading, plain, links = summary_of(html)
    assert heading == "There are 5 problems with what you entered:"
    assert plain == []
    assert links == [
        ("id_title_en", "Title (English): Give a title in at least one language."),
        ("id_kind", "Kind: This field is required."),
        ("id_status", "Status: This field is required."),
        ("id_end", "End: The seminar cannot end before it starts."),
        ("id_registration_state", "Registration: This field is required."),
    ]
    assert {target for target, _text in links} <= ids(html)
    assert '<script src="/static/js/forms.js" defer></script>' in html


def test_the_recommendation_form_sums_up_its_errors_in_the_readers_words(client, organizer):
    client.force_login(organizer)
    html = client.post(reverse("recommendations:create"), {"source_kind": "seminar"}).text
    heading, plain, links = summary_of(html)
    # Not the database's "Constraint … is violated" besides: clean() says it on the fields.
    assert plain == []
    assert [target for target, _text in links] == [
        "id_title_en",
        "id_text",
        "id_themes",
        "id_seminar",
        "id_lead_organization",
        "id_priority",
        "id_status",
    ]
    assert links[3] == ("id_seminar", "Seminar: Choose the seminar that made this recommendation.")
    assert heading == "There are 7 problems with what you entered:"


def test_the_participant_form_sums_up_its_errors(client, organizer):
    client.force_login(organizer)
    seminar = SeminarFactory(organizers=[organizer.organization])
    html = client.post(reverse("seminars:participant_add", kwargs={"slug": seminar.slug}), {"gender": "female"}).text
    _heading, _plain, links = summary_of(html)
    assert links == [
        ("id_full_name", "Full name: This field is required."),
        ("id_email", "E-mail: Give an e-mail or a phone."),
        ("id_language", "Preferred language: This field is required."),
    ]


def test_the_self_registration_form_sums_up_its_errors_and_marks_what_is_required(client, organization):
    seminar = SeminarFactory(organizers=[organization], public_registration=True)
    html = client.post(reverse("seminars:register", kwargs={"slug": seminar.slug}), {"email": "x"}).text
    heading, _plain, links = summary_of(html)
    assert heading == "There are 5 problems with what you entered:"
    assert links[0] == ("id_full_name", "Full name: This field is required.")
    # A label ending in a full stop is not followed by ".:".
    assert links[4][1].endswith("for organizing this seminar and reporting on it: This field is required.")
    assert '<p class="required-legend">* required</p>' in html
    assert (
        '<label for="id_full_name">Full name: <span class="required-mark" aria-hidden="true">*</span></label>'
        '<input type="text" name="full_name" autocomplete="name" maxlength="255" required aria-invalid="true"'
    ) in html
    assert '<label for="id_organization_name">Organization:</label>' in html  # optional: no mark


def test_one_problem_is_said_in_the_singular(client, organizer):
    client.force_login(organizer)
    seminar = SeminarFactory(organizers=[organizer.organization])
    data = {"full_name": "Aigerim Test", "email": "aigerim@example.org", "gender": "female", "language": "kk"}
    html = client.post(reverse("seminars:participant_add", kwargs={"slug": seminar.slug}), {**data, "email": "no"}).text
    heading, _plain, links = summary_of(html)
    assert heading == "There is 1 problem with what you entered:"
    assert [target for target, _text in links] == ["id_email"]


def test_a_valid_page_has_no_summary(client, organizer):
    client.force_login(organizer)
    html = client.get(reverse("seminars:create")).text
    assert SUMMARY.findall(html) == []
    assert "forms.js" not in html


def test_the_seminar_form_chooses_organizations_and_sites_by_search(client, organizer):
    SiteFactory(name_en="Tamgaly")
    client.force_login(organizer)
    html = client.get(reverse("seminars:create")).text
    # Every option stays in the page: without JavaScript this is a plain multiple select.
    assert (
        '<select name="organizers" data-searchable="" aria-describedby="id_organizers_helptext"'
        ' id="id_organizers" multiple>' in html
    )
    assert re.search(
        r'<select name="sites" data-searchable="" id="id_sites" multiple>\s*<option value="\d+">Tamgaly</option>', html
    )
    assert ASSETS in html
    assert '<link rel="stylesheet" href="/static/vendor/tom-select/tom-select.min.css">' in html


def test_the_recommendation_form_chooses_organizations_sites_and_seminars_by_search(client, organizer):
    client.force_login(organizer)
    html = client.get(reverse("recommendations:create")).text
    for name, multiple in (
        ("seminar", ""),
        ("sites", " multiple"),
        ("lead_organization", ""),
        ("supporting_organizations", " multiple"),
    ):
        assert re.search(rf'<select name="{name}" data-searchable=""[^>]* id="id_{name}"{multiple}>', html), name
    # No more columns of check-boxes for long lists: the themes (a short fixed list, several may apply) and the one
    # box that says whether the wording was checked against the source.
    assert re.findall(r'<input type="checkbox" name="(\w+)"', html) == ["themes"] * 9 + ["source_verified"]
    assert ASSETS in html
