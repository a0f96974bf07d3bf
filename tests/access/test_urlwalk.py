"""The URL walker sees every pattern, keys it, and builds a URL that resolves back to it."""

from __future__ import annotations

import uuid

import pytest
from django.urls import resolve, reverse

from tests.access.urlwalk import sample_kwargs, unmatched, walk

SAMPLE_URLCONF = "tests.access.sample_urls"
TOKEN = uuid.UUID("12345678-1234-5678-1234-567812345678")
SAMPLES = {"slug": "charyn", "int": 7, "uuid": TOKEN, "path": "a/b.txt", "year": 2019}


@pytest.fixture
def routes():
    return {route.key: route for route in walk(SAMPLE_URLCONF)}


def test_walk_keys_every_endpoint_by_namespaced_name_or_route(routes):
    assert sorted(routes) == [
        "by_year",
        "home",
        "outer:file",
        "outer:inner:archive",
        "outer:inner:detail",
        "outer:inner:list",
        "plain/<int:pk>/",
    ]


def test_walk_names_the_converter_of_every_argument(routes):
    assert {key: dict(route.params) for key, route in routes.items() if route.params} == {
        "by_year": {"year": "year"},
        "outer:file": {"token": "uuid", "rest": "path"},
        "outer:inner:archive": {"year": "regex"},
        "outer:inner:detail": {"slug": "slug"},
        "plain/<int:pk>/": {"pk": "int"},
    }


def test_built_urls_equal_reverse_and_resolve_to_the_same_pattern(routes):
    overrides = {"year": 2019}
    for key, route in routes.items():
        kwargs = sample_kwargs(route, SAMPLES, overrides)
        url = route.url(kwargs)
        match = resolve(url, urlconf=SAMPLE_URLCONF)
        if route.name:
            assert match.view_name == key
            assert url == reverse(route.name, kwargs=kwargs, urlconf=SAMPLE_URLCONF), key
        else:
            assert (match.route, match.kwargs) == (route.route, kwargs)


def test_built_urls(routes):
    urls = {key: route.url(sample_kwargs(route, SAMPLES)) for key, route in routes.items()}
    assert urls == {
        "home": "/",
        "plain/<int:pk>/": "/plain/7/",
        "outer:inner:list": "/nested/items/",
        "outer:inner:detail": "/nested/items/charyn/",
        "outer:inner:archive": "/nested/items/archive/2019/",
        "outer:file": f"/nested/{TOKEN}/file/a/b.txt",
        "by_year": "/flat/2019/",
    }


def test_sample_kwargs_prefers_overrides_then_argument_names_then_converters(routes):
    detail = routes["outer:inner:detail"]
    assert sample_kwargs(detail, {"slug": "by-converter"}) == {"slug": "by-converter"}
    assert sample_kwargs(detail, {"slug": "x"}, {"slug": "by-override"}) == {"slug": "by-override"}
    with pytest.raises(KeyError, match="outer:inner:detail: no sample for argument 'slug'"):
        sample_kwargs(detail, {})


def test_unmatched_reports_routes_missing_from_the_expectations_and_stale_expectations(routes):
    expected = dict.fromkeys(set(routes) - {"outer:inner:archive"} | {"outer:inner:gone"})
    assert unmatched(routes.values(), expected) == (["outer:inner:archive"], ["outer:inner:gone"])
    assert unmatched(routes.values(), dict.fromkeys(routes)) == ([], [])
