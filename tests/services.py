"""Real services for tests: PostgreSQL, Redis and a Celery worker process.

A test that needs one asks for its fixture. Without the service the test is skipped, unless
REQUIRE_SERVICES is set (CI sets it): then a missing service fails the test instead of hiding.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.db import connection

from portal.env import database_url_of

ROOT = Path(__file__).resolve().parent.parent


def missing(reason: str):
    """Skip locally; fail when services are required."""
    if settings.REQUIRE_SERVICES:
        pytest.fail(f"REQUIRE_SERVICES is set but {reason}", pytrace=False)
    pytest.skip(reason)


def port_open(host: str, port: int, timeout: float = 1.0) -> bool:
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def redis_url_or_skip() -> str:
    url = os.environ.get("REDIS_URL")
    if not url:
        missing("REDIS_URL is not set")
    parsed = urlparse(url)
    if not port_open(parsed.hostname or "127.0.0.1", parsed.port or 6379):
        missing(f"Redis at {url} does not answer")
    return url


def postgres_or_skip() -> None:
    if connection.vendor != "postgresql":
        missing("the test database is not PostgreSQL (set DATABASE_URL)")


def test_database_url() -> str:
    """The URL of the database this test run uses (pytest-django's test_ database)."""
    return database_url_of(connection.settings_dict)


class WorkerProcess:
    """A real `celery worker` in a subprocess, on its own queue, against the test database."""

    def __init__(
        self,
        *,
        broker_url: str,
        env: dict[str, str] | None = None,
        concurrency: int = 1,
        pool: str = "prefork",
        queue: str | None = None,
    ):
        # Pass the queue of an earlier worker to start a second one beside it, or to restart it after a kill.
        self.queue = queue or f"test-{uuid.uuid4().hex[:10]}"
        self.broker_url = broker_url
        self.extra_env = env or {}
        self.concurrency = concurrency
        self.pool = pool
        self.process: subprocess.Popen | None = None
        self.log_path = Path(settings.VAR_DIR) / f"worker-{self.queue}-{uuid.uuid4().hex[:6]}.log"

    def environment(self) -> dict[str, str]:
        env = dict(os.environ)
        env.update(
            {
                "DJANGO_SETTINGS_MODULE": "portal.settings",
                "DATABASE_URL": test_database_url(),
                "REDIS_URL": self.broker_url,
                "CELERY_DEFAULT_QUEUE": self.queue,
                "DEBUG": "true",
            }
        )
        env.update(self.extra_env)
        return env

    def start(self, timeout: float = 30.0) -> WorkerProcess:
        from portal.celery import app

        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        self._log_file = open(self.log_path, "wb")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "portal",
                "worker",
                f"--pool={self.pool}",
                f"--concurrency={self.concurrency}",
                "-Q",
                self.queue,
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "-n",
                f"{self.queue}@%h",
                "--loglevel=INFO",
            ],
            cwd=ROOT,
            env=self.environment(),
            stdout=self._log_file,
            stderr=subprocess.STDOUT,
        )
        # Route this test's tasks to this worker's private queue.
        self._previous_queue = app.conf.task_default_queue
        app.conf.task_default_queue = self.queue
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"worker exited early:\n{self.log()}")
            if b"ready." in self.log_path.read_bytes():
                return self
            time.sleep(0.2)
        raise RuntimeError(f"worker did not become ready:\n{self.log()}")

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def stop(self, sig: int | None = None) -> None:
        from portal.celery import app

        app.conf.task_default_queue = getattr(self, "_previous_queue", "celery")
        if self.process and self.process.poll() is None:
            if sig is None:
                self.process.terminate()
            else:
                self.process.send_signal(sig)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if getattr(self, "_log_file", None) is not None:
            self._log_file.close()
            self._log_file = None


def wait_for(predicate, timeout: float = 20.0, interval: float = 0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(interval)
    return predicate()


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
