from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal.celery import app
from tests.services import free_port

pytestmark = pytest.mark.django_db


def test_healthz_answers_ok_without_touching_the_database(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/healthz")
    assert (response.status_code, response.content, len(queries)) == (200, b"ok", 0)


def test_readyz_ok_when_database_and_broker_answer(client, settings, tmp_path):
    # The filesystem broker needs no server: ready as long as its folder is usable.
    app.conf.broker_url = "filesystem://"
    app.conf.broker_transport_options = {
        "data_folder_in": str(tmp_path),
        "data_folder_out": str(tmp_path),
        "control_folder": str(tmp_path),
    }
    try:
        response = client.get("/readyz")
    finally:
        app.conf.broker_url = settings.CELERY_BROKER_URL
        app.conf.broker_transport_options = settings.CELERY_BROKER_TRANSPORT_OPTIONS
    assert (response.status_code, response.json()["down"]) == (200, [])


def test_readyz_503_names_the_broker_when_its_port_is_closed(client, settings):
    app.conf.broker_url = f"redis://127.0.0.1:{free_port()}/0"
    app.conf.broker_transport_options = {"socket_connect_timeout": 1}
    try:
        response = client.get("/readyz")
    finally:
        app.conf.broker_url = settings.CELERY_BROKER_URL
        app.conf.broker_transport_options = settings.CELERY_BROKER_TRANSPORT_OPTIONS
    assert response.status_code == 503
    assert response.json()["down"] == ["broker"]
    assert response["Content-Type"] == "application/json"


def test_readyz_names_what_is_down_without_the_error_text(client, settings, caplog):
    """Issue 13, L7: the error text (host, port, role) goes to the log, not to whoever asks."""
    port = free_port()
    app.conf.broker_url = f"redis://127.0.0.1:{port}/0"
    app.conf.broker_transport_options = {"socket_connect_timeout": 1}
    try:
        response = client.get("/readyz")
    finally:
        app.conf.broker_url = settings.CELERY_BROKER_URL
        app.conf.broker_transport_options = settings.CELERY_BROKER_TRANSPORT_OPTIONS
    assert response.json() == {"status": "unavailable", "down": ["broker"]}
    assert str(port) not in response.content.decode() and "127.0.0.1" not in response.content.decode()
    assert any("broker is down" in r.getMessage() for r in caplog.records)
