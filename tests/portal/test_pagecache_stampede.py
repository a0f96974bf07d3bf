"""Issue 22, item 4: a burst of anonymous requests for a page that is not in the cache (the first visitors after
an edit bumped the version) renders it once; the others wait for that render and are served its copy.

Real views in threads, each with its own test client, with a counter around the work the view does. The render
is held until every other request is waiting for it (portal.pagecache._pause is how a request waits), so the
burst overlaps on any machine, however loaded; the counts do not depend on timing. Run on the local-memory cache
(tests' default) and on Redis (a service test: skipped without it, required in CI).
"""

from __future__ import annotations

import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.cache import caches
from django.db import connections
from django.test import Client
from django.urls import reverse

from api import v1
from portal import pagecache
from sites import views as site_views
from sites.models import Site
from tests import services
from tests.factories import SiteFactory

pytestmark = pytest.mark.django_db(transaction=True)  # the request threads read with their own connections

BURST = 8
HOLD_LIMIT = 30.0  # seconds a render waits for the burst to gather before giving up (a test failure, not a hang)


@pytest.fixture(params=["locmem", pytest.param("redis", marks=pytest.mark.services)])
def shared_cache(request, settings):
    """The cache the page cache uses: local memory, or Redis under a key prefix of this test's own."""
    if request.param == "locmem":
        yield "LocMemCache"
        return
    url = services.redis_url_or_skip()
    prefix = f"mura-test-{uuid.uuid4().hex[:12]}"
    settings.CACHES = {"default": {"BACKEND": "portal.cache.RedisCache", "LOCATION": url, "KEY_PREFIX": prefix}}
    yield "RedisCache"
    services.delete_redis_keys(url, prefix)


class Burst:
    """Counts renders and waiting requests; a render is held until every other request of the burst waits."""

    def __init__(self, monkeypatch, size: int = BURST) -> None:
        self.size = size
        self.lock = threading.Lock()
        self.renders = 0
        self.waiting: set[int] = set()
        self.gathered = threading.Event()
        original_pause = pagecache._pause

        def pause(seconds: float) -> None:
            with self.lock:
                self.waiting.add(threading.get_ident())
                if len(self.waiting) >= self.size - 1:
                    self.gathered.set()
            original_pause(seconds)

        monkeypatch.setattr(pagecache, "_pause", pause)

    def counting(self, work):
        def counted(*args, **kwargs):
            with self.lock:
                self.renders += 1
            self.gathered.wait(HOLD_LIMIT)
            return work(*args, **kwargs)

        return counted

    def run(self, url: str, **extra) -> list:
        start = threading.Barrier(self.size)

        def one(_n):
            try:
                start.wait(HOLD_LIMIT)
                response = Client().get(url, **extra)
                body = b"".join(response.streaming_content) if response.streaming else response.content
                return response.status_code, body, getattr(response, "from_page_cache", False)
            finally:
                connections.close_all()

        began = time.monotonic()
        with ThreadPoolExecutor(self.size) as pool:
            results = list(pool.map(one, range(self.size)))
        self.seconds = time.monotonic() - began
        return results


def _assert_one_render_served_to_all(burst: Burst, results: list) -> None:
    assert burst.renders == 1
    assert len(burst.waiting) == BURST - 1
    assert [status for status, _body, _hit in results] == [200] * BURST
    # The same page for all; each copy carries its own visitor's CSRF token.
    assert len({pagecache._CSRF_INPUT.sub(rb"\1\2", body) for _status, body, _hit in results}) == 1
    assert sorted(hit for _status, _body, hit in results) == [False] + [True] * (BURST - 1)


def test_a_burst_for_the_site_page_renders_it_once(shared_cache, monkeypatch):
    assert type(caches["default"]).__name__ == shared_cache
    site = SiteFactory(slug="burst-site", name_en="Burst site")
    burst = Burst(monkeypatch)
    monkeypatch.setattr(
        site_views.SiteDetailView, "get_context_data", burst.counting(site_views.SiteDetailView.get_context_data)
    )
    results = burst.run(reverse("sites:detail", args=[site.slug]))
    _assert_one_render_served_to_all(burst, results)
    assert b"Burst site" in results[0][1]


def test_after_an_edit_the_next_burst_renders_it_once_again(shared_cache, monkeypatch):
    site = SiteFactory(slug="burst-site", name_en="Before the edit")
    url = reverse("sites:detail", args=[site.slug])
    assert Client().get(url).status_code == 200
    assert Client().get(url).from_page_cache

    Site.objects.filter(pk=site.pk).update(name_en="After the edit")
    Site.objects.get(pk=site.pk).save()  # the signal bumps the catalogue's version: every copy is stale
    burst = Burst(monkeypatch)
    monkeypatch.setattr(
        site_views.SiteDetailView, "get_context_data", burst.counting(site_views.SiteDetailView.get_context_data)
    )
    results = burst.run(url)
    _assert_one_render_served_to_all(burst, results)
    assert b"After the edit" in results[0][1]


def test_a_burst_for_the_api_site_list_renders_it_once(shared_cache, monkeypatch):
    for n in range(3):
        SiteFactory(slug=f"api-site-{n}")
    burst = Burst(monkeypatch)
    monkeypatch.setattr(v1, "_site_queryset", burst.counting(v1._site_queryset))
    results = burst.run("/api/v1/sites/", secure=True)
    _assert_one_render_served_to_all(burst, results)
    assert b"api-site-2" in results[0][1]


def test_answers_that_are_never_stored_do_not_keep_the_burst_waiting(shared_cache, monkeypatch):
    """A 404 is not stored: its renderer says so, and each waiter renders its own at once, not after the wait."""
    monkeypatch.setattr(pagecache, "RENDER_WAIT_SECONDS", 20.0)
    burst = Burst(monkeypatch)
    monkeypatch.setattr(site_views.SiteDetailView, "get_object", burst.counting(site_views.SiteDetailView.get_object))
    results = burst.run(reverse("sites:detail", args=["no-such-site"]))
    assert [status for status, _body, _hit in results] == [404] * BURST
    assert burst.renders == BURST
    assert burst.seconds < pagecache.RENDER_WAIT_SECONDS


def test_a_lock_left_by_a_dead_renderer_is_taken_over(shared_cache, monkeypatch):
    """A renderer that died holding the lock (its process killed): the next request waits no longer than the
    lock's life, then renders and stores the page itself."""
    site = SiteFactory(slug="orphan-lock")
    url = reverse("sites:detail", args=[site.slug])
    monkeypatch.setattr(pagecache, "RENDER_LOCK_SECONDS", 1)
    original_release, original_context = pagecache._RenderLock.release, site_views.SiteDetailView.get_context_data

    def die(*args, **kwargs):
        raise RuntimeError("the renderer's process was killed")

    monkeypatch.setattr(pagecache._RenderLock, "release", lambda lock: None)
    monkeypatch.setattr(site_views.SiteDetailView, "get_context_data", die)
    assert Client(raise_request_exception=False).get(url).status_code == 500

    monkeypatch.setattr(pagecache._RenderLock, "release", original_release)
    monkeypatch.setattr(site_views.SiteDetailView, "get_context_data", original_context)
    began = time.monotonic()
    response = Client().get(url)
    assert response.status_code == 200 and not getattr(response, "from_page_cache", False)
    assert time.monotonic() - began < pagecache.RENDER_WAIT_SECONDS
    assert Client().get(url).from_page_cache
