"""In production the failed-login counters live in Redis, so every gunicorn worker sees the same count.

The test spends five failed log-ins for one account in this process, then asks a second Python process
(its own Django, its own Redis connection: a second worker) for the sixth: it is refused with 429.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.cache import caches

from tests import services
from tests.security.conftest import post_login

pytestmark = [pytest.mark.django_db, pytest.mark.services]

SECOND_WORKER = """
import json, os, django
os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings"
django.setup()
from django.core.cache import caches
from django.test import Client
response = Client().post("/accounts/login/", {"login": os.environ["VICTIM"], "password": "still-guessing-1"},
                         REMOTE_ADDR="192.0.2.200")
print(json.dumps({"status": response.status_code, "cache": type(caches["default"]).__name__}))
"""


@pytest.fixture
def redis_cache(settings, redis_url):
    """The Redis cache as in production, under a key prefix of this test's own; only those keys are deleted."""
    prefix = f"mura-test-{uuid.uuid4().hex[:12]}"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": prefix,
        }
    }
    yield prefix
    services.delete_redis_keys(redis_url, prefix)


def test_failed_login_count_is_shared_by_two_processes(client, redis_cache, redis_url):
    assert type(caches["default"]).__name__ == "RedisCache"
    for n in range(5):
        assert post_login(client, "aigerim@test.example", "wrong-password-1", ip=f"192.0.2.{n + 1}").status_code == 200

    env = dict(os.environ)
    env.update(
        {
            "REDIS_URL": redis_url,
            "CACHE_KEY_PREFIX": redis_cache,
            "DATABASE_URL": services.test_database_url(),
            "DEBUG": "true",
            "VICTIM": "aigerim@test.example",
        }
    )
    result = subprocess.run(
        [sys.executable, "-c", SECOND_WORKER], cwd=services.ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == {"status": 429, "cache": "RedisCache"}


def test_failed_login_count_is_shared_by_two_cache_clients(redis_cache):
    """Two cache clients with their own connections (Django gives each thread its own): one count."""
    from allauth.core.internal import ratelimit
    from django.test import RequestFactory

    def attempt() -> tuple[bool, int]:
        request = RequestFactory().post("/accounts/login/", REMOTE_ADDR="198.51.100.1")
        allowed = ratelimit.consume(request, app="allauth.account", action="login_failed", key="victim")
        return bool(allowed), id(caches["default"])

    results = [attempt() for _ in range(4)]  # four failed attempts recorded through this thread's client
    with ThreadPoolExecutor(max_workers=1) as pool:  # a second client, as in another worker
        results += [pool.submit(attempt).result() for _ in range(2)]

    assert [allowed for allowed, _client in results] == [True, True, True, True, True, False]
    assert len({client for _allowed, client in results}) == 2
