"""Live services for the test suite and the benchmark: a real Celery worker process, an SMTP sink on loopback,
the database URL a subprocess is given, free loopback ports.

tests/ and bench/ both use it; it lives in the lowest layer so that neither imports the other. Nothing in the
running portal imports it. aiosmtpd (a development dependency) is imported only when a sink is made.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

from django.db import connection

from portal.env import database_url_of

ROOT = Path(__file__).resolve().parent.parent


class HarnessError(RuntimeError):
    """A live service did not start."""


def free_port() -> int:
    """A loopback port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def port_open(host: str, port: int, timeout: float = 1.0) -> bool:
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def wait_for(predicate, timeout: float = 20.0, interval: float = 0.2):
    """Call predicate until it returns something true or timeout seconds pass; return its last result."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(interval)
    return predicate()


def database_url() -> str:
    """The URL of the database this process is connected to (under pytest: the test database), for a worker."""
    return database_url_of(connection.settings_dict)


def _drop_pools(app) -> None:
    # What Celery does after a fork: forget the pooled connections (app.close() would unregister the app).
    app._pool = None
    app.amqp._producer_pool = None


class WorkerProcess:
    """A real `celery worker` in a subprocess, on a queue of its own, against this process's database.

    While it runs, this process's tasks go to its queue on its broker. ``env`` adds to (or overrides) the
    worker's environment: e-mail settings, DEBUG off for production behaviour, and so on.
    """

    def __init__(
        self,
        *,
        broker_url: str,
        log_dir: Path,
        env: dict[str, str] | None = None,
        concurrency: int = 1,
        pool: str = "prefork",
        queue: str | None = None,
        queue_prefix: str = "test",
    ):
        # Pass the queue of an earlier worker to start a second one beside it, or to restart it after a kill.
        self.queue = queue or f"{queue_prefix}-{uuid.uuid4().hex[:10]}"
        self.broker_url = broker_url
        self.extra_env = env or {}
        self.concurrency = concurrency
        self.pool = pool
        self.process: subprocess.Popen | None = None
        self.log_path = Path(log_dir) / f"worker-{self.queue}-{uuid.uuid4().hex[:6]}.log"
        self._log_file = None
        self._previous: tuple[str, str] | None = None

    def environment(self) -> dict[str, str]:
        env = dict(os.environ)
        env.update(
            {
                "DJANGO_SETTINGS_MODULE": "portal.settings",
                "DATABASE_URL": database_url(),
                "REDIS_URL": self.broker_url,
                "CELERY_DEFAULT_QUEUE": self.queue,
                "DEBUG": "true",
            }
        )
        env.update(self.extra_env)
        return env

    def start(self, timeout: float = 90.0) -> WorkerProcess:
        """Start the worker and wait until it says it is ready (slow on a loaded machine: a generous bound)."""
        from portal.celery import app

        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        self._log_file = open(self.log_path, "wb")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(  # noqa: S603 - our own interpreter and fixed arguments
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
        # Route this process's tasks to the worker's private queue on its broker.
        self._previous = (app.conf.task_default_queue, app.conf.broker_url)
        app.conf.task_default_queue = self.queue
        if app.conf.broker_url != self.broker_url:
            app.conf.broker_url = self.broker_url
            _drop_pools(app)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self.stop()
                raise HarnessError(f"worker exited early:\n{self.log()}")
            if b"ready." in self.log_path.read_bytes():
                return self
            time.sleep(0.2)
        # Never leave a worker behind: a fixture whose start fails does not reach its teardown.
        log = self.log()
        self.stop()
        raise HarnessError(f"worker did not become ready:\n{log}")

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def cpu_seconds(self) -> float | None:
        """User and system CPU time of the worker and its pool processes so far (Linux /proc), or None."""
        tick = os.sysconf("SC_CLK_TCK")
        pids, total = [self.process.pid], 0
        try:
            while pids:
                pid = pids.pop()
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                total += int(fields[11]) + int(fields[12])  # utime, stime
                children = Path(f"/proc/{pid}/task/{pid}/children")
                pids.extend(int(child) for child in children.read_text().split())
        except (OSError, ValueError, IndexError):
            return None
        return total / tick

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 15.0) -> None:
        from portal.celery import app

        if self._previous is not None:
            # Put back only what is still ours: if the routing was changed since (a `use_broker` block that has
            # ended, another worker), restoring our "previous" would point this process at a broker that may be
            # gone (a private Redis stopped by its test), and every later test in the process would fail.
            queue, broker_url = self._previous
            if app.conf.task_default_queue == self.queue:
                app.conf.task_default_queue = queue
            if app.conf.broker_url == self.broker_url and broker_url != self.broker_url:
                app.conf.broker_url = broker_url
                _drop_pools(app)
            self._previous = None
        if self.process and self.process.poll() is None:
            self.process.send_signal(sig)
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self._log_file is not None:
            self._log_file.close()
            self._log_file = None

    def __enter__(self) -> WorkerProcess:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


class WebProcess:
    """A real web process (gunicorn, one worker process with a few threads) on a free loopback port, against this
    process's database; ``env`` adds to its environment (REDIS_URL, MURA_VAR_DIR, ...)."""

    def __init__(self, *, log_dir: Path, env: dict[str, str] | None = None, threads: int = 4):
        self.port = free_port()
        self.extra_env = env or {}
        self.threads = threads
        self.process: subprocess.Popen | None = None
        self.log_path = Path(log_dir) / f"web-{self.port}-{uuid.uuid4().hex[:6]}.log"
        self._log_file = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def environment(self) -> dict[str, str]:
        env = dict(os.environ)
        env.update({"DJANGO_SETTINGS_MODULE": "portal.settings", "DATABASE_URL": database_url(), "DEBUG": "true"})
        env.update(self.extra_env)
        return env

    def start(self, timeout: float = 90.0) -> WebProcess:
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        self._log_file = open(self.log_path, "wb")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(  # noqa: S603 - our own interpreter and fixed arguments
            [
                sys.executable,
                "-m",
                "gunicorn",
                "portal.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                "1",
                "--threads",
                str(self.threads),
                "--timeout",
                "120",
            ],
            cwd=ROOT,
            env=self.environment(),
            stdout=self._log_file,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                log = self.log()
                self.stop()
                raise HarnessError(f"web process exited early:\n{log}")
            if port_open("127.0.0.1", self.port, timeout=0.2):
                return self
            time.sleep(0.2)
        log = self.log()
        self.stop()
        raise HarnessError(f"web process did not listen within {timeout:.0f} s:\n{log}")

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def stop(self, timeout: float = 15.0) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self._log_file is not None:
            self._log_file.close()
            self._log_file = None

    def __enter__(self) -> WebProcess:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


class SMTPSink:
    """A real SMTP server (aiosmtpd) on a free loopback port; ``handler`` decides what it answers and keeps."""

    def __init__(self, handler) -> None:
        from aiosmtpd.controller import Controller

        self.handler = handler
        self.port = free_port()
        self.controller = Controller(handler, hostname="127.0.0.1", port=self.port)

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"

    def start(self) -> SMTPSink:
        self.controller.start()
        return self

    def stop(self) -> None:
        self.controller.stop()

    def __enter__(self) -> SMTPSink:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
