"""Every recommendations URL as every persona: 200, a redirect to the login page, 403 or 404."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

ALL = ["anonymous", "official", "organizer", "site_manager", "focal_point", "admin_user"]
READERS = {"official": 200, "organizer": 200, "site_manager": 200, "focal_point": 200, "admin_user": 200}


def _expect(table: dict[str, int]) -> list[tuple[str, int]]:
    return [(persona, 302 if persona == "anonymous" else table[persona]) for persona in ALL]


RECORDERS = {"official": 403, "organizer": 200, "site_manager": 403, "focal_point": 403, "admin_user": 200}
# rec_x: lead organization X, site A (the site manager's)
ON_REC_X = {"official": 403, "organizer": 200, "site_manager": 200, "focal_point": 200, "admin_user": 200}
# rec_y: lead Y, site B: only organizers and admins
ON_REC_Y = {"official": 403, "organizer": 200, "site_manager": 403, "focal_point": 403, "admin_user": 200}


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("recommendations:dashboard", READERS),
        ("recommendations:export_csv", READERS),
        ("recommendations:export_xlsx", READERS),
        ("recommendations:create", RECORDERS),
    ],
)
@pytest.mark.parametrize(("persona", "index"), [(p, i) for i, p in enumerate(ALL)])
def test_page_access_without_object(name, expected, persona, index, persona_client, rec_x):
    client = persona_client(persona)
    response = client.get(reverse(name))
    assert response.status_code == _expect(expected)[index][1]
    if persona == "anonymous":
        assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize(
    ("name", "on_x", "on_y"),
    [
        ("recommendations:detail", READERS, READERS),
        ("recommendations:edit", RECORDERS, RECORDERS),
        ("recommendations:report", ON_REC_X, ON_REC_Y),
        ("recommendations:status", ON_REC_X, ON_REC_Y),
    ],
)
@pytest.mark.parametrize("persona", ALL)
def test_page_access_per_object(name, on_x, on_y, persona, persona_client, rec_x, rec_y):
    client = persona_client(persona)
    got = [client.get(reverse(name, args=[rec.pk])).status_code for rec in (rec_x, rec_y)]
    if persona == "anonymous":
        assert got == [302, 302]
    else:
        assert got == [on_x[persona], on_y[persona]]


@pytest.mark.parametrize("name", ["recommendations:report", "recommendations:status"])
@pytest.mark.parametrize("persona", ["official", "site_manager", "focal_point"])
def test_post_forbidden_writes_nothing(name, persona, persona_client, rec_y):
    client = persona_client(persona)
    response = client.post(
        reverse(name, args=[rec_y.pk]), {"text": "x", "date": "2020-01-01", "to_status": "in_progress"}
    )
    assert response.status_code == 403
    rec_y.refresh_from_db()
    assert (rec_y.status, rec_y.progress_reports.count(), rec_y.status_changes.count()) == ("accepted", 0, 0)


@pytest.mark.parametrize("name", ["recommendations:detail", "recommendations:report", "recommendations:status"])
def test_unknown_recommendation_is_404(name, persona_client):
    assert persona_client("admin_user").get(reverse(name, args=[999999])).status_code == 404


def test_list_is_public_and_full_only_when_signed_in(client, official, rec_x):
    # Anonymous visitors get the public register (recommendations.public), signed-in users the full list.
    response = client.get(reverse("recommendations:list"))
    assert [t.name for t in response.templates][:1] == ["recommendations/public_list.html"]
    client.force_login(official)
    response = client.get(reverse("recommendations:list"))
    assert "recommendations/recommendation_list.html" in [t.name for t in response.templates]
    assert rec_x.title_en.encode() in response.content


def test_anonymous_sees_no_recommendation_titles(client, rec_x):
    for url in [reverse("home"), reverse("recommendations:list"), reverse("recommendations:detail", args=[rec_x.pk])]:
        response = client.get(url, follow=True)
        assert rec_x.title_en.encode() not in response.content


def test_nav_link_for_everyone_since_the_register_is_public(client, official):
    # Anonymous visitors get the public register (issue 19) at the same address, signed-in users the full list.
    link = f'href="{reverse("recommendations:list")}"'.encode()
    assert link in client.get(reverse("home")).content
    client.force_login(official)
    assert link in client.get(reverse("home")).content
