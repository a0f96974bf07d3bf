from __future__ import annotations

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from portal.demo import DEMO_PASSWORD
from portal.models import User

pytestmark = pytest.mark.django_db


def _row_counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def test_load_demo_twice_gives_the_same_row_counts(settings):
    settings.DEBUG = True
    call_command("load_demo", verbosity=0)
    first = _row_counts()
    call_command("load_demo", verbosity=0)
    assert _row_counts() == first
    assert first["portal.User"] == 5


def test_every_demo_account_can_log_in(client, settings):
    settings.DEBUG = True
    call_command("load_demo", verbosity=0)
    for email in [
        "admin@example.org",
        "organizer@example.org",
        "manager@example.org",
        "focal@example.org",
        "official@example.org",
    ]:
        assert client.login(email=email, password=DEMO_PASSWORD), email
        client.logout()
    assert User.objects.get(email="admin@example.org").is_staff


def test_load_demo_refuses_without_debug_unless_forced(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--force"):
        call_command("load_demo", verbosity=0)
    call_command("load_demo", "--force", verbosity=0)
    assert User.objects.count() == 5


def test_load_demo_has_the_2022_regions_and_akimat_hierarchy(settings):
    from portal.models import Organization, Region

    settings.DEBUG = True
    call_command("load_demo", verbosity=0)
    assert {"zhetisu-region", "abai-region", "ulytau-region"} <= set(Region.objects.values_list("slug", flat=True))
    assert Region.objects.get(slug="almaty-region").centre_en == "Konaev"
    sarkand = Organization.objects.get(slug="akimat-sarkand-district")
    assert sarkand.parent.slug == "akimat-zhetisu-region"
