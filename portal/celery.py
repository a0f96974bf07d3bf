"""The Celery application. Tasks live in each app's tasks.py; the beat schedule lives here, in code."""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

app = Celery("mura")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


def _ensure_broker_dirs() -> None:
    from django.conf import settings

    if settings.CELERY_BROKER_URL.startswith("filesystem://"):
        for key in ("data_folder_in", "data_folder_out", "control_folder"):
            os.makedirs(settings.CELERY_BROKER_TRANSPORT_OPTIONS[key], exist_ok=True)
        # The filesystem transport has no fan-out exchange: remote control and events need one.
        app.conf.worker_enable_remote_control = False
        app.conf.worker_send_task_events = False


def _beat_schedule() -> dict:
    from django.conf import settings

    return {
        "plan-reminders-daily": {
            "task": "reminders.plan_reminders",
            "schedule": crontab(hour=settings.REMINDER_HOUR, minute=0),
        },
        # The participants' news of their seminars' recommendations: within the hour of the first change of a
        # week, at most one digest a week each (reminders.news).
        "plan-news-hourly": {
            "task": "reminders.plan_news",
            "schedule": crontab(minute=23),
        },
        "sweep-stuck-deliveries": {
            "task": "reminders.sweep_stuck_deliveries",
            "schedule": crontab(minute="*/10"),
        },
        "purge-stale-imports": {
            "task": "seminars.purge_stale_imports",
            "schedule": crontab(minute=17),
        },
        "plan-seminar-reminders": {
            "task": "seminars.plan_seminar_reminders",
            "schedule": crontab(minute=7),
        },
        "send-feedback-requests": {
            "task": "seminars.send_feedback_requests",
            "schedule": crontab(minute=27),
        },
        "anonymise-inactive-people": {
            "task": "seminars.anonymise_inactive_people",
            "schedule": crontab(hour=3, minute=41),
        },
    }


@app.on_configure.connect
def _configure(sender, **kwargs):  # pragma: no cover - wiring
    _ensure_broker_dirs()
    sender.conf.beat_schedule = _beat_schedule()
