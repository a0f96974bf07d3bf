"""Issue 22, item 5: the portal on several hosts. Two web processes (gunicorn) and two Celery workers, each with a
MURA_VAR_DIR of its own (nothing on one host's disk is seen by another), against one PostgreSQL database (this test
run's own) and one Redis (REDIS_URL, under a cache key prefix and queues of this test's own).

- a session started on one web process works on the other, and a log-out on one ends it on both;
- a participant import uploaded and mapped on one web process is confirmed on the other (the pending import lives
  in the database: seminars/import_store.py);
- both workers plan the same reminder cycle and both send: every recipient gets one digest.

A service test: skipped without PostgreSQL and Redis, a failure under REQUIRE_SERVICES=1 (CI).
"""

from __future__ import annotations

import re
import signal
import time
import uuid

import pytest
import requests
from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.urls import reverse

from portal import harness, roles
from reminders.models import Delivery
from reminders.tasks import plan_reminders, send_deliveries
from seminars.models import Registration
from tests import services
from tests.factories import OrganizationFactory, SeminarFactory, UserFactory
from tests.reminders import dataset
from tests.reminders.smtp import SMTPServer
from tests.seminars.spreadsheets import RU_HEADER, RU_ROWS, csv_bytes

# Transactional: four other processes read and write the test database.
pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

SECRET = "many-hosts-secret-key-" + "x" * 40  # one SECRET_KEY for every host, as in production
PASSWORD = "many-hosts-Pa55word"
TIMEOUT = 20  # seconds for one HTTP request to a loaded host


@pytest.fixture
def smtp_server():
    server = SMTPServer().start()
    yield server
    server.stop()


@pytest.fixture
def cluster(transactional_db, redis_url, smtp_server, tmp_path):
    """Two web processes and two workers, each with its own var directory and worker queue."""
    services.postgres_or_skip()
    prefix = f"mura-test-{uuid.uuid4().hex[:12]}"
    common = {
        "REDIS_URL": redis_url,
        "CACHE_KEY_PREFIX": prefix,
        "SECRET_KEY": SECRET,
        "EMAIL_URL": smtp_server.url,
        "EMAIL_TIMEOUT": "5",
        "PORTAL_BASE_URL": "https://mura.example.org",
    }
    workers, webs = [], []
    try:
        for name in ("worker-a", "worker-b"):
            worker = services.WorkerProcess(
                broker_url=redis_url, env={**common, "MURA_VAR_DIR": str(tmp_path / name)}, queue_prefix="many-hosts"
            )
            workers.append(worker)
            worker.start(timeout=90)
        for name, worker in (("web-a", workers[0]), ("web-b", workers[1])):
            env = {**common, "MURA_VAR_DIR": str(tmp_path / name), "CELERY_DEFAULT_QUEUE": worker.queue}
            web = harness.WebProcess(log_dir=settings.VAR_DIR, env=env)
            webs.append(web)
            web.start()
        for web in webs:
            assert services.wait_for(lambda web=web: _healthy(web), timeout=60), web.log()
        yield {"webs": webs, "workers": workers}
    finally:
        processes = [*webs, *reversed(workers)]
        for process in processes:  # all at once: each takes a few seconds to shut down warmly
            if process.process and process.process.poll() is None:
                process.process.send_signal(signal.SIGTERM)
        for process in processes:
            process.stop()
        services.delete_redis_keys(redis_url, prefix)


def _healthy(web) -> bool:
    try:
        return requests.get(f"{web.url}/healthz", timeout=5).text == "ok"
    except requests.RequestException:
        return False


def _csrf(session: requests.Session, url: str) -> str:
    """Visit ``url`` for the CSRF cookie; the token is its value."""
    session.get(url, timeout=TIMEOUT)
    return session.cookies["csrftoken"]


def _organizer():
    organization = OrganizationFactory(slug="many-hosts-akimat")
    user = UserFactory(email="organizer@many-hosts.example", organization=organization, role=roles.ORGANIZER)
    # Hashed as the web processes hash (the test process itself uses a fast hasher).
    user.password = PBKDF2PasswordHasher().encode(PASSWORD, PBKDF2PasswordHasher().salt(), iterations=1000)
    user.save(update_fields=["password"])
    seminar = SeminarFactory(slug="many-hosts-seminar", organizers=[organization])
    return user, seminar


def test_two_web_processes_and_two_workers_act_as_one_portal(cluster, smtp_server):
    """One cluster for all three checks: starting four Django processes is the slow part on a loaded CI host."""
    _a_session_and_an_import_move_between_web_processes(cluster)
    _two_workers_plan_and_send_one_digest_per_recipient(cluster, smtp_server)


