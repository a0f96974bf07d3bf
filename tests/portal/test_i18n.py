from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "expected"),
    [("kk", "Нысандар"), ("ru", "Объекты"), ("en", "Sites")],
)
def test_language_switch_changes_the_navigation(client, language, expected):
    response = client.post(reverse("set_language"), {"language": language, "next": "/"})
    assert response.status_code == 302
    body = client.get("/").content.decode()
    nav = body.split('aria-label="', 2)[1]
    assert f">{expected}</a>" in body, nav[:400]


def test_language_urls_carry_no_prefix(client):
    client.post(reverse("set_language"), {"language": "ru", "next": "/"})
    assert client.get("/sites/").status_code == 200
    assert client.get("/ru/sites/").status_code == 404
