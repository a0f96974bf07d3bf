from __future__ import annotations

import pytest
from django.test import Client

from tests.conftest import PERSONAS


@pytest.fixture
def persona_clients(request) -> dict[str, Client]:
    """A fresh client per persona (no cookie of one persona's request leaks into another's)."""
    clients = {}
    for persona in PERSONAS:
        client = Client()
        if persona != "anonymous":
            client.force_login(request.getfixturevalue(persona))
        clients[persona] = client
    return clients
