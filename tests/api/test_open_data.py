"""/data/: the open datasets as CSV and JSON with their data dictionary and licence, anonymous, cached, CORS open."""

from __future__ import annotations

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from api.datasets import DATASETS, LICENCE_URL
from seminars.models import Gender, Registration
from tests.factories.recommendations import RecommendationFactory
from tests.factories.seminars import PersonFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def get(client, url, **headers):
    return client.get(url, secure=True, headers=headers)


def body(response) -> bytes:
    """The whole body: the downloads stream (read once, kept on the response for a second look)."""
    if not hasattr(response, "_body"):
        response._body = b"".join(response.streaming_content) if response.streaming else response.content
    return response._body


def read_csv(response) -> list[dict]:
    text = body(response).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


@pytest.fixture
def data(catalogue, organization):
    seminar = catalogue["seminars"][0]
    women = PersonFactory(gender=Gender.FEMALE, email="aigerim@example.org", full_name="Aigerim Secret")
    RegistrationFactory(seminar=seminar, person=women)
    RegistrationFactory(seminar=seminar, person=PersonFactory(gender=Gender.MALE), status=Registration.Status.ATTENDED)
    RegistrationFactory(seminar=seminar, status=Registration.Status.CANCELLED)
    published = RecommendationFactory(published=True, lead_organization=organization, sites=[catalogue["sites"][0]])
    RecommendationFactory(published=False, title_en="Unpublished item")
    return {"seminar": seminar, "published": published}


def test_index_lists_every_dataset_with_its_dictionary_and_licence(client, data):
    response = get(client, "/data/")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    html = body(response).decode()
    assert LICENCE_URL in html
    for dataset in DATASETS.values():
        assert f"/data/{dataset.slug}.csv" in html
        assert f"/data/{dataset.slug}.json" in html
        for key in dataset.keys:
            assert f"<code>{key}</code>" in html


def test_index_dictionary_is_in_the_readers_language(client, data):
    html = body(get(client, "/data/?lang=ru")).decode()
    assert "Словарь данных" in html
    assert "Name in Kazakh." not in html


@pytest.mark.parametrize("slug", list(DATASETS))
def test_csv_header_is_the_stable_keys(client, data, slug):
    response = get(client, f"/data/{slug}.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert body(response).startswith("\ufeff".encode())
    header = next(csv.reader(io.StringIO(body(response).decode("utf-8-sig"))))
    assert header == DATASETS[slug].keys


@pytest.mark.parametrize("slug", list(DATASETS))
def test_csv_is_the_same_in_every_language(client, data, slug):
    bodies = {body(get(client, f"/data/{slug}.csv?lang={lang}")) for lang in ("kk", "ru", "en")}
    assert len(bodies) == 1


@pytest.mark.parametrize("slug", list(DATASETS))
def test_json_has_the_same_keys_and_the_licence(client, data, slug):
    response = get(client, f"/data/{slug}.json")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    document = response.json()
    assert document["license"]["id"] == "CC-BY-4.0"
    assert document["fields"] == DATASETS[slug].keys
    assert all(list(record) == DATASETS[slug].keys for record in document["records"])


def test_sites_dataset_rows(client, data):
    rows = read_csv(get(client, "/data/sites.csv"))
    assert [row["slug"] for row in rows] == ["site-0", "site-1", "site-2"]
    assert rows[0]["designations"] == "silk-roads"
    assert rows[0]["components"] == "Talgar"
    records = get(client, "/data/sites.json").json()["records"]
    assert records[0]["designations"] == ["silk-roads"]


def test_recommendations_dataset_holds_only_the_published(client, data):
    rows = read_csv(get(client, "/data/recommendations.csv"))
    assert [int(row["id"]) for row in rows] == [data["published"].pk]
    assert rows[0]["status"] == "accepted"
    assert rows[0]["overdue"] in ("true", "false")
    assert rows[0]["sites"] == "site-0"


def test_seminar_statistics_are_counts_without_people(client, data):
    response = get(client, "/data/seminar-statistics.csv")
    assert b"aigerim" not in body(response).lower()
    assert b"Secret" not in body(response)
    rows = read_csv(response)
    # The draft seminar is not public (the others are the recommendations' seminars).
    assert "draft-seminar" not in [row["seminar"] for row in rows]
    row = next(row for row in rows if row["seminar"] == "public-seminar")
    assert (row["registered"], row["attended"], row["cancelled"], row["waitlisted"]) == ("1", "1", "1", "0")
    assert (row["women"], row["men"]) == ("1", "1")
    records = get(client, "/data/seminar-statistics.json").json()["records"]
    json_row = next(record for record in records if record["seminar"] == "public-seminar")
    assert json_row["registered"] == 1


def test_semicolon_separator_on_request(client, data):
    text = body(get(client, "/data/designations.csv?sep=semicolon")).decode("utf-8-sig")
    assert text.splitlines()[0].startswith('"slug";"kind";')


def test_unknown_dataset_is_404(client, data):
    assert get(client, "/data/people.csv").status_code == 404
    assert get(client, "/data/people.json").status_code == 404


def test_downloads_are_cached_for_anonymous_visitors_and_dropped_on_a_change(client, data):
    first = get(client, "/data/sites.csv")
    with CaptureQueriesContext(connection) as queries:
        again = get(client, "/data/sites.csv")
    assert len(queries) == 0
    assert body(again) == body(first)
    site = data["seminar"].sites.first()
    site.name_en = "Renamed site"
    site.save()
    assert b"Renamed site" in body(get(client, "/data/sites.csv"))


def test_statistics_follow_a_new_registration(client, data):
    get(client, "/data/seminar-statistics.csv")
    RegistrationFactory(seminar=data["seminar"])
    rows = read_csv(get(client, "/data/seminar-statistics.csv"))
    assert next(row for row in rows if row["seminar"] == "public-seminar")["registered"] == "2"


def test_revalidation_gets_a_304(client, data):
    response = get(client, "/data/designations.json")
    again = get(client, "/data/designations.json", **{"If-None-Match": response["ETag"]})
    assert again.status_code == 304


def test_formula_cells_are_neutralised(client, data, catalogue):
    site = catalogue["sites"][1]
    site.name_en = '=HYPERLINK("http://evil")'
    site.save()
    rows = read_csv(get(client, "/data/sites.csv"))
    assert rows[1]["name_en"].startswith("'=")


def test_footer_links_to_the_open_data(client, data):
    assert 'href="/data/"' in body(get(client, "/")).decode()


def test_access_matrix_names_every_dataset():
    from tests.access.matrix.api import DATASET_SLUGS

    assert sorted(DATASET_SLUGS) == sorted(DATASETS)


@pytest.mark.parametrize("path", ["/data/", "/data/sites.csv"])
def test_a_signed_in_visitors_copy_is_never_stored(client, data, official, path):
    """The page names the signed-in visitor: it stays private and unstored, never `public`."""
    client.force_login(official)
    cache_control = get(client, path)["Cache-Control"]
    assert "no-store" in cache_control and "private" in cache_control
    assert "public" not in cache_control


def test_an_anonymous_copy_may_be_shared(client, data):
    assert "public" in get(client, "/data/sites.csv")["Cache-Control"]
