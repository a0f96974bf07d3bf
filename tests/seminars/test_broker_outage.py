"""A broker that is down never fails the web request: the e-mail is not queued, the error is logged."""

from __future__ import annotations

import logging

import pytest
from django.urls import reverse

from portal.celery import app
from seminars.models import Registration
from tests.seminars.selfreg import confirm_url, link_token
from tests.services import free_port

pytestmark = pytest.mark.django_db


@pytest.fixture
def broker_down():
    """Point Celery at a Redis port where nothing listens (a real connection refused, no mock)."""
    # Celery caches the connection pool and the producer pool built on it: both must be swapped and restored,
    # or later tests would keep publishing to the dead broker.
    previous = app.conf.broker_url, app._pool, app.amqp._producer_pool
    app.conf.broker_url = f"redis://127.0.0.1:{free_port()}/0"
    app._pool = app.amqp._producer_pool = None
    yield
    app.conf.broker_url, app._pool, app.amqp._producer_pool = previous


def test_self_registration_succeeds_with_the_broker_down(
    client, seminar, broker_down, caplog, django_capture_on_commit_callbacks
):
    with (
        caplog.at_level(logging.ERROR, logger="portal.tasks"),
        django_capture_on_commit_callbacks(execute=True) as callbacks,
    ):
        response = client.post(
            reverse("seminars:register", kwargs={"slug": seminar.slug}),
            {
                "full_name": "Asel",
                "email": "asel@example.org",
                "gender": "female",
                "language": "en",
                "consent": "on",
            },
        )
    assert response.status_code == 200
    assert "Check your e-mail" in response.content.decode()
    with caplog.at_level(logging.ERROR, logger="portal.tasks"), django_capture_on_commit_callbacks(execute=True):
        response = client.post(confirm_url(seminar, link_token(callbacks)))
    assert "You are registered" in response.content.decode()
    assert Registration.objects.get().confirmation_sent_at is None
    assert "could not enqueue seminars.send_registration_confirmation" in caplog.text
