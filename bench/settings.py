"""The portal's own settings plus the benchmark: its app (the `generate_world_data` command) and its reference
views under /_bench/. Production never installs either."""

from portal.settings import *  # noqa: F403
from portal.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "bench"]
ROOT_URLCONF = "bench.urls"
