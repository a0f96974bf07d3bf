"""The demo: after `load_demo` commits, the worker really sends this cycle's digests (as files, like var/mail/)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from portal.models import Organization
from reminders.models import Delivery
from tests.reminders.factories import RecommendationFactory
from tests.services import WorkerProcess, postgres_or_skip, wait_for

pytestmark = pytest.mark.services


@pytest.fixture
def file_mail_worker(transactional_db, redis_url, tmp_path):
    """A worker as `make run` starts it: e-mail written as files."""
    postgres_or_skip()
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    worker = WorkerProcess(broker_url=redis_url, env={"EMAIL_URL": f"filemail://{mail_dir}"})
    worker.mail_dir = mail_dir
    worker.start(timeout=60)
    yield worker
    worker.stop()


def test_load_demo_makes_the_worker_send_the_demo_reminders(file_mail_worker, settings):
    settings.DEBUG = True
    call_command("load_demo", verbosity=0)
    akimat = Organization.objects.get(slug="akimat-almaty-region")
    rec = RecommendationFactory(
        lead_organization=akimat,
        title_ru="Разработать план управления",
        due_date=timezone.localdate() - dt.timedelta(days=10),
    )

    call_command("load_demo", verbosity=0)  # commits, then asks the worker to plan and send

    assert wait_for(lambda: Delivery.objects.filter(status="sent").exists(), timeout=60), file_mail_worker.log()
    call_command("load_demo", verbosity=0)  # once more: the same cycle, nothing new
    wait_for(lambda: False, timeout=3)
    assert list(Delivery.objects.values_list("recipient_email", "status")) == [
        ("akimat-almaty-region@example.org", "sent")
    ]
    mail = "".join(path.read_text() for path in file_mail_worker.mail_dir.glob("*.log"))
    assert mail.count("To: akimat-almaty-region@example.org") == 1
    assert f"/recommendations/{rec.pk}/report/" in mail
