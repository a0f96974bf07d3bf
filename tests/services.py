"""Real services for tests: PostgreSQL, Redis and a Celery worker process (the harness in portal/harness.py,
shared with the benchmark).

A test that needs one asks for its fixture. Without the service the test is skipped, unless
REQUIRE_SERVICES is set (CI sets it): then a missing service fails the test instead of hiding.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.db import connection

from portal import harness
from portal.harness import free_port, port_open, wait_for

ROOT = harness.ROOT


def missing(reason: str):
    """Skip locally; fail when services are required."""
    if settings.REQUIRE_SERVICES:
        pytest.fail(f"REQUIRE_SERVICES is set but {reason}", pytrace=False)
    pytest.skip(reason)


def redis_url_or_skip() -> str:
    url = os.environ.get("REDIS_URL")
    if not url:
        missing("REDIS_URL is not set")
    parsed = urlparse(url)
    if not port_open(parsed.hostname or "127.0.0.1", parsed.port or 6379):
        missing(f"Redis at {url} does not answer")
    return url


def delete_redis_keys(url: str, prefix: str) -> None:
    """Remove what a test left in Redis under its own key prefix."""
    import redis

    client = redis.Redis.from_url(url)
    try:
        keys = list(client.scan_iter(match=f"{prefix}:*"))
        if keys:
            client.delete(*keys)
    finally:
        client.close()


def postgres_or_skip() -> None:
    if connection.vendor != "postgresql":
        missing("the test database is not PostgreSQL (set DATABASE_URL)")


def test_database_url() -> str:
    """The URL of the database this test run uses (pytest-django's test_ database)."""
    return harness.database_url()


class WorkerProcess(harness.WorkerProcess):
    """The shared harness's worker, logging under this test process's var directory (var/test/<xdist worker>)."""

    def __init__(self, *, broker_url: str, **kwargs):
        super().__init__(broker_url=broker_url, log_dir=Path(settings.VAR_DIR), **kwargs)


def redis_server_or_skip() -> str:
    """The redis-server binary, for tests that stop and start a private Redis."""
    path = shutil.which("redis-server") or "/usr/bin/redis-server"
    if not Path(path).exists():
        missing("redis-server is not installed (needed for a private Redis)")
    return path


class RedisServer:
    """A private, throw-away redis-server on a free loopback port: a test may stop and start it at will.

    Never the machine's shared Redis: that one other tests and developers use.
    """

    def __init__(self, *, port: int | None = None):
        self.binary = redis_server_or_skip()
        self.port = port or free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self, timeout: float = 10.0) -> RedisServer:
        self.process = subprocess.Popen(
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        if not wait_for(lambda: port_open("127.0.0.1", self.port, timeout=0.2), timeout=timeout, interval=0.05):
            self.stop()
            raise RuntimeError(f"redis-server on port {self.port} did not start")
        return self

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None


@contextlib.contextmanager
def use_broker(url: str):
    """Point this process's Celery app at another broker (e.g. a private Redis) for the block."""
    from portal.celery import app

    def drop_pools() -> None:
        # What Celery does after a fork: forget the pooled connections (app.close() would unregister the app).
        app._pool = None
        app.amqp._producer_pool = None

    previous = app.conf.broker_url
    app.conf.broker_url = url
    drop_pools()
    try:
        yield app
    finally:
        app.conf.broker_url = previous
        drop_pools()
