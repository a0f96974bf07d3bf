"""`manage.py send_reminders`: plans and sends in the foreground, or only prints with --dry-run."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from reminders.models import Delivery
from tests.reminders import dataset

pytestmark = pytest.mark.django_db


def _run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("send_reminders", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_send_reminders_dry_run_prints_every_digest_and_writes_nothing(smtp_backend):
    data = dataset.build()

    out, err = _run("--dry-run", "--date", dataset.TODAY.isoformat())

    assert Delivery.objects.count() == 0
    assert smtp_backend.received == []
    would_send = sorted(line.split()[0] for line in out.splitlines() if line.endswith("would send"))
    assert would_send == sorted(data.expected)
    assert "ESCALATED" in out
    assert "Reserve One: periodic review" in out
    assert "1 responsible organizations have no contact e-mail" in err


def test_send_reminders_plans_and_sends_then_nothing_more_in_the_cycle(smtp_backend):
    data = dataset.build()

    out, _err = _run("--date", dataset.TODAY.isoformat())

    assert f"{len(data.expected)} new deliveries, 0 already planned" in out
    assert sorted(line.split()[1] for line in out.splitlines() if line.startswith("  sent")) == sorted(data.expected)
    assert dict(smtp_backend.by_recipient()) == dict.fromkeys(data.expected, 1)

    again, _err = _run("--date", dataset.TODAY.isoformat())
    dry, _err = _run("--dry-run", "--date", dataset.TODAY.isoformat())

    assert f"0 new deliveries, {len(data.expected)} already planned" in again
    assert "nothing to send" in again
    assert dry.count("already sent") == len(data.expected)
    assert len(smtp_backend.received) == len(data.expected)


def test_send_reminders_reports_failures(smtp_backend):
    dataset.build()
    smtp_backend.handler.permanent_failures.add("ngo@example.org")
    smtp_backend.handler.temporary_failures["john@example.org"] = 1

    out, _err = _run("--date", dataset.TODAY.isoformat())

    assert "  failed    ngo@example.org (2 items): SMTPRecipientsRefused" in out
    assert "  retry     john@example.org (4 items): SMTPDataError" in out
    assert "Done: 1 failed, 1 retry, 5 sent." in out


def test_send_reminders_bad_date_is_refused():
    with pytest.raises(CommandError, match="--date"):
        _run("--date", "2025-13-40")
