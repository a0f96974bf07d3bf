"""The portal's own settings, plus the benchmark's reference views under /_bench/ (never mounted in production)."""

from portal.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
