"""portal.cache.RedisCache: Django's Redis cache, reusing one redis-py client per pool (a service test)."""

from __future__ import annotations

import threading
import uuid
from pathlib import Path

import pytest
from django.core.cache import cache, caches

from tests import services

pytestmark = pytest.mark.services


@pytest.fixture
def redis_cache(settings, redis_url):
    prefix = f"mura-test-{uuid.uuid4().hex[:12]}"
    settings.CACHES = {"default": {"BACKEND": "portal.cache.RedisCache", "LOCATION": redis_url, "KEY_PREFIX": prefix}}
    yield
    for pool in cache._cache._pools.values():  # the threads' connections, closed before the settings go back
        pool.disconnect()
    services.delete_redis_keys(redis_url, prefix)


def test_the_settings_use_it_with_redis():
    from portal import settings as portal_settings

    source = Path(portal_settings.__file__).read_text(encoding="utf-8")
    assert '"BACKEND": "portal.cache.RedisCache"' in source


def test_one_client_serves_every_call_and_every_thread(redis_cache):
    """Django keeps a cache object per thread; one shared by threads (as a redis-py client may be) works too."""
    shared = caches["default"]
    backend = shared._cache
    assert backend.get_client() is backend.get_client(write=True)
    errors = []

    def work(n: int) -> None:
        try:
            for i in range(50):
                shared.set(f"k{n}-{i}", (n, i))
                assert shared.get(f"k{n}-{i}") == (n, i)
            assert shared.get_many([f"k{n}-0", f"k{n}-49"]) == {f"k{n}-0": (n, 0), f"k{n}-49": (n, 49)}
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
