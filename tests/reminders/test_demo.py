"""The demo: after `load_demo` commits, the worker really sends this cycle's digests (as files, like var/mail/)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.management import call_command
from django.utils import timezone

from portal.models import Organization
from reminders.models import Delivery
from tests.factories import RecommendationFactory
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

    def all_sent():
        statuses = set(Delivery.objects.values_list("status", flat=True))
        return statuses == {Delivery.Status.SENT}

    assert wait_for(all_sent, timeout=90), file_mail_worker.log()
    sent = sorted(Delivery.objects.values_list("recipient_email", "status"))
    assert ("akimat-almaty-region@example.org", "sent") in sent

    call_command("load_demo", verbosity=0)  # once more: the same cycle, nothing new
    wait_for(lambda: False, timeout=3)
    assert sorted(Delivery.objects.values_list("recipient_email", "status")) == sent

    # One digest per recipient, each e-mailed once; the Almaty region's links to the new recommendation.
    mails = {path.name: path.read_text() for path in file_mail_worker.mail_dir.glob("*.log")}
    everything = "".join(mails.values())
    # The file backend separates messages with a line of dashes; the digests carry X-Mura-Delivery (the demo also
    # e-mails notices of its screened road to the managers of the sites it touches).
    digests = [m for m in re.split(r"\n-{79}\n", everything) if "X-Mura-Delivery:" in m]
    for email, _status in sent:
        assert sum(f"To: {email}" in digest for digest in digests) == 1, email
    almaty = [text for text in mails.values() if "To: akimat-almaty-region@example.org" in text]
    assert f"/recommendations/{rec.pk}/report/" in almaty[0]
