"""Issue 22, item 3: the GeoJSON and CSV exports (the catalogue's and /data/'s) stream in pieces, are gzipped for
clients that accept it, and answer a revalidation with 304 while the data behind them is unchanged."""

from __future__ import annotations

import gzip

import pytest
from django.test import Client
from django.urls import reverse

from portal import gzipstream
from portal.gzipstream import accepts_gzip, batched, gunzip_chunks, gzip_chunks
from sites.models import Site
from tests import services
from tests.factories import DesignationFactory, SiteDesignationFactory, SiteFactory

pytestmark = pytest.mark.django_db

DOWNLOADS = [
    pytest.param(lambda: reverse("sites:export_csv"), id="sites-csv"),
    pytest.param(lambda: reverse("sites:designations_csv"), id="designations-csv"),
    pytest.param(lambda: reverse("sites:export_geojson"), id="geojson"),
    pytest.param(lambda: "/data/sites.csv", id="data-sites-csv"),
]


@pytest.fixture
def many_sites(region):
    sites = [SiteFactory(slug=f"site-{n:02d}", name_en=f"Site number {n}", regions=[region]) for n in range(30)]
    for n, site in enumerate(sites):
        SiteDesignationFactory(site=site, designation=DesignationFactory(slug=f"designation-{n:02d}"))
    return sites


@pytest.fixture
def small_pieces(monkeypatch):
    """Pieces of 1 KiB, so that a test catalogue of 30 sites already takes several."""
    monkeypatch.setattr(gzipstream, "CHUNK_BYTES", 1024)


def fetch(url: str, **headers):
    response = Client().get(url, secure=url.startswith("/data/"), headers=headers)
    response.pieces = list(response.streaming_content) if response.streaming else [response.content]
    response.body = b"".join(response.pieces)
    return response


@pytest.mark.parametrize("url", DOWNLOADS)
def test_a_download_streams_in_pieces(url, many_sites, small_pieces):
    first, hit = fetch(url()), fetch(url())
    for response in (first, hit):
        assert response.status_code == 200
        assert response.streaming
        assert len(response.pieces) > 3
        assert max(len(piece) for piece in response.pieces) < 4 * 1024
    assert hit.body == first.body


@pytest.mark.parametrize("url", DOWNLOADS)
def test_a_download_is_gzipped_for_a_client_that_accepts_it(url, many_sites, small_pieces):
    plain = fetch(url())
    compressed = fetch(url(), **{"Accept-Encoding": "gzip, deflate, br"})
    assert "Content-Encoding" not in plain
    assert compressed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in compressed["Vary"] and "Accept-Encoding" in plain["Vary"]
    assert gzip.decompress(compressed.body) == plain.body
    assert len(compressed.body) < len(plain.body) / 3
    # Also from the cache (the second request of each kind).
    again = fetch(url(), **{"Accept-Encoding": "gzip"})
    assert gzip.decompress(again.body) == plain.body
    assert "Content-Encoding" not in fetch(url(), **{"Accept-Encoding": "gzip;q=0, identity"})


@pytest.mark.parametrize("url", DOWNLOADS)
def test_a_revalidation_is_answered_304_without_a_query(url, many_sites, django_assert_num_queries):
    first = fetch(url())
    assert first["ETag"].startswith('W/"')
    with django_assert_num_queries(0):
        by_etag = fetch(url(), **{"If-None-Match": first["ETag"]})
        by_date = fetch(url(), **{"If-Modified-Since": first["Last-Modified"]})
    assert (by_etag.status_code, by_date.status_code) == (304, 304)
    assert by_etag.body == b"" and by_etag["ETag"] == first["ETag"]


@pytest.mark.parametrize("url", DOWNLOADS)
def test_a_change_to_the_data_gives_a_new_etag_and_the_new_body(url, many_sites):
    first = fetch(url())
    site = Site.objects.get(slug="site-07")
    site.name_en = "Renamed after the download"
    site.save()
    again = fetch(url(), **{"If-None-Match": first["ETag"]})
    assert again.status_code == 200
    assert again["ETag"] != first["ETag"]
    assert b"Renamed after the download" in again.body or "designations" in url()


def test_the_etag_differs_by_language_and_query(many_sites):
    url = reverse("sites:export_csv")
    tags = {fetch(url)["ETag"], fetch(url + "?lang=ru")["ETag"], fetch(url + "?sep=tab")["ETag"]}
    assert len(tags) == 3


def test_a_signed_in_visitor_does_not_share_the_anonymous_etag(many_sites, official):
    url = reverse("sites:export_csv")
    anonymous = fetch(url)
    client = Client()
    client.force_login(official)
    response = client.get(url, headers={"If-None-Match": anonymous["ETag"]})
    assert response.status_code == 200


def test_an_export_with_a_refused_filter_is_not_tagged(many_sites):
    response = fetch(reverse("sites:export_csv") + "?region=nowhere")
    assert response.status_code == 400
    assert not response.has_header("ETag")


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("gzip", True),
        ("gzip, deflate, br", True),
        ("br;q=1.0, gzip;q=0.8", True),
        ("*", True),
        ("gzip;q=0", False),
        ("identity", False),
        ("", False),
        ("deflate", False),
    ],
)
def test_accept_encoding_is_read_with_its_qualities(rf, header, expected):
    assert accepts_gzip(rf.get("/", headers={"Accept-Encoding": header} if header else {})) is expected


def test_piecewise_gzip_round_trips_and_batches_small_chunks():
    rows = [f"row {n};" * 3 + "\n" for n in range(5000)]
    pieces = list(batched(rows, size=4096))
    assert all(len(piece) >= 4096 for piece in pieces[:-1]) and len(pieces) > 10
    compressed = list(gzip_chunks(pieces))
    assert gzip.decompress(b"".join(compressed)) == "".join(rows).encode()
    assert b"".join(gunzip_chunks(compressed)) == "".join(rows).encode()


@pytest.mark.services
def test_on_redis_a_stored_export_is_served_piece_by_piece(redis_url, settings, many_sites, small_pieces):
    """The production cache: the GeoJSON kept as gzip pieces in Redis, served to gzip and plain clients alike."""
    import uuid

    url, prefix = redis_url, f"mura-test-{uuid.uuid4().hex[:12]}"
    settings.CACHES = {"default": {"BACKEND": "portal.cache.RedisCache", "LOCATION": url, "KEY_PREFIX": prefix}}
    try:
        export = reverse("sites:export_geojson")
        first = fetch(export)
        plain, compressed = fetch(export), fetch(export, **{"Accept-Encoding": "gzip"})
        assert plain.from_page_cache and compressed.from_page_cache
        assert plain.body == first.body and len(plain.pieces) > 3
        assert gzip.decompress(compressed.body) == first.body
    finally:
        services.delete_redis_keys(url, prefix)
