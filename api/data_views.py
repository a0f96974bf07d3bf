"""/data/: the open datasets on one page with their data dictionary and licence, and their CSV and JSON downloads.

Anyone may read them from any origin (api.middleware gives /data/ the API's CORS and caching headers);
anonymous requests are served from the page cache (portal.pagecache), each download under the namespace of the
data it holds, so an edit shows at once. The CSV goes through portal.exports (formulas neutralised, UTF-8 with a
byte-order mark) with the stable keys as its header; the JSON holds the same keys with typed values.
"""

from __future__ import annotations

import json

from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.urls import reverse
from django.views.generic import TemplateView

from api import datasets
from api.datasets import DATASETS, Dataset
from portal.exports import CSV_CONTENT_TYPE, SEPARATORS, Column, Table, csv_chunks
from portal.pagecache import cache_anonymous_page
from portal.streaming import conditional_export
from sites.signals import CATALOGUE

LANGUAGES = ("kk", "ru", "en")


def _lang_only(request: HttpRequest) -> list[tuple[str, str]] | None:
    """The parameters a /data/ answer accepts besides its own: ``lang`` (valid values); None for anything else."""
    pairs = []
    for name, value in request.GET.items():
        if name == "lang" and value in LANGUAGES:
            pairs.append((name, value))
        else:
            return None
    return pairs


def index_query(request: HttpRequest) -> tuple | None:
    pairs = _lang_only(request)
    return None if pairs is None else tuple(pairs)


def csv_query(request: HttpRequest) -> tuple | None:
    pairs = []
    for name, value in sorted(request.GET.items()):
        if (name == "lang" and value in LANGUAGES) or (name == "sep" and value in SEPARATORS):
            pairs.append((name, value))
        else:
            return None
    return tuple(pairs)


class OpenDataView(TemplateView):
    template_name = "data/index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["datasets"] = [
            {
                "dataset": dataset,
                "csv_url": reverse("data:csv", kwargs={"dataset": dataset.slug}),
                "json_url": reverse("data:json", kwargs={"dataset": dataset.slug}),
            }
            for dataset in DATASETS.values()
        ]
        context |= {
            "licence_name": datasets.LICENCE_NAME,
            "licence_url": datasets.LICENCE_URL,
            "portal_url": self.request.build_absolute_uri("/"),
        }
        return context


def _dataset(slug: str) -> Dataset:
    try:
        return DATASETS[slug]
    except KeyError:
        raise Http404 from None


def _attachment(response: HttpResponse, filename: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Link"] = f'<{datasets.LICENCE_URL}>; rel="license"'
    return response


def _csv(request: HttpRequest, dataset: str) -> HttpResponse:
    data = _dataset(dataset)
    table = Table(
        title=data.title,
        columns=[Column(key, key) for key in data.keys],
        rows=([datasets.csv_value(record[key]) for key in data.keys] for record in data.records(request)),
    )
    # Streamed; the ETag comes from the dataset's version (portal.streaming), not from the body.
    chunks = csv_chunks(table, delimiter=SEPARATORS.get(request.GET.get("sep", ""), ","), header="keys")
    response = StreamingHttpResponse(chunks, content_type=CSV_CONTENT_TYPE)
    return _attachment(response, f"mura-{data.slug}.csv")


def _json(request: HttpRequest, dataset: str) -> HttpResponse:
    data = _dataset(dataset)
    document = {
        "dataset": data.slug,
        "license": {"id": datasets.LICENCE_ID, "name": datasets.LICENCE_NAME, "url": datasets.LICENCE_URL},
        "source": request.build_absolute_uri(reverse("data:index")),
        "fields": data.keys,
        "records": [{key: datasets.json_value(record[key]) for key in data.keys} for record in data.records(request)],
    }
    body = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    return _attachment(HttpResponse(body, content_type="application/json"), f"mura-{data.slug}.json")


def _cached_per_dataset(view, query):
    """Each dataset's downloads are cached under the namespace of the data they hold, streamed and compressed,
    and answered with 304 while that namespace's version is unchanged."""
    cached = {
        slug: conditional_export(d.namespace)(cache_anonymous_page(d.namespace, query=query)(view))
        for slug, d in DATASETS.items()
    }

    def dispatch(request: HttpRequest, dataset: str) -> HttpResponse:
        if dataset not in cached:
            raise Http404
        return cached[dataset](request, dataset=dataset)

    return dispatch


index = cache_anonymous_page(CATALOGUE, query=index_query)(OpenDataView.as_view())
download_csv = _cached_per_dataset(_csv, csv_query)
download_json = _cached_per_dataset(_json, index_query)
