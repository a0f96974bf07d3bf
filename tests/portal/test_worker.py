"""A task enqueued inside a request runs in a real worker process on Redis (REQUIRE_SERVICES in CI)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import UserFactory
from tests.services import wait_for

pytestmark = pytest.mark.services


def test_task_enqueued_in_a_request_runs_in_a_real_worker(celery_worker, client):
    user = UserFactory(email="zhanar@example.org")
    client.force_login(user)

    response = client.post(reverse("test_email"))
    assert response.status_code == 302

    # The file backend creates the file when it connects and writes the message after rendering it: wait for both.
    files = wait_for(lambda: [f for f in sorted(celery_worker.mail_dir.glob("*.log")) if f.stat().st_size], timeout=30)
    assert files, celery_worker.log()
    message = files[0].read_text()
    assert "To: zhanar@example.org" in message
    assert "test e-mail from Mura" in message
