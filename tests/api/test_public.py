"""The public, anonymous, read-only API: content, filters, pages, languages, validators, CORS and problems."""

from __future__ import annotations

import pytest

from tests.factories.seminars import PersonFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def get(client, url, **headers):
    return client.get(url, secure=True, headers=headers)


def test_sites_list_carries_designations_and_components(client, catalogue):
    response = get(client, "/api/v1/sites/")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    body = response.json()
    assert [s["slug"] for s in body["results"]] == ["site-0", "site-1", "site-2"]
    assert body["next"] is None
    first = body["results"][0]["designations"]
    assert [(d["slug"], d["component"]) for d in first] == [("silk-roads", "Talgar")]


def test_sites_filter_like_the_catalogue(client, catalogue):
    body = get(client, "/api/v1/sites/?designation=biosphere_reserve").json()
    assert [s["slug"] for s in body["results"]] == ["site-2"]


def test_sites_unknown_region_is_a_problem(client, catalogue):
    response = get(client, "/api/v1/sites/?region=atlantis")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert set(problem) == {"type", "title", "status", "detail", "errors"}
    assert problem["status"] == 400
    assert [e["field"] for e in problem["errors"]] == ["region"]


def test_sites_pages_follow_the_cursor(client, catalogue):
    first = get(client, "/api/v1/sites/?limit=2").json()
    assert [s["slug"] for s in first["results"]] == ["site-0", "site-1"]
    second = get(client, first["next"]).json()
    assert [s["slug"] for s in second["results"]] == ["site-2"]
    assert second["next"] is None


@pytest.mark.parametrize("cursor", ["abc", "YWZ0ZXI6eA", "%00", "-1"])
def test_a_forged_cursor_is_400(client, catalogue, cursor):
    response = get(client, f"/api/v1/sites/?cursor={cursor}")
    assert response.status_code == 400
    assert response.json()["status"] == 400


def test_language_by_parameter_and_by_header(client, catalogue):
    kazakh = get(client, "/api/v1/designations/silk-roads/?lang=kk")
    assert kazakh["Content-Language"] == "kk"
    assert "Set-Cookie" not in kazakh
    assert kazakh.json()["name"] == catalogue["designations"][0].name_kk
    russian = get(client, "/api/v1/designations/silk-roads/", accept_language="ru")
    assert russian.json()["name"] == catalogue["designations"][0].name_ru
    problem = get(client, "/api/v1/sites/nowhere/?lang=ru").json()
    assert problem["title"] == "Не найдено"


def test_etag_and_last_modified_answer_304(client, catalogue):
    response = get(client, "/api/v1/sites/site-0/")
    etag, modified = response["ETag"], response["Last-Modified"]
    assert get(client, "/api/v1/sites/site-0/", if_none_match=etag).status_code == 304
    assert get(client, "/api/v1/sites/site-0/", if_modified_since=modified).status_code == 304
    site = catalogue["sites"][0]
    site.name_en = "Renamed"
    site.save()
    assert get(client, "/api/v1/sites/site-0/", if_none_match=etag).status_code == 200


def test_seminars_are_public_fields_only(client, catalogue):
    seminar = catalogue["seminars"][0]
    person = PersonFactory(full_name="Aigerim Secret", email="aigerim.secret@example.org")
    RegistrationFactory(seminar=seminar, person=person, full_name=person.full_name, email=person.email)
    listing = get(client, "/api/v1/seminars/")
    assert [s["slug"] for s in listing.json()["results"]] == ["public-seminar"]
    detail = get(client, "/api/v1/seminars/public-seminar/")
    assert detail.status_code == 200
    assert "Secret" not in detail.content.decode()
    assert "example.org" not in detail.content.decode()
    assert get(client, "/api/v1/seminars/draft-seminar/").status_code == 404


def test_no_cors_and_no_shared_cache_for_a_request_with_credentials(client, catalogue):
    response = get(client, "/api/v1/sites/", authorization="Bearer something")
    assert "Access-Control-Allow-Origin" not in response
    assert "private" in response["Cache-Control"]


def test_unknown_path_and_method_are_problems(client, catalogue):
    assert get(client, "/api/v1/nowhere/").json()["status"] == 404
    response = client.post("/api/v1/sites/", secure=True)
    assert response.status_code == 405
    assert response["Content-Type"] == "application/problem+json"


def test_nul_in_a_parameter_is_400(client, catalogue):
    response = get(client, "/api/v1/sites/?q=a%00b")
    assert response.status_code == 400


def test_openapi_and_docs_page(client, catalogue):
    schema = get(client, "/api/v1/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/sites/" in schema["paths"]
    page = get(client, "/api/docs/").content.decode()
    assert "vendor/swagger-ui/swagger-ui-bundle.js" in page
    assert "//cdn" not in page and "unpkg" not in page


def test_sites_list_query_count_does_not_grow(client, catalogue, django_assert_num_queries):
    # sites page, regions, districts, designation links with designations, managing organization joined
    with django_assert_num_queries(4):
        get(client, "/api/v1/sites/?limit=1")
    with django_assert_num_queries(4):
        get(client, "/api/v1/sites/?limit=3")
