"""Production collects its static files with a manifest (DEBUG off: whitenoise's CompressedManifest storage), which
rewrites every reference inside CSS and JavaScript and refuses one to a file that is not there, such as a vendored
library's ``sourceMappingURL`` without its ``.map``. The test suite runs with DEBUG on and never collects, so this
test collects with the same manifest post-processing into a scratch directory."""

from __future__ import annotations

from django.core.management import call_command
from django.test import override_settings


def test_static_files_collect_with_the_production_manifest(tmp_path):
    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        # The manifest post-processing of production, without whitenoise's compression (slow, and not the point).
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    with override_settings(STORAGES=storages, STATIC_ROOT=tmp_path):
        call_command("collectstatic", interactive=False, verbosity=0)
    assert (tmp_path / "staticfiles.json").exists()