def _a_session_and_an_import_move_between_web_processes(cluster):
    web_a, web_b = cluster["webs"]
    user, seminar = _organizer()
    login = reverse("account_login")
    import_url = reverse("seminars:import", kwargs={"slug": seminar.slug})
    map_url = reverse("seminars:import_map", kwargs={"slug": seminar.slug})
    preview_url = reverse("seminars:import_preview", kwargs={"slug": seminar.slug})

    browser = requests.Session()
    token = _csrf(browser, web_a.url + login)
    signed_in = browser.post(
        web_a.url + login,
        {"login": user.email, "password": PASSWORD, "csrfmiddlewaretoken": token},
        timeout=TIMEOUT,
        allow_redirects=False,
    )
    assert signed_in.status_code == 302, signed_in.text[:2000]

    # The session from host A is good on host B.
    for web in (web_a, web_b):
        page = browser.get(web.url + import_url, timeout=TIMEOUT, allow_redirects=False)
        assert page.status_code == 200, (web.url, page.status_code, page.headers.get("Location"))

    # Upload and map on A, confirm on B.
    headers = {"X-CSRFToken": browser.cookies["csrftoken"]}
    uploaded = browser.post(
        web_a.url + import_url,
        files={"file": ("participants.csv", csv_bytes(RU_HEADER, RU_ROWS), "text/csv")},
        headers=headers,
        timeout=TIMEOUT,
        allow_redirects=False,
    )
    assert uploaded.status_code == 302 and uploaded.headers["Location"].endswith(map_url), uploaded.text[:2000]
    mapping = ["full_name", "email", "phone", "organization", "position", "gender", "language"]
    mapped = browser.post(
        web_a.url + map_url,
        {f"col_{i}": field for i, field in enumerate(mapping)},
        headers=headers,
        timeout=TIMEOUT,
        allow_redirects=False,
    )
    assert mapped.status_code == 302 and mapped.headers["Location"].endswith(preview_url), mapped.text[:2000]
    preview = browser.get(web_b.url + preview_url, timeout=TIMEOUT)
    assert preview.status_code == 200 and "Айгерим Пример" in preview.text
    confirmed = browser.post(web_b.url + preview_url, headers=headers, timeout=TIMEOUT)
    assert confirmed.status_code == 200
    assert "Imported 2 participants" in confirmed.text
    assert sorted(Registration.objects.filter(seminar=seminar).values_list("person__email", flat=True)) == [
        "aigerim@example.org",
        "bolat@example.org",
    ]

    # A log-out on B ends the session on A at once.
    logged_out = browser.post(web_b.url + reverse("account_logout"), headers=headers, timeout=TIMEOUT)
    assert logged_out.status_code == 200
    after = browser.get(web_a.url + import_url, timeout=TIMEOUT, allow_redirects=False)
    assert after.status_code == 302 and login in after.headers["Location"]


def _two_workers_plan_and_send_one_digest_per_recipient(cluster, smtp_server):
    worker_a, worker_b = cluster["workers"]
    data = dataset.build()
    plan = {"date": dataset.TODAY.isoformat()}
    # Both hosts plan the same cycle, twice each; each sends what it planned through its own queue.
    for _round in range(2):
        for worker in (worker_a, worker_b):
            plan_reminders.apply_async(kwargs=plan, queue=worker.queue)
    assert services.wait_for(lambda: Delivery.objects.count() == len(data.expected), timeout=90), worker_a.log()
    # And the whole batch is handed to both at once, as after a sweep on each host.
    ids = list(Delivery.objects.values_list("pk", flat=True))
    for worker in (worker_a, worker_b):
        send_deliveries.apply_async(kwargs={"delivery_ids": ids}, queue=worker.queue)
    sent = Delivery.Status.SENT
    assert services.wait_for(lambda: Delivery.objects.filter(status=sent).count() == len(data.expected), timeout=90), (
        worker_b.log()
    )
    before = len(smtp_server.received)
    time.sleep(2)  # a stray duplicate would arrive now
    assert len(smtp_server.received) == before
    assert dict(smtp_server.by_recipient()) == dict.fromkeys(data.expected, 1)
    assert Delivery.objects.count() == len(data.expected)
    for worker in (worker_a, worker_b):  # both hosts really did plan and send
        assert services.wait_for(lambda worker=worker: _succeeded(worker, "plan_reminders") == 2, timeout=30)
        assert services.wait_for(lambda worker=worker: _succeeded(worker, "send_deliveries") >= 1, timeout=30)


def _succeeded(worker, task: str) -> int:
    return len(re.findall(rf"Task [\w.]*{task}\[[^\]]+\] succeeded", worker.log()))
