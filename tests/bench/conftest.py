from __future__ import annotations

import pytest


@pytest.fixture
def bench_app(settings):
    """The bench app as bench/settings.py installs it (the portal's own settings never do)."""
    settings.INSTALLED_APPS = [*settings.INSTALLED_APPS, "bench"]
