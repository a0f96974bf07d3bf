"""A real Celery worker (on Redis, against the test database) sends the screening notices in each recipient's
language: the manager of Altyn-Emel hears of a road crossing its schematic buffer zone."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from tests.seminars.test_worker_emails import mails_to, text_of
from tests.services import wait_for
from tests.works import test_screening
from tests.works.test_screening import north_south
from works.models import ScreeningNotice
from zones import geometry as geo

pytestmark = pytest.mark.services

altyn_emel = test_screening.altyn_emel  # the fixture


def test_road_crossing_the_buffer_notifies_the_manager_through_the_worker(
    celery_worker,
    client,
    altyn_emel,
    site_manager,
    official,
):
    site_manager.language = "ru"
    site_manager.save()
    client.force_login(official)
    line = {"type": "Feature", "properties": {}, "geometry": json.loads(geo.to_geojson(north_south(20)))}
    response = client.post(
        reverse("works:create"),
        {
            "title": "Дорога к Поющему бархану",
            "kind": "road",
            "stage": "design",
            "responsible_body": "Акимат",
            "screening_distance_m": 5000,
            "drawn": json.dumps(line),
        },
    )
    assert response.status_code == 302
    found = wait_for(lambda: mails_to(celery_worker.mail_dir, site_manager.email), timeout=30)
    assert found, celery_worker.log()
    [message] = found
    body = text_of(message)
    assert "Дорога к Поющему бархану" in message["Subject"]
    assert "Алтын-Эмель" in body and "пересекает её на протяжении" in body  # in Russian, the manager's language
    assert ScreeningNotice.objects.get(recipient_email=site_manager.email).sent_at is not None
    assert wait_for(lambda: mails_to(celery_worker.mail_dir, "park@example.org"), timeout=30)
