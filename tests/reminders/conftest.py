from __future__ import annotations

import logging

import pytest

from tests import services
from tests.reminders.smtp import SMTPServer

# aiosmtpd logs every SMTP command at INFO.
logging.getLogger("mail.log").setLevel(logging.WARNING)


@pytest.fixture
def smtp_server():
    server = SMTPServer().start()
    yield server
    server.stop()


@pytest.fixture
def smtp_backend(settings, smtp_server):
    """Django's SMTP backend pointed at the loopback server."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = smtp_server.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5
    return smtp_server


@pytest.fixture
def private_redis():
    """A redis-server of this test's own, which it may stop and start (never the shared one)."""
    server = services.RedisServer().start()
    yield server
    server.stop()


@pytest.fixture
def start_worker(transactional_db, smtp_server):
    """Start real `celery worker` processes against the test database, sending into the loopback SMTP server.

    Retries are fast here (1 s, 2 s, 4 s) so that a test sees them through.
    """
    services.postgres_or_skip()
    started: list[services.WorkerProcess] = []

    def start(*, broker_url: str, queue: str | None = None, pool: str = "prefork", concurrency: int = 1):
        worker = services.WorkerProcess(
            broker_url=broker_url,
            queue=queue,
            pool=pool,
            concurrency=concurrency,
            env={
                "EMAIL_URL": smtp_server.url,
                "EMAIL_TIMEOUT": "5",
                "PORTAL_BASE_URL": "https://mura.example.org",
                "REMINDER_RETRY_BASE_SECONDS": "1",
                "REMINDER_RETRY_MAX_SECONDS": "4",
            },
        )
        started.append(worker)
        return worker.start(timeout=60)

    yield start
    for worker in reversed(started):
        worker.stop()
